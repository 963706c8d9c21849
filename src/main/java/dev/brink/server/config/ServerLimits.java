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
 */
public record ServerLimits(long maxViewWork, int maxLevels, int maxSteps, long maxRestPixels,
    int maxSessions, int maxSweeps, long maxBodyBytes) {

  /** Safe defaults for a lab machine shared by a few dozen people. */
  public static ServerLimits defaults() {
    return new ServerLimits(10_000_000_000L, 24, 100_000, 1L << 20, 200, 4, 64 * 1024);
  }

  public ServerLimits withMaxSessions(int n) {
    return new ServerLimits(maxViewWork, maxLevels, maxSteps, maxRestPixels, n, maxSweeps,
        maxBodyBytes);
  }

  public ServerLimits withMaxSweeps(int n) {
    return new ServerLimits(maxViewWork, maxLevels, maxSteps, maxRestPixels, maxSessions, n,
        maxBodyBytes);
  }

  public ServerLimits withMaxBodyBytes(long n) {
    return new ServerLimits(maxViewWork, maxLevels, maxSteps, maxRestPixels, maxSessions,
        maxSweeps, n);
  }

  /** The limits, for clients (hello message, /api/families). */
  Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("max_view_work", maxViewWork);
    m.put("max_levels", maxLevels);
    m.put("max_steps", maxSteps);
    m.put("max_rest_pixels", maxRestPixels);
    m.put("max_sessions", maxSessions);
    m.put("max_sweeps", maxSweeps);
    m.put("max_body_bytes", maxBodyBytes);
    return m;
  }
}
