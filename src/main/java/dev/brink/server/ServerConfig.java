package dev.brink.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a server runs and what it accepts. Limits refuse work that would take the server over;
 * the refusal names the limit.
 *
 * @param host address to bind
 * @param port TCP port, 0 for any free one
 * @param dataDir where brink keeps its files
 * @param computeThreads threads that run GD
 * @param window frames a viewer may have unacknowledged
 * @param cacheBytes bound of the tile cache
 * @param maxViewTiles tiles one plane view may ask for
 * @param maxLevels levels of a line view or /api/line
 * @param maxSteps GD steps per run
 * @param maxRestPixels pixels of one /api/plane
 * @param maxSessions open viewer WebSockets at once
 * @param allowedOrigins pages on other origins that may open the WebSocket and call the REST
 *     API from a browser (embedding sites), e.g. "https://lab.example.org"; the server's own
 *     origin is always allowed
 */
public record ServerConfig(String host, int port, Path dataDir, int computeThreads, int window,
    long cacheBytes, int maxViewTiles, int maxLevels, int maxSteps, long maxRestPixels,
    int maxSessions, List<String> allowedOrigins) {

  public ServerConfig {
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  /** Usable defaults: loopback, port 8080, ./data, one compute thread per core. */
  public static ServerConfig defaults() {
    return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, Path.of("data"),
        Runtime.getRuntime().availableProcessors(), 8, 256L << 20, 256, 24, 100_000,
        1L << 20, 200, List.of());
  }

  public ServerConfig withAddress(String host, int port, Path dataDir) {
    return new ServerConfig(host, port, dataDir, computeThreads, window, cacheBytes,
        maxViewTiles, maxLevels, maxSteps, maxRestPixels, maxSessions, allowedOrigins);
  }

  public ServerConfig withWindow(int window) {
    return new ServerConfig(host, port, dataDir, computeThreads, window, cacheBytes,
        maxViewTiles, maxLevels, maxSteps, maxRestPixels, maxSessions, allowedOrigins);
  }

  public ServerConfig withAllowedOrigins(List<String> origins) {
    return new ServerConfig(host, port, dataDir, computeThreads, window, cacheBytes,
        maxViewTiles, maxLevels, maxSteps, maxRestPixels, maxSessions, origins);
  }

  /** The same config with other limits and compute resources. */
  public ServerConfig withLimits(int computeThreads, long cacheBytes, int maxViewTiles,
      int maxLevels, int maxSteps, long maxRestPixels, int maxSessions) {
    return new ServerConfig(host, port, dataDir, computeThreads, window, cacheBytes,
        maxViewTiles, maxLevels, maxSteps, maxRestPixels, maxSessions, allowedOrigins);
  }

  /** The limits, for clients (hello message, /api/families). */
  public Map<String, Object> limits() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("window", window);
    m.put("max_view_tiles", maxViewTiles);
    m.put("max_levels", maxLevels);
    m.put("max_steps", maxSteps);
    m.put("max_rest_pixels", maxRestPixels);
    m.put("max_sessions", maxSessions);
    return m;
  }
}
