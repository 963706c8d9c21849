package dev.brink.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/brink serve --cluster and bin/brink worker --cluster as real processes on loopback
 * (Hazelcast membership over TCP/IP, the Vert.x clustered event bus). Servers run the SIMD
 * kernel and workers the scalar one: every kernel gives the same bits, so results compare bit
 * for bit with a single node's, whichever node computed them.
 */
class ClusterIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<String, String> SIMD = Map.of("BRINK_KERNEL", "simd");
  static final Map<String, String> SCALAR = Map.of("BRINK_KERNEL", "scalar");
  static final String SWEEP = "{\"family\":\"additive\",\"x0\":5,\"levels\":16,"
      + "\"grid\":[\"eps=0.05:0.2:4\",\"lambda=0.5:1:4\"]}";

  @Test
  @DisplayName("a sweep computed by a server and a worker equals one server's; killing the "
      + "worker mid-sweep still completes it, each cell stored once")
  void sweepAcrossNodes(@TempDir Path dir) throws Exception {
    Map<Integer, JsonNode> alone;
    try (ServerProcess server = ServerProcess.start(dir.resolve("alone"),
        dir.resolve("alone.txt"), SIMD, "--threads", "1")) {
      alone = cells(server, runSweep(server));
    }
    try (ServerProcess server = ServerProcess.start(dir.resolve("cluster"),
        dir.resolve("serve.txt"), SIMD, "--threads", "1", "--cluster")) {
      String[] workerMetrics = new String[1];
      Process worker = startWorker(dir.resolve("worker.txt"), workerMetrics);
      try {
        awaitWorker(server);
        long id = JSON.readTree(LauncherIT.http(server.url + "api/sweeps", SWEEP)).get("id")
            .asLong();
        assertTrue(waitFor(() -> metric(server, "brink_remote_answered_total") >= 3, 120),
            "the worker answered computations");
        // Each node's meters carry its name: the worker's own, and the server's.
        String node = "node=\"127.0.0.1/" + worker.pid() + "\"";
        String scrape = LauncherIT.http(workerMetrics[0], null);
        assertTrue(scrape.lines().anyMatch(l -> l.startsWith("brink_worker_gd_steps_total{")
            && l.contains(node) && !l.endsWith(" 0.0")), "the worker's GD steps: " + scrape);
        assertTrue(LauncherIT.http(server.url + "metrics", null).lines().anyMatch(l ->
            l.startsWith("brink_remote_gd_steps_total{") && l.contains(node)),
            "the server counts the worker's steps under its name");
        assertTrue(LauncherIT.http(server.url + "metrics", null).contains(
            "node=\"127.0.0.1/" + server.process.pid() + "\""), "the server's own name");
        worker.destroyForcibly();
        worker.waitFor(10, TimeUnit.SECONDS);
        Map<Integer, JsonNode> clustered = cells(server, id);
        assertEquals(alone.keySet(), clustered.keySet(), "every cell stored once");
        for (int cell : alone.keySet()) {
          for (String field : new String[] {"alpha", "alpha_se", "gd_steps",
              "divergent_fraction", "nb"}) {
            assertEquals(alone.get(cell).get(field), clustered.get(cell).get(field),
                "cell " + cell + " " + field);
          }
        }
        assertTrue(waitFor(() -> log(server).contains("left the cluster"), 60),
            "the server saw the worker leave: " + log(server));
        System.out.printf("cluster: the worker answered %.0f computations before it was killed;"
                + " %.0f went back to the queue%n", metric(server, "brink_remote_answered_total"),
            metric(server, "brink_remote_requeued_total"));
      } finally {
        worker.destroyForcibly();
      }
    }
  }

  /** Runs a reproduction to its end; its report.json's results. */
  static JsonNode reproduce(ServerProcess server, String request) throws Exception {
    long id = JSON.readTree(LauncherIT.http(server.url + "api/reproductions", request))
        .get("id").asLong();
    JsonNode status = null;
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (System.nanoTime() < deadline) {
      status = JSON.readTree(LauncherIT.http(server.url + "api/reproductions/" + id, null));
      if (status.get("state").asText().equals("done")) {
        return JSON.readTree(LauncherIT.http(server.url + "api/reproductions/" + id
            + "/report/report.json", null)).get("results");
      }
      assertTrue(status.get("state").asText().equals("running"), status.toString());
      Thread.sleep(100);
    }
    throw new AssertionError("reproduction not done: " + status);
  }

  @Test
  @DisplayName("a reproduction's lines are computed by the server and a worker, and its numbers"
      + " equal one server's")
  void reproductionAcrossNodes(@TempDir Path dir) throws Exception {
    String request = "{\"profile\":\"smoke\",\"only\":[\"2b\"]}";
    JsonNode alone;
    try (ServerProcess server = ServerProcess.start(dir.resolve("alone"),
        dir.resolve("alone.txt"), SIMD, "--threads", "1")) {
      alone = reproduce(server, request);
    }
    try (ServerProcess server = ServerProcess.start(dir.resolve("cluster"),
        dir.resolve("serve.txt"), SIMD, "--threads", "1", "--cluster")) {
      Process worker = startWorker(dir.resolve("worker.txt"));
      try {
        awaitWorker(server);
        JsonNode clustered = reproduce(server, request);
        double answered = metric(server, "brink_remote_answered_total");
        assertTrue(answered >= 1, "the worker computed chunks of the lines: " + answered);
        assertTrue(metric(server, "brink_remote_gd_steps_total") > 0, "its GD steps counted");
        assertEquals(alone.size(), clustered.size());
        for (int i = 0; i < alone.size(); i++) {
          assertEquals(alone.get(i).get("comparisons"), clustered.get(i).get("comparisons"),
              alone.get(i).get("id") + ": brink's numbers, bit for bit");
          assertEquals(alone.get(i).get("gd_steps"), clustered.get(i).get("gd_steps"));
        }
        System.out.printf("cluster: the worker answered %.0f of the reproduction's chunks%n",
            answered);
      } finally {
        worker.destroyForcibly();
      }
    }
  }

  static String planeParams(int steps) {
    return "{\"family\":\"additive\",\"lambda\":1,\"x0\":5,\"steps\":" + steps
        + ",\"x\":\"eta:0.85:1.1\",\"y\":\"eps:0:0.3\"}";
  }

  @Test
  @DisplayName("a plane view computed by a server and a worker killed part way: every tile "
      + "once, every pixel's class as the server computes the plane alone")
  void planeAcrossNodes(@TempDir Path dir) throws Exception {
    try (ServerProcess server = ServerProcess.start(dir.resolve("cluster"),
        dir.resolve("serve.txt"), SIMD, "--threads", "1", "--cluster",
        "--max-rest-pixels", "300000")) {
      Process worker = startWorker(dir.resolve("worker.txt"));
      try {
        awaitWorker(server);
        int steps = 3000;
        PlaneViewer viewer = PlaneViewer.open(server, planeParams(steps));
        // First an answer (a cold worker's first tile may take a while), then a tile in hand
        // to kill it with.
        assertTrue(waitFor(() -> metric(server, "brink_remote_answered_total") >= 1, 120),
            "the worker computes tiles");
        assertTrue(waitFor(() -> metric(server, "brink_remote_leased") >= 1, 60),
            "the worker holds a tile");
        worker.destroyForcibly();
        viewer.done.get(300, TimeUnit.SECONDS);
        viewer.ws.abort();
        JsonNode started = viewer.started;
        assertEquals(started.get("tiles").asInt(), viewer.tiles.size(), "every tile of the view");
        assertTilesMatchPlanes(server, viewer, "family=additive&lambda=1&x0=5&steps=" + steps
            + "&x=eta:0.85:1.1&y=eps:0:0.3");
        assertTrue(metric(server, "brink_remote_gd_steps_total") > 0,
            "the worker's GD steps, tagged with its node");
        System.out.printf("cluster: plane view of %d tiles, %.0f computed by the worker, %.0f"
                + " back in the queue when it was killed%n", viewer.tiles.size(),
            metric(server, "brink_remote_answered_total"),
            metric(server, "brink_remote_requeued_total"));
      } finally {
        worker.destroyForcibly();
      }
    }
  }

  @Test
  @DisplayName("a viewer who leaves stops the work on the worker node too")
  void cancelAcrossNodes(@TempDir Path dir) throws Exception {
    try (ServerProcess server = ServerProcess.start(dir.resolve("cluster"),
        dir.resolve("serve.txt"), SIMD, "--threads", "1", "--cluster")) {
      Process worker = startWorker(dir.resolve("worker.txt"));
      try {
        awaitWorker(server);
        // Tiles of 20000 steps: seconds each, so the worker is busy when the viewer leaves.
        PlaneViewer viewer = PlaneViewer.open(server, planeParams(20000));
        assertTrue(waitFor(() -> metric(server, "brink_remote_leased") >= 1, 120),
            "the worker took a tile");
        assertTrue(cpuTicks(worker, 1000) > 50, "the worker computes");
        viewer.ws.abort();
        assertTrue(waitFor(() -> metric(server, "brink_remote_leased") == 0, 30),
            "no computation left on the worker");
        Thread.sleep(500);
        long idle = cpuTicks(worker, 2000);
        System.out.printf("cluster: after the viewer left, the worker used %d CPU ticks in 2 s%n",
            idle);
        assertTrue(idle < 50, "the worker stopped computing: " + idle + " ticks in 2 s");
      } finally {
        worker.destroyForcibly();
      }
    }
  }

  /**
   * Each level's points of the view against the server's own plane of that level's grid
   * (/api/plane with the query and the level's width and height): the same class everywhere.
   */
  static void assertTilesMatchPlanes(ServerProcess server, PlaneViewer viewer, String query)
      throws Exception {
    JsonNode started = viewer.started;
    JsonNode[] alone = new JsonNode[started.get("levels").size()];
    for (int l = 0; l < alone.length; l++) {
      JsonNode level = started.get("levels").get(l);
      alone[l] = JSON.readTree(LauncherIT.http(server.url + "api/plane?" + query + "&width="
          + level.get("width").asLong() + "&height=" + level.get("height").asLong(), null,
          java.time.Duration.ofSeconds(300)));
    }
    for (Map.Entry<String, float[]> e : viewer.tiles.entrySet()) {
      String[] lxy = e.getKey().split(",");
      int l = Integer.parseInt(lxy[0]);
      long x0 = Long.parseLong(lxy[1]);
      long y0 = Long.parseLong(lxy[2]);
      int w = Integer.parseInt(lxy[3]);
      int h = Integer.parseInt(lxy[4]);
      int gridWidth = alone[l].get("width").asInt();
      byte[] bits = java.util.Base64.getDecoder().decode(
          alone[l].get("divergent_bits_b64").asText());
      int k = 0;
      for (long r = y0; r < y0 + h; r++) {
        for (long c = x0; c < x0 + w; c++) {
          if (l > 0 && c % 2 == 0 && r % 2 == 0) {
            continue;
          }
          int p = (int) (r * gridWidth + c);
          boolean divergent = (bits[p >> 3] >> (p & 7) & 1) == 1;
          assertEquals(divergent, e.getValue()[k++] > 0, "level " + l + " point " + c + ","
              + r);
        }
      }
    }
  }

  /** CPU time (user + system, in clock ticks of 10 ms) a process uses over the next millis. */
  static long cpuTicks(Process p, long millis) throws Exception {
    long before = cpu(p);
    Thread.sleep(millis);
    return cpu(p) - before;
  }

  private static long cpu(Process p) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /**
   * A WebSocket viewer of one plane view (view 1, the whole plane on a square canvas) that
   * acknowledges every tile; tiles by "level,x,y,width,height", their values in frame order.
   */
  static final class PlaneViewer implements java.net.http.WebSocket.Listener {
    final Map<String, float[]> tiles = new java.util.concurrent.ConcurrentHashMap<>();
    final java.util.concurrent.CompletableFuture<Void> done =
        new java.util.concurrent.CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    volatile JsonNode started;
    java.net.http.WebSocket ws;

    static PlaneViewer open(ServerProcess server, String params) throws Exception {
      return open(server, params, 512);
    }

    /** ... on a side x side canvas. */
    static PlaneViewer open(ServerProcess server, String params, int side) throws Exception {
      PlaneViewer v = new PlaneViewer();
      v.ws = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
          java.net.URI.create(server.url.replace("http", "ws") + "ws"), v)
          .get(10, TimeUnit.SECONDS);
      v.ws.request(1);
      v.ws.sendText("{\"type\":\"view\",\"view\":1,\"kind\":\"plane\",\"pixels\":"
          + "{\"width\":" + side + ",\"height\":" + side + "},\"params\":" + params + "}",
          true);
      return v;
    }

    @Override
    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w,
        CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String message = text.toString();
        if (message.contains("\"type\":\"view\"")) {
          try {
            started = JSON.readTree(message);
          } catch (Exception e) {
            done.completeExceptionally(e);
          }
        } else if (message.contains("\"type\":\"done\"")) {
          done.complete(null);
        } else if (message.contains("\"type\":\"error\"")) {
          done.completeExceptionally(new AssertionError(message));
        }
        text.setLength(0);
      }
      w.request(1);
      return null;
    }

    @Override
    public java.util.concurrent.CompletionStage<?> onBinary(java.net.http.WebSocket w,
        java.nio.ByteBuffer data, boolean last) {
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      bytes.write(chunk, 0, chunk.length);
      if (last) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes.toByteArray())
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bytes.reset();
        // docs/protocol.md: the 36-byte header (level at 8, width at 12, x at 16, y at 24,
        // height at 32), then a float32 per point.
        float[] values = new float[(b.capacity() - 36) / 4];
        b.position(36);
        b.asFloatBuffer().get(values);
        String key = b.getInt(8) + "," + b.getLong(16) + "," + b.getLong(24) + ","
            + b.getInt(12) + "," + b.getInt(32);
        if (tiles.put(key, values) != null) {
          done.completeExceptionally(new AssertionError("a tile arrived twice"));
        }
        w.sendText("{\"type\":\"ack\",\"view\":1,\"frames\":1}", true);
      }
      w.request(1);
      return null;
    }
  }

  static long runSweep(ServerProcess server) throws Exception {
    return JSON.readTree(LauncherIT.http(server.url + "api/sweeps", SWEEP)).get("id").asLong();
  }

  /** Waits until the sweep is done; its cells by index. */
  static Map<Integer, JsonNode> cells(ServerProcess server, long id) throws Exception {
    JsonNode sweep = null;
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (System.nanoTime() < deadline) {
      sweep = JSON.readTree(LauncherIT.http(server.url + "api/sweeps/" + id, null));
      if (sweep.get("state").asText().equals("done")) {
        Map<Integer, JsonNode> cells = new HashMap<>();
        for (JsonNode c : sweep.get("cells")) {
          assertEquals(null, cells.put(c.get("index").asInt(), c), "a cell stored twice");
        }
        return cells;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("sweep not done: " + sweep);
  }

  static Process startWorker(Path log) throws Exception {
    return startWorker(log, new String[1]);
  }

  /** Starts a worker with its meters on a free port; metricsUrl[0] gets their address. */
  static Process startWorker(Path log, String[] metricsUrl) throws Exception {
    ProcessBuilder b = new ProcessBuilder("bin/brink", "worker", "--cluster", "--threads", "1",
        "--metrics-port", "0").redirectError(log.toFile());
    b.environment().putAll(SCALAR);
    Process p = b.start();
    String line = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8)).readLine();
    assertTrue(line != null && line.startsWith("brink worker ") && line.contains("metrics at "),
        line + " / " + Files.readString(log));
    metricsUrl[0] = line.substring(line.indexOf("metrics at ") + "metrics at ".length());
    return p;
  }

  /** Waits (up to 120 s) until the server has seen a worker of one thread join. */
  static void awaitWorker(ServerProcess server) throws Exception {
    assertTrue(waitFor(() -> log(server).contains("joined with 1 compute threads"), 120),
        "the server saw the worker join: " + log(server));
  }

  static String log(ServerProcess server) {
    try {
      return Files.readString(server.log);
    } catch (Exception e) {
      return "";
    }
  }

  /** A counter or gauge of the server's /metrics (summed over tags), 0 when absent. */
  static double metric(ServerProcess server, String name) {
    try {
      Matcher m = Pattern.compile("^" + name + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE)
          .matcher(LauncherIT.http(server.url + "metrics", null));
      double sum = 0;
      while (m.find()) {
        sum += Double.parseDouble(m.group(2));
      }
      return sum;
    } catch (Exception e) {
      return 0;
    }
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  static boolean waitFor(Condition c, int seconds) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (c.holds()) {
        return true;
      }
      Thread.sleep(100);
    }
    return c.holds();
  }
}
