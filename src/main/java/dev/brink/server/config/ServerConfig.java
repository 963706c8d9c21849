package dev.brink.server.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a server runs and what it accepts.
 *
 * @param host address to bind
 * @param port TCP port, 0 for any free one
 * @param dataDir where brink keeps its files
 * @param computeThreads threads that run GD
 * @param window frames a viewer may have unacknowledged
 * @param cacheBytes bound of the tile cache
 * @param limits the requests it refuses
 * @param allowedOrigins pages on other origins that may open the WebSocket and call the REST
 *     API from a browser (embedding sites), e.g. "https://lab.example.org"; the server's own
 *     origin is always allowed
 * @param allowedHosts names besides localhost and IP addresses by which browsers may reach the
 *     server (its Host header), e.g. "brink.lab.example.org"; the hosts of the allowed origins
 *     are allowed too. Others are refused, so a page on a rebound DNS name cannot reach it.
 * @param cluster how to join a cluster whose worker nodes share the computing, or null to run
 *     alone
 */
public record ServerConfig(String host, int port, Path dataDir, int computeThreads, int window,
    long cacheBytes, ServerLimits limits, List<String> allowedOrigins, List<String> allowedHosts,
    ClusterSettings cluster) {

  public ServerConfig {
    allowedOrigins = List.copyOf(allowedOrigins);
    allowedHosts = List.copyOf(allowedHosts);
  }

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  /** Usable defaults: loopback, port 8080, ./data, one compute thread per core. */
  public static ServerConfig defaults() {
    return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, Path.of("data"),
        Runtime.getRuntime().availableProcessors(), 8, 256L << 20, ServerLimits.defaults(),
        List.of(), List.of(), null);
  }

  public ServerConfig withAddress(String host, int port, Path dataDir) {
    return new ServerConfig(host, port, dataDir, computeThreads, window, cacheBytes, limits,
        allowedOrigins, allowedHosts, cluster);
  }

  public ServerConfig withWindow(int window) {
    return new ServerConfig(host, port, dataDir, computeThreads, window, cacheBytes, limits,
        allowedOrigins, allowedHosts, cluster);
  }

  public ServerConfig withAllowedOrigins(List<String> origins) {
    return new ServerConfig(host, port, dataDir, computeThreads, window, cacheBytes, limits,
        origins, allowedHosts, cluster);
  }

  public ServerConfig withAllowedHosts(List<String> hosts) {
    return new ServerConfig(host, port, dataDir, computeThreads, window, cacheBytes, limits,
        allowedOrigins, hosts, cluster);
  }

  /** The same config with other compute resources. */
  public ServerConfig withCompute(int computeThreads, long cacheBytes) {
    return new ServerConfig(host, port, dataDir, computeThreads, window, cacheBytes, limits,
        allowedOrigins, allowedHosts, cluster);
  }

  public ServerConfig withLimits(ServerLimits limits) {
    return new ServerConfig(host, port, dataDir, computeThreads, window, cacheBytes, limits,
        allowedOrigins, allowedHosts, cluster);
  }

  public ServerConfig withCluster(ClusterSettings cluster) {
    return new ServerConfig(host, port, dataDir, computeThreads, window, cacheBytes, limits,
        allowedOrigins, allowedHosts, cluster);
  }

  /** The window and the limits, for clients (hello message, /api/families). */
  public Map<String, Object> clientLimits() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("window", window);
    m.putAll(limits.asMap());
    return m;
  }
}
