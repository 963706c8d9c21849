package dev.brink.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.landscape.Family;
import dev.brink.line.LineExperiment;
import dev.brink.line.LineListener;
import dev.brink.line.LineResult;
import dev.brink.line.LineCheckpoints;
import dev.brink.line.LineRun;
import dev.brink.line.LineSpec;
import dev.brink.report.SweepJson;
import dev.brink.sweep.CellResult;
import dev.brink.sweep.GridAxis;
import dev.brink.sweep.SweepSpec;
import dev.brink.params.GdConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.brink.server.BrinkServer;

/** bin/brink as a user runs it: a real process on the packaged jar. */
class LauncherIT {

  record Result(int exit, String out, String err) {
  }

  static Result brink(Path dir, String... args) throws IOException, InterruptedException {
    return brink(dir, Map.of(), args);
  }

  static Result brink(Path dir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bin/brink"));
    command.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder b = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    b.environment().putAll(env);
    Process p = b.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/brink finished");
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("bin/brink line --json: both kernels print the library's line bit for bit, the "
      + "reference's N_B within tolerance, and nothing on stderr")
  void lineJson(@TempDir Path dir) throws Exception {
    String[] args = {"line", "--family", "additive", "--eps", "0.2", "--lambda", "0.1",
        "--levels", "14", "--json", "--bits"};
    LineResult library = LineExperiment.run(new LineSpec(GdConfig.builder(Family.ADDITIVE)
        .eps(0.2).lambda(0.1).build(), 14, 0, 1.5), new GdRunner(2), Cancellation.NONE,
        LineListener.NONE);
    for (String kernel : new String[] {"simd", "scalar"}) {
      Result r = brink(dir, Map.of("BRINK_KERNEL", kernel), args);
      assertEquals(0, r.exit(), r.err());
      // stderr has only brink's own lines (progress, when it takes over a second).
      assertTrue(r.err().lines().allMatch(l -> l.startsWith("line: ")),
          "stderr of " + kernel + " (the JVM's incubator notice dropped): " + r.err());
      JsonNode json = new ObjectMapper().readTree(r.out());
      assertEquals(kernel, json.get("kernel").asText());
      assertEquals(15, json.get("nb").size());
      for (int l = 0; l <= 14; l++) {
        assertEquals(library.nb()[l], json.get("nb").get(l).asLong(), kernel + " N_B(" + l + ")");
      }
      assertEquals(library.labels().toBase64(), json.get("divergent_bits_b64").asText(), kernel);
      assertEquals(library.gdSteps(), json.get("gd_steps").asLong(), kernel);
      // shared/reference/lines.json, fig2a-additive: N_B(13) = 3, N_B(14) = 9; a chaotic count,
      // within the spread of correct implementations (ReferenceLinesTest).
      assertEquals(3, json.get("nb").get(13).asInt());
      assertEquals(9, json.get("nb").get(14).asInt(), 6);
    }
  }

  @Test
  @DisplayName("bin/brink plane --png writes the figure: the plane inside margins for axes, "
      + "colour bars and caption")
  void planePng(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("plane.png");
    Result r = brink(dir, "plane", "--family", "additive", "--lambda", "1", "--x0", "5",
        "--x", "eta:0.85:1.1", "--y", "eps:0:0.3", "--width", "64", "--height", "48",
        "--png", png.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(ImageIO.read(png.toFile()).getWidth() > 64 + 200, "the plot and its margins");
    assertTrue(r.out().contains("divergent fraction"), r.out());
  }

  @Test
  @DisplayName("bin/brink with a bad argument exits 2 with one line and no stack trace")
  void badArgument(@TempDir Path dir) throws Exception {
    Result r = brink(dir, "line", "--family", "additive", "--eps", "0.2", "--lambda", "0.1",
        "--levels", "40");
    assertEquals(2, r.exit());
    assertEquals("brink line: --levels: must be an integer from 0 to 32, got 40\n", r.err());
    assertFalse(r.err().contains("Exception"));
    assertEquals("", r.out());
  }

  @Test
  @DisplayName("bin/brink serve prints its URL, serves the client and the API, logs to stderr")
  void serve(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Process p = new ProcessBuilder("bin/brink", "serve", "--port", "0", "--data",
        data.toString()).redirectError(dir.resolve("err.txt").toFile()).start();
    try {
      long start = System.nanoTime();
      var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8));
      String line = out.readLine();
      double seconds = (System.nanoTime() - start) / 1e9;
      assertTrue(line != null && line.matches("brink serving http://127\\.0\\.0\\.1:\\d+/"),
          line + " / " + Files.readString(dir.resolve("err.txt")));
      System.out.printf("bin/brink serve printed its URL after %.2f s%n", seconds);
      var http = java.net.http.HttpClient.newHttpClient();
      var health = http.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(line.substring("brink serving ".length()) + "api/health"))
          .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      assertTrue(health.body().contains("\"status\":\"ok\""), health.body());
      var index = http.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(line.substring("brink serving ".length()))).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, index.statusCode());
      assertTrue(index.body().contains("<title>brink"), index.body());
      assertTrue(Files.isDirectory(data), "data folder created");
      assertTrue(Files.readString(dir.resolve("err.txt")).contains("INFO  BrinkServer - listening"),
          "logs through Logback");
      // A second connection: Vert.x's per-connection gauge once made Micrometer warn here.
      assertEquals(200, java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
          .newBuilder(java.net.URI.create(line.substring("brink serving ".length())
              + "api/families")).build(), java.net.http.HttpResponse.BodyHandlers.ofString())
          .statusCode());
      String err = Files.readString(dir.resolve("err.txt"));
      assertTrue(!err.contains("WARN") && !err.contains("WARNING"), "no warnings: " + err);
      // bin/brink execs java: the process is the JVM, which exits at once when out of memory.
      String cmdline = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline"));
      assertTrue(cmdline.contains("-XX:+ExitOnOutOfMemoryError"), cmdline.replace('\0', ' '));
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  static String http(String url, String postBody) throws Exception {
    return http(url, postBody, java.time.Duration.ofSeconds(30));
  }

  /** A request whose answer may take long to compute (a whole plane on one shared core). */
  static String http(String url, String postBody, java.time.Duration timeout) throws Exception {
    var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(timeout);
    if (postBody != null) {
      b.POST(java.net.http.HttpRequest.BodyPublishers.ofString(postBody));
    }
    return java.net.http.HttpClient.newHttpClient().send(b.build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  @DisplayName("plane --png and --svg at 8192 x 8192 in a 256 MB heap (drawn band by band); "
      + "--json of that many pixels is refused naming the option")
  void hugeFigure(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("huge.png");
    String[] plane = {"plane", "--family", "quadratic", "--steps", "10", "--x", "eta:0:1.5",
        "--y", "x0:-2:2", "--width", "8192", "--height", "8192"};
    List<String> args = new ArrayList<>(List.of(plane));
    Path svg = dir.resolve("huge.svg");
    args.addAll(List.of("--png", png.toString(), "--svg", svg.toString()));
    Result r = brink(dir, Map.of("BRINK_JAVA_OPTS", "-Xmx256m"), args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("8192 x 8192 pixels drawn band by band"), r.out());
    try (var files = Files.list(dir)) {
      assertEquals(List.of(), files.map(p -> p.getFileName().toString())
          .filter(name -> name.startsWith(".")).toList(),
          "the plot's pixels beside the SVG are gone");
    }
    // The SVG at one pixel a unit, the plot 8192 pixels wide, and whole to its end.
    String svgHead = new String(java.util.Arrays.copyOf(Files.readAllBytes(svg), 600),
        java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(svgHead.contains("width=\"" + (8192 + 293) + "\" height=\"" + (8192 + 134)
        + "\"") && svgHead.contains("width=\"8192\" height=\"8192\" style="), svgHead);
    assertTrue(Files.readString(svg).endsWith("</svg>\n"), "the SVG ends");
    // The PNG header alone (IHDR: width, height): decoding 70 million pixels here would need the
    // memory the command did without.
    java.nio.ByteBuffer head = java.nio.ByteBuffer.wrap(java.util.Arrays.copyOf(
        Files.readAllBytes(png), 24));
    assertEquals(8192 + 8 * 293, head.getInt(16), "width: the plot and its margins, 8 pixels a unit");
    assertEquals(8192 + 8 * 134, head.getInt(20), "height");
    List<String> json = new ArrayList<>(List.of(plane));
    json.add("--json");
    Result refused = brink(dir, json.toArray(String[]::new));
    assertEquals(2, refused.exit());
    assertTrue(refused.err().contains("--height") && refused.err().contains("--png and --svg alone"),
        refused.err());
  }

  @Test
  @DisplayName("kill -9 during a long line with --checkpoint: the same command again resumes "
      + "from the checkpoint and ends with the line's N_B, alpha and GD steps")
  void killDuringLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("line.ckpt");
    String[] args = {"line", "--family", "multiplicative", "--eps", "0.2", "--lambda", "0.1",
        "--levels", "21", "--checkpoint", file.toString(), "--checkpoint-seconds", "1",
        "--json"};
    killWhenWritten(dir, args, file, () -> {
      Result beside = brink(dir, args);
      assertEquals(2, beside.exit(), "a second run on a held checkpoint: " + beside.err());
      assertTrue(beside.err().contains("in use by another brink line"), beside.err());
    });
    LineSpec spec = new LineSpec(GdConfig.builder(Family.MULTIPLICATIVE).eps(0.2).lambda(0.1)
        .build(), 21, 0, 1.5);
    int saved = dev.brink.line.LineCheckpoints.resume(file, spec).accepted();
    assertTrue(saved > 0 && saved < new dev.brink.line.LineRun(spec).chunks().size(),
        "part of the line saved: " + saved + " chunks");
    Result again = brink(dir, args);
    assertEquals(0, again.exit(), again.err());
    LineResult whole = LineExperiment.run(spec, new GdRunner(2), Cancellation.NONE,
        LineListener.NONE);
    JsonNode json = new ObjectMapper().readTree(again.out());
    for (int l = 0; l <= 21; l++) {
      assertEquals(whole.nb()[l], json.get("nb").get(l).asLong(), "N_B(" + l + ")");
    }
    assertEquals(whole.alpha().slope(), json.get("alpha").asDouble());
    assertEquals(whole.gdSteps(), json.get("gd_steps").asLong());
    Result other = brink(dir, "line", "--family", "quadratic", "--levels", "12",
        "--checkpoint", file.toString());
    assertEquals(2, other.exit());
    assertTrue(other.err().contains("--checkpoint") && other.err().contains("another line"),
        other.err());
  }

  /** What a test checks while the command it killed still ran. */
  interface WhileRunning {
    void check() throws Exception;
  }

  /**
   * Runs bin/brink with args, and once `written` exists, checks what it must while the command
   * runs, then kills it with SIGKILL and waits for its java to end.
   */
  private static void killWhenWritten(Path dir, String[] args, Path written, WhileRunning check)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("bin/brink"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectOutput(dir.resolve("first.txt").toFile())
        .redirectError(dir.resolve("first-err.txt").toFile()).start();
    List<ProcessHandle> java;
    try {
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (!Files.exists(written) && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(Files.exists(written) && p.isAlive(), written + " written while it runs: "
          + Files.readString(dir.resolve("first-err.txt")));
      check.check();
    } finally {
      java = p.descendants().toList();
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    assertEquals(137, p.exitValue(), "killed with SIGKILL");
    // bin/brink cannot pass SIGKILL on: its java ends itself, before a rerun could race it.
    assertFalse(java.isEmpty(), "bin/brink runs java as its child");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (java.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(java.stream().noneMatch(ProcessHandle::isAlive),
        "java still runs 10 s after bin/brink was killed");
  }

  @Test
  @DisplayName("kill -9 during a sweep with --checkpoint: the same command again keeps the "
      + "finished cell, resumes within the interrupted one and ends with both as one run")
  void killDuringCliSweep(@TempDir Path dir) throws Exception {
    Path folder = dir.resolve("sweep.ckpt");
    String[] args = {"sweep", "--family", "multiplicative", "--lambda", "0.1", "--grid",
        "eps=0.1:0.2:2", "--levels", "20", "--checkpoint", folder.toString(),
        "--checkpoint-seconds", "1", "--csv", dir.resolve("cells.csv").toString()};
    killWhenWritten(dir, args, folder.resolve("cell-1.line"), () -> {
      Result beside = brink(dir, args);
      assertEquals(2, beside.exit(), "a second run on a held folder: " + beside.err());
      assertTrue(beside.err().contains("in use by another brink sweep"), beside.err());
    });
    SweepSpec spec = SweepSpec.of(GdConfig.builder(Family.MULTIPLICATIVE).lambda(0.1),
        List.of(GridAxis.parse("eps=0.1:0.2:2")), 20, 0, 1.5, -5, 5);
    assertTrue(LineCheckpoints.resume(folder.resolve("cell-0.line"), spec.line(0)).complete(),
        "cell 0 saved whole");
    int saved = LineCheckpoints.resume(folder.resolve("cell-1.line"), spec.line(1)).accepted();
    assertTrue(saved > 0 && saved < new LineRun(spec.line(1)).chunks().size(),
        "part of cell 1 saved: " + saved + " chunks");
    Result again = brink(dir, args);
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().contains("cell 1 resumed from"), again.out());
    assertFalse(again.out().contains("cell 0 resumed"), "a finished cell is not resumed: "
        + again.out());
    List<CellResult> whole = new ArrayList<>();
    try (GdRunner runner = new GdRunner(2)) {
      for (int i = 0; i < spec.cells(); i++) {
        whole.add(CellResult.of(spec, i, LineExperiment.run(spec.line(i), runner,
            Cancellation.NONE, LineListener.NONE)));
      }
    }
    assertEquals(withoutSeconds(SweepJson.csv(spec, whole)),
        withoutSeconds(Files.readString(dir.resolve("cells.csv"))),
        "every cell as one run through computes it");
    Result other = brink(dir, "sweep", "--family", "additive", "--lambda", "0.1", "--grid",
        "eps=0.1:0.3:3", "--levels", "12", "--checkpoint", folder.toString());
    assertEquals(2, other.exit());
    assertTrue(other.err().contains("--checkpoint") && other.err().contains("another sweep"),
        other.err());
  }

  /** A sweep's CSV without its column of seconds, the one that differs between runs. */
  private static String withoutSeconds(String csv) {
    List<String> head = List.of(csv.lines().findFirst().orElseThrow().split(","));
    int seconds = head.indexOf("seconds");
    assertTrue(seconds >= 0, "a seconds column: " + head);
    StringBuilder b = new StringBuilder();
    csv.lines().forEach(line -> {
      List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
      cells.remove(seconds);
      b.append(String.join(",", cells)).append('\n');
    });
    return b.toString();
  }

  @Test
  @DisplayName("kill -9 during a sweep: after a restart it completes, each cell stored once")
  void killDuringSweep(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    var mapper = new ObjectMapper();
    ServerProcess first = ServerProcess.start(data, dir.resolve("first.txt"));
    Process p = first.process;
    long id;
    int before;
    try {
      id = mapper.readTree(http(first.url + "api/sweeps", "{\"family\":\"additive\","
          + "\"x0\":5,\"levels\":12,\"grid\":[\"eps=0.05:0.2:4\",\"lambda=0.5:1:6\"]}"))
          .get("id").asLong();
      long deadline = System.nanoTime() + 60_000_000_000L;
      do {
        Thread.sleep(50);
        before = mapper.readTree(http(first.url + "api/sweeps/" + id, null))
            .get("cells_done").asInt();
      } while (before < 4 && System.nanoTime() < deadline);
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    assertEquals(137, p.exitValue(), "killed with SIGKILL");
    try (ServerProcess second = ServerProcess.start(data, dir.resolve("second.txt"))) {
      JsonNode sweep;
      long deadline = System.nanoTime() + 120_000_000_000L;
      do {
        Thread.sleep(100);
        sweep = mapper.readTree(http(second.url + "api/sweeps/" + id, null));
      } while (!sweep.get("state").asText().equals("done") && System.nanoTime() < deadline);
      assertEquals("done", sweep.get("state").asText());
      java.util.Set<Integer> cells = new java.util.HashSet<>();
      for (JsonNode c : sweep.get("cells")) {
        assertTrue(cells.add(c.get("index").asInt()), "a cell stored twice");
      }
      assertEquals(24, cells.size());
      String log = Files.readString(dir.resolve("second.txt"));
      assertTrue(log.contains("resuming sweep " + id + " at "), log);
    }
  }

  @Test
  @DisplayName("SIGTERM: sockets close with 1001 and a reason, the server exits 0")
  void gracefulShutdown(@TempDir Path dir) throws Exception {
    ServerProcess server = ServerProcess.start(dir.resolve("data"), dir.resolve("term.txt"));
    Process p = server.process;
    var closed = new java.util.concurrent.CompletableFuture<String>();
    var ws = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(java.net.URI.create(server.url.replace("http", "ws") + "ws"),
            new java.net.http.WebSocket.Listener() {
              @Override
              public java.util.concurrent.CompletionStage<?> onClose(
                  java.net.http.WebSocket w, int status, String reason) {
                closed.complete(status + " " + reason);
                return null;
              }
            }).get(10, TimeUnit.SECONDS);
    ws.request(Long.MAX_VALUE);
    p.destroy();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "exited after SIGTERM");
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("term.txt")));
    assertEquals("1001 brink is shutting down", closed.get(10, TimeUnit.SECONDS));
  }

  @Test
  @DisplayName("bin/brink --help lists the commands")
  void help(@TempDir Path dir) throws Exception {
    Result r = brink(dir, "--help");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("line") && r.out().contains("plane"), r.out());
  }
}
