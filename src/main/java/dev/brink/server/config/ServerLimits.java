package dev.brink.server.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one server accepts. Work beyond a limit is refused, the refusal naming the limit and the
 * `brink serve` option that sets it (docs/operations.md).
 *
 * @param maxViewWork points x steps of a plane view's finest level; a larger view is served at
 *     the finest resolution within it
 * @param maxLevels levels of a line view or /api/line
 * @param maxSteps GD steps per run
 * @param maxRestPixels pixels of one /api/plane
 * @param maxSessions open viewer WebSockets at once
 * @param maxSweeps sweeps running at once
 * @param maxBodyBytes bytes of a request body (POST /api/sweeps)
 * @param maxNetworkViewWork points x steps of a view's finest level for family mlp, whose step
 *     costs about 7,000 of the others' (docs/science.md, Neural networks)
 */
public record ServerLimits(long maxViewWork, int maxLevels, int maxSteps, long maxRestPixels,
    int maxSessions, int maxSweeps, long maxBodyBytes, long maxNetworkViewWork) {

  /** 2^23: a 256 x 256 canvas at 128 steps, about two minutes of a network on 2 cores. */
  public static final long DEFAULT_NETWORK_VIEW_WORK = 1L << 23;

  /** Safe defaults for a lab machine shared by a few dozen people. */
  public static ServerLimits defaults() {
    return new ServerLimits(10_000_000_000L, 24, 100_000, 1L << 20, 200, 4, 64 * 1024,
        DEFAULT_NETWORK_VIEW_WORK);
  }

  public ServerLimits withMaxSessions(int n) {
    return new ServerLimits(maxViewWork, maxLevels, maxSteps, maxRestPixels, n, maxSweeps,
        maxBodyBytes, maxNetworkViewWork);
  }

  public ServerLimits withMaxSweeps(int n) {
    return new ServerLimits(maxViewWork, maxLevels, maxSteps, maxRestPixels, maxSessions, n,
        maxBodyBytes, maxNetworkViewWork);
  }

  public ServerLimits withMaxBodyBytes(long n) {
    return new ServerLimits(maxViewWork, maxLevels, maxSteps, maxRestPixels, maxSessions,
        maxSweeps, n, maxNetworkViewWork);
  }

  /** The limits, for clients (hello message, /api/families). */
  Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("max_view_work", maxViewWork);
    m.put("max_network_view_work", maxNetworkViewWork);
    m.put("max_levels", maxLevels);
    m.put("max_steps", maxSteps);
    m.put("max_rest_pixels", maxRestPixels);
    m.put("max_sessions", maxSessions);
    m.put("max_sweeps", maxSweeps);
    m.put("max_body_bytes", maxBodyBytes);
    return m;
  }
}
