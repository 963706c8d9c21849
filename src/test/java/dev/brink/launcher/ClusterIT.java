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
 * (Hazelcast membership over TCP/IP, the Vert.x clustered event bus). The scalar kernel on
 * every node, so results compare bit for bit with a single node's.
 */
class ClusterIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<String, String> SCALAR = Map.of("BRINK_KERNEL", "scalar");
  static final String SWEEP = "{\"family\":\"additive\",\"x0\":5,\"levels\":16,"
      + "\"grid\":[\"eps=0.05:0.2:4\",\"lambda=0.5:1:4\"]}";

  @Test
  @DisplayName("a sweep computed by a server and a worker equals one server's; killing the "
      + "worker mid-sweep still completes it, each cell stored once")
  void sweepAcrossNodes(@TempDir Path dir) throws Exception {
    Map<Integer, JsonNode> alone;
    try (ServerProcess server = ServerProcess.start(dir.resolve("alone"),
        dir.resolve("alone.txt"), SCALAR, "--threads", "1")) {
      alone = cells(server, runSweep(server));
    }
    try (ServerProcess server = ServerProcess.start(dir.resolve("cluster"),
        dir.resolve("serve.txt"), SCALAR, "--threads", "1", "--cluster")) {
      Process worker = startWorker(dir.resolve("worker.txt"));
      try {
        assertTrue(waitFor(() -> log(server).contains("joined with 1 compute threads"), 120),
            "the server saw the worker join: " + log(server));
        long id = JSON.readTree(LauncherIT.http(server.url + "api/sweeps", SWEEP)).get("id")
            .asLong();
        assertTrue(waitFor(() -> metric(server, "brink_remote_answered_total") >= 3, 120),
            "the worker answered computations");
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

  @Test
  @DisplayName("a plane view's tiles computed by a server and a worker: every tile once, every "
      + "pixel's class as the server computes the plane alone")
  void planeAcrossNodes(@TempDir Path dir) throws Exception {
    String params = "{\"family\":\"additive\",\"lambda\":1,\"x0\":5,\"steps\":300,"
        + "\"x\":\"eta:0.85:1.1\",\"y\":\"eps:0:0.3\",\"width\":256,\"height\":256}";
    try (ServerProcess server = ServerProcess.start(dir.resolve("cluster"),
        dir.resolve("serve.txt"), SCALAR, "--threads", "1", "--cluster",
        "--max-rest-pixels", "262144")) {
      Process worker = startWorker(dir.resolve("worker.txt"));
      try {
        assertTrue(waitFor(() -> log(server).contains("joined with 1 compute threads"), 120),
            "the server saw the worker join: " + log(server));
        Map<String, float[]> tiles = new HashMap<>();
        java.util.concurrent.CompletableFuture<Void> done =
            new java.util.concurrent.CompletableFuture<>();
        java.net.http.WebSocket ws = java.net.http.HttpClient.newHttpClient()
            .newWebSocketBuilder().buildAsync(java.net.URI.create(
                server.url.replace("http", "ws") + "ws"), new java.net.http.WebSocket.Listener() {
                  final StringBuilder text = new StringBuilder();
                  final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

                  @Override
                  public java.util.concurrent.CompletionStage<?> onText(
                      java.net.http.WebSocket w, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                      if (text.toString().contains("\"type\":\"done\"")) {
                        done.complete(null);
                      } else if (text.toString().contains("\"type\":\"error\"")) {
                        done.completeExceptionally(new AssertionError(text.toString()));
                      }
                      text.setLength(0);
                    }
                    w.request(1);
                    return null;
                  }

                  @Override
                  public java.util.concurrent.CompletionStage<?> onBinary(
                      java.net.http.WebSocket w, java.nio.ByteBuffer data, boolean last) {
                    byte[] chunk = new byte[data.remaining()];
                    data.get(chunk);
                    bytes.write(chunk, 0, chunk.length);
                    if (last) {
                      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes.toByteArray())
                          .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                      bytes.reset();
                      // docs/protocol.md: the 36-byte header, then float32 per pixel.
                      long x = b.getLong(16);
                      long y = b.getLong(24);
                      float[] values = new float[128 * 128];
                      b.position(36);
                      b.asFloatBuffer().get(values);
                      assertEquals(null, tiles.put(x + "," + y, values), "tile twice");
                      w.sendText("{\"type\":\"ack\",\"view\":1,\"frames\":1}", true);
                    }
                    w.request(1);
                    return null;
                  }
                }).get(10, TimeUnit.SECONDS);
        ws.request(1);
        ws.sendText("{\"type\":\"view\",\"view\":1,\"kind\":\"plane\",\"zoom\":1,"
            + "\"params\":" + params + "}", true);
        done.get(300, TimeUnit.SECONDS);
        ws.abort();
        assertEquals(16, tiles.size(), "every tile of the view");
        assertTrue(metric(server, "brink_remote_answered_total") >= 1,
            "the worker computed some of the tiles");
        assertTrue(metric(server, "brink_remote_gd_steps_total") > 0,
            "the worker's GD steps, tagged with its node");
        JsonNode alone = JSON.readTree(LauncherIT.http(server.url + "api/plane?family=additive"
            + "&lambda=1&x0=5&steps=300&x=eta:0.85:1.1&y=eps:0:0.3&width=512&height=512",
            null));
        byte[] bits = java.util.Base64.getDecoder().decode(
            alone.get("divergent_bits_b64").asText());
        for (Map.Entry<String, float[]> e : tiles.entrySet()) {
          String[] xy = e.getKey().split(",");
          int tx = Integer.parseInt(xy[0]);
          int ty = Integer.parseInt(xy[1]);
          for (int r = 0; r < 128; r++) {
            for (int c = 0; c < 128; c++) {
              int p = (ty * 128 + r) * 512 + tx * 128 + c;
              boolean divergent = (bits[p >> 3] >> (p & 7) & 1) == 1;
              assertEquals(divergent, e.getValue()[r * 128 + c] > 0,
                  "tile " + e.getKey() + " pixel " + c + "," + r);
            }
          }
        }
        System.out.printf("cluster: plane view of 16 tiles, %.0f computed by the worker%n",
            metric(server, "brink_remote_answered_total"));
      } finally {
        worker.destroyForcibly();
      }
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
    ProcessBuilder b = new ProcessBuilder("bin/brink", "worker", "--cluster", "--threads", "1")
        .redirectError(log.toFile());
    b.environment().putAll(SCALAR);
    Process p = b.start();
    String line = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8)).readLine();
    assertTrue(line != null && line.startsWith("brink worker "), line + " / "
        + Files.readString(log));
    return p;
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
