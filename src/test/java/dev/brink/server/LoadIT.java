package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brink.descent.GdRunner;
import dev.brink.launcher.ServerProcess;
import dev.brink.plane.ViewPlan;
import dev.brink.report.PlaneJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.brink.server.protocol.FrameCodec;

/**
 * Load on a real `bin/brink serve` process over loopback, its heap read from its own /metrics.
 * The soak variant is the same test for longer and with more viewers (docs/operations.md):
 * {@code mvn -B verify -Dit.test=LoadIT -Dbrink.load.seconds=3600 -Dbrink.load.viewers=200}.
 */
class LoadIT {
  /** The server's heap: big enough for the load, too small if backpressure failed. */
  static final String HEAP = "-Xmx128m";
  /** The server process: that heap, and bin/brink's default kernel. */
  static final Map<String, String> ENV = Map.of("BRINK_JAVA_OPTS", HEAP);
  /** Distinct views the 100 viewers cycle through. */
  static final int VIEWS = 8;
  static final Map<Plane, List<Map<Long, Float>>> EXPECTED = new ConcurrentHashMap<>();
  /** Expected values of each tile, by plane and tile. */
  static final Map<String, float[]> FRAMES = new ConcurrentHashMap<>();
  static GdRunner runner;

  /** A view of the whole eta-eps transition plane (docs/science.md, Planes) on a side x side canvas. */
  record Plane(double x0, int side, int steps) {
    String params() {
      return String.format(Locale.ROOT, "{\"family\":\"additive\",\"lambda\":1,\"x0\":%s,"
          + "\"steps\":%d,\"x\":\"eta:0.85:1.1\",\"y\":\"eps:0:0.3\"}", Double.toString(x0),
          steps);
    }

    String message(int view) {
      return PlaneViews.view(view, params(), side, side);
    }

    /** Its levels' points computed directly by the science core, once. */
    List<Map<Long, Float>> expected() throws Exception {
      List<Map<Long, Float>> e = EXPECTED.get(this);
      if (e == null) {
        ViewPlan plan = ViewPlan.of(PlaneViews.root(params()), ViewPlan.Window.WHOLE, side,
            side, 0.5, 0.5, Long.MAX_VALUE);
        e = PlaneViews.expectedLevels(params(), new ObjectMapper().readTree(
            PlaneJson.view(plan).toString()), runner);
        EXPECTED.put(this, e);
      }
      return e;
    }
  }

  /**
   * Tiles of a load test view: 24, 8, 3, 1 and 1 on its levels (a corner tile of a refining
   * level that holds one point of the coarser grid computes nothing, so it is not sent).
   */
  static final long TILES = 24 + 8 + 3 + 1 + 1;

  /** The load test's views: 512 x 512 pixels of 100 steps. */
  static Plane plane(int k) {
    return new Plane(5 + 0.01 * k, 512, 100);
  }

  @BeforeAll
  static void startRunner() {
    runner = GdRunner.forAllCores();
  }

  @AfterAll
  static void stopRunner() {
    runner.close();
    EXPECTED.clear();
    FRAMES.clear();
  }

  @Test
  @DisplayName("100 viewers streaming full views for 60 s: every tile arrives, each correct")
  void hundredViewers(@TempDir Path dir) throws Exception {
    int viewers = Integer.getInteger("brink.load.viewers", 100);
    for (int k = 0; k < VIEWS; k++) {
      plane(k).expected();
    }
    assertEquals(TILES, ViewPlan.of(PlaneViews.root(plane(0).params()), ViewPlan.Window.WHOLE,
        512, 512, 0.5, 0.5, Long.MAX_VALUE).tiles().size(), "tiles a view");
    int seconds = Integer.getInteger("brink.load.seconds", 60);
    // A 1 MiB tile cache holds 15 of the 296 tiles the viewers cycle through: most are computed.
    try (ServerProcess server = ServerProcess.start(dir.resolve("data"), dir.resolve("log.txt"),
            ENV, "--cache-mb", "1", "--max-sessions", "1000");
        HeapWatch heap = new HeapWatch(server.url)) {
      ExecutorService pool = Executors.newFixedThreadPool(viewers);
      List<Long> firstTileMs = Collections.synchronizedList(new ArrayList<>());
      AtomicLong tiles = new AtomicLong();
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      List<Future<Integer>> done = new ArrayList<>();
      for (int v = 0; v < viewers; v++) {
        int viewer = v;
        done.add(pool.submit(() -> {
          int views = 0;
          try (WsClient client = WsClient.connect(server.port(), true)) {
            for (int round = 0; views == 0 || System.nanoTime() < end; round++) {
              Plane plane = plane((viewer + round) % VIEWS);
              long sent = System.nanoTime();
              client.send(plane.message(round + 1));
              PlaneViews.Received r = readView(client, round + 1, sent, firstTileMs);
              assertTiles(r, plane);
              tiles.addAndGet(r.frames().size());
              views++;
            }
          }
          return views;
        }));
      }
      int views = 0;
      for (Future<Integer> f : done) {
        views += f.get(seconds + 600, TimeUnit.SECONDS);
      }
      pool.shutdown();
      Collections.sort(firstTileMs);
      System.out.printf(Locale.ROOT, "load: %d viewers, %d s: %d views, %d tiles, all correct;"
              + " time to first tile p50 %d ms, p95 %d ms, max %d ms; server heap peak %.0f MB"
              + " (%s)%n", viewers, seconds, views, tiles.get(),
          firstTileMs.get(firstTileMs.size() / 2),
          firstTileMs.get((int) (firstTileMs.size() * 0.95)),
          firstTileMs.get(firstTileMs.size() - 1), heap.peakBytes() / 1e6, HEAP);
      assertEquals(views, firstTileMs.size());
      assertTrue(views >= viewers, "every viewer finished at least one view");
      assertEquals(TILES * views, tiles.get(), TILES + " tiles a view");
      assertTrue(server.process.isAlive(), "the server is still up");
    }
  }

  @Test
  @DisplayName("50 viewers that stop reading: the heap stays under the ceiling, others are "
      + "served, and every stalled viewer gets every tile once it reads")
  void stalledViewers(@TempDir Path dir) throws Exception {
    // 50 views of 116 tiles (a 1024 x 1024 canvas, 20 steps): 230 MB of frames if nothing held
    // the computation back.
    List<Plane> planes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      planes.add(new Plane(5 + 0.01 * (i % 25), 1024, 20));
      planes.get(i).expected();
    }
    try (ServerProcess server = ServerProcess.start(dir.resolve("data"), dir.resolve("log.txt"),
            ENV, "--cache-mb", "16");
        HeapWatch heap = new HeapWatch(server.url)) {
      List<WsClient> stalled = new ArrayList<>();
      for (Plane plane : planes) {
        WsClient c = WsClient.connect(server.port(), false);
        c.read(2);
        c.send(plane.message(1));
        stalled.add(c);
      }
      // Held back by the window: within a minute nothing computes or waits.
      assertTrue(ServerFixture.eventually(60_000, () -> idle(server)),
          "the stalled viewers' computations stop");
      // Meanwhile a viewer that reads is served in full.
      try (WsClient fresh = WsClient.connect(server.port(), true)) {
        fresh.send(plane(0).message(1));
        assertTiles(readView(fresh, 1, System.nanoTime(), new ArrayList<>()), plane(0));
      }
      long stalledPeak = heap.peakBytes();
      for (int i = 0; i < stalled.size(); i++) {
        WsClient c = stalled.get(i);
        c.read(Long.MAX_VALUE / 2);
        assertTiles(readView(c, 1, System.nanoTime(), new ArrayList<>()), planes.get(i));
        c.close();
      }
      System.out.printf(Locale.ROOT, "stalled: 50 viewers of 116 tiles, window 8, cache 16 MB:"
          + " server heap peak %.0f MB while stalled, %.0f MB overall (%s)%n",
          stalledPeak / 1e6, heap.peakBytes() / 1e6, HEAP);
      assertTrue(server.process.isAlive(), "the server is still up");
      assertTrue(!Files.readString(server.log).contains("OutOfMemoryError"),
          "no OutOfMemoryError in the server log");
    }
  }

  /** The server's /api/health says nothing computes and nothing waits. */
  static boolean idle(ServerProcess server) {
    try {
      JsonNode h = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest
          .newBuilder(URI.create(server.url + "api/health")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      return h.get("computing").asInt() == 0 && h.get("queued").asInt() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** The heap in use right after a full collection in the server process (jcmd GC.run). */
  static long heapAfterGc(ServerProcess server, HeapWatch heap) throws Exception {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd")
        .toString(), Long.toString(server.process.pid()), "GC.run").redirectErrorStream(true)
        .start();
    String out = new String(jcmd.getInputStream().readAllBytes());
    assertEquals(0, jcmd.waitFor(), "jcmd GC.run: " + out);
    return heap.nowBytes();
  }

  @Test
  @DisplayName("50 viewers that never read, each switching to a new view of 240 tiles every "
      + "0.5 s for 20 s: the heap after a full GC holds only what the settings allow (cache, "
      + "each viewer's window and last view), and every later request is answered in full")
  void switchingNonReaders(@TempDir Path dir) throws Exception {
    int viewers = 50;
    int rounds = 40;
    List<Plane> last = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      last.add(new Plane(6 + 0.01 * i, 1600, 20));
      last.get(i).expected();
    }
    try (ServerProcess server = ServerProcess.start(dir.resolve("data"), dir.resolve("log.txt"),
            ENV, "--cache-mb", "16");
        HeapWatch heap = new HeapWatch(server.url)) {
      List<WsClient> clients = new ArrayList<>();
      for (int i = 0; i < viewers; i++) {
        WsClient c = WsClient.connect(server.port(), false);
        c.read(2);
        clients.add(c);
      }
      long idleAfterGc = heapAfterGc(server, heap);
      System.out.printf(Locale.ROOT, "switching: idle server with %d viewers: %.0f MB after a"
          + " full GC%n", viewers, idleAfterGc / 1e6);
      // Each viewer's next view every 0.5 s, a different plane each time, never reading.
      java.util.concurrent.ScheduledExecutorService pace =
          Executors.newSingleThreadScheduledExecutor();
      java.util.concurrent.CountDownLatch sent = new java.util.concurrent.CountDownLatch(rounds);
      AtomicLong round = new AtomicLong();
      pace.scheduleAtFixedRate(() -> {
        long r = round.incrementAndGet();
        if (r > rounds) {
          return;
        }
        for (int i = 0; i < viewers; i++) {
          Plane plane = r == rounds ? last.get(i % last.size())
              : new Plane(5 + 0.0001 * (r * viewers + i), 1600, 20);
          try {
            clients.get(i).send(plane.message((int) r));
          } catch (Exception e) {
            return;  // the count stays short, and the test fails on it
          }
        }
        sent.countDown();
      }, 0, 500, TimeUnit.MILLISECONDS);
      assertTrue(sent.await(120, TimeUnit.SECONDS), "every view was sent");
      pace.shutdownNow();
      assertTrue(ServerFixture.eventually(60_000, () -> idle(server)),
          "the superseded views' work is gone and the last ones wait for their viewers");
      long peak = heap.peakBytes();
      long afterGc = heapAfterGc(server, heap);
      System.out.printf(Locale.ROOT, "switching: %d non-reading viewers x %d views of 240 tiles,"
          + " one every 0.5 s: server heap peak %.0f MB, %.0f MB after a full GC (%s)%n",
          viewers, rounds, peak / 1e6, afterGc / 1e6, HEAP);
      // What the settings allow to stay: the tile cache (16 MB), and per stalled viewer its
      // last view's mosaic (2 bits a point, 1601 x 1601) and window of 8 unread tiles of
      // 128 x 128 float32, 10% more for what holds them (frames, queues); and the idle server
      // with its viewers, as measured before the views (16-18 MB on the machines seen; a fixed
      // 16 MB made the bound fail by 1-2 MB on one). Nothing of the 1950 superseded views (they
      // would be some 1.2 GB of mosaics alone).
      long bound = idleAfterGc + (16L << 20)
          + viewers * (1601L * 1601 / 4 + 8L * 128 * 128 * 4) * 11 / 10;
      assertTrue(afterGc < bound, afterGc / 1e6 + " MB after a full GC, bound " + bound / 1e6
          + " (idle " + idleAfterGc / 1e6 + " MB)");
      assertTrue(idle(server), "health answers");
      try (WsClient fresh = WsClient.connect(server.port(), true)) {
        fresh.send(plane(0).message(1));
        assertTiles(readView(fresh, 1, System.nanoTime(), new ArrayList<>()), plane(0));
      }
      for (int i = 0; i < viewers; i++) {
        WsClient c = clients.get(i);
        c.read(Long.MAX_VALUE / 2);
        assertTiles(readView(c, rounds, System.nanoTime(), new ArrayList<>()),
            last.get(i % last.size()));
        c.close();
      }
      assertTrue(server.process.isAlive(), "the server is still up");
      assertTrue(!Files.readString(server.log).contains("OutOfMemoryError"),
          "no OutOfMemoryError in the server log");
    }
  }

  @Test
  @DisplayName("a burst of 300 superseding 4K views from one viewer: the heap stays under the "
      + "ceiling, their work is dropped, and the next view is served in full")
  void burstOfViews(@TempDir Path dir) throws Exception {
    try (ServerProcess server = ServerProcess.start(dir.resolve("data"), dir.resolve("log.txt"),
            ENV, "--cache-mb", "16");
        HeapWatch heap = new HeapWatch(server.url);
        WsClient client = WsClient.connect(server.port(), true)) {
      for (int v = 1; v <= 300; v++) {
        client.send(new Plane(4 + v / 1000.0, 3840, 1000).message(v).replace(
            "\"width\":3840,\"height\":3840", "\"width\":3840,\"height\":2160"));
      }
      client.send(plane(0).message(301));
      assertTiles(readView(client, 301, System.nanoTime(), new ArrayList<>()), plane(0));
      System.out.printf(Locale.ROOT, "burst: 300 superseded 4K views, then one served in full;"
          + " server heap peak %.0f MB (%s)%n", heap.peakBytes() / 1e6, HEAP);
      assertTrue(server.process.isAlive(), "the server is still up");
      assertTrue(!Files.readString(server.log).contains("OutOfMemoryError"),
          "no OutOfMemoryError in the server log");
    }
  }

  /** Reads one view from its "view" reply to its "done"; records the time to its first tile. */
  static PlaneViews.Received readView(WsClient client, int view, long sentNanos,
      List<Long> firstTileMs) throws Exception {
    List<WsClient.Binary> frames = new ArrayList<>();
    JsonNode started = null;
    while (true) {
      Object m = client.next(300_000);
      if (m == null) {
        throw new AssertionError("view " + view + " stalled after " + frames.size() + " tiles");
      }
      if (m instanceof WsClient.Binary b) {
        if (b.view() != view) {
          continue;
        }
        if (frames.isEmpty()) {
          firstTileMs.add((System.nanoTime() - sentNanos) / 1_000_000);
        }
        frames.add(b);
        client.send("{\"type\":\"ack\",\"view\":" + view + ",\"frames\":1}");
      } else {
        JsonNode json = (JsonNode) m;
        assertTrue(!json.path("type").asText().equals("error"), json.toString());
        if (json.path("view").asInt() == view && json.path("type").asText().equals("view")) {
          started = json;
        }
        if (json.path("type").asText().equals("done") && json.path("view").asInt() == view) {
          return new PlaneViews.Received(started, frames, List.of(json));
        }
      }
    }
  }

  /**
   * Every tile of the plane once, every point of every level equal to the direct computation
   * (every kernel gives the same bits).
   */
  static void assertTiles(PlaneViews.Received r, Plane plane) throws Exception {
    assertEquals(r.started().get("tiles").asInt(), r.frames().size());
    List<Map<Long, Float>> levels = plane.expected();
    Set<String> seen = new HashSet<>();
    for (WsClient.Binary b : r.frames()) {
      String key = b.z() + "," + b.x() + "," + b.y();
      assertTrue(seen.add(key), "tile " + key + " twice");
      // Each tile's expected values once per plane: comparing arrays is cheap, where 100
      // viewers checking point by point would take the server's cores.
      float[] want = FRAMES.computeIfAbsent(plane + ":" + key, k -> {
        boolean refine = (b.flags() & FrameCodec.FLAG_REFINE) != 0;
        List<Float> values = new ArrayList<>();
        for (long row = b.y(); row < b.y() + b.height(); row++) {
          for (long column = b.x(); column < b.x() + b.width(); column++) {
            if (!refine || column % 2 == 1 || row % 2 == 1) {
              values.add(levels.get(b.z()).get(column << 32 | row));
            }
          }
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = values.get(i);
        }
        return out;
      });
      if (!java.util.Arrays.equals(want, b.values())) {
        throw new AssertionError(plane + " tile " + key + " differs from the core's points");
      }
    }
    assertEquals(r.started().get("points").asLong(),
        levels.stream().mapToLong(Map::size).sum(), "every point of every level");
  }

  /** Polls the server's heap in use (jvm_memory_used_bytes, area heap) every 200 ms. */
  static final class HeapWatch implements AutoCloseable {
    private static final Pattern HEAP_LINE =
        Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} (\\S+)$",
            Pattern.MULTILINE);
    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong peak = new AtomicLong();
    private final String url;
    private volatile Exception missed;

    HeapWatch(String url) {
      this.url = url;
      timer.scheduleAtFixedRate(this::poll, 0, 200, TimeUnit.MILLISECONDS);
    }

    private void poll() {
      try {
        long used = nowBytes();
        peak.accumulateAndGet(used, Math::max);
      } catch (Exception e) {
        // A missed sample; the next one counts.
        missed = e;
      }
    }

    /** The heap in use now, read at once. */
    long nowBytes() throws Exception {
      String text = http.send(HttpRequest.newBuilder(URI.create(url + "metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = HEAP_LINE.matcher(text);
      double sum = 0;
      while (m.find()) {
        sum += Double.parseDouble(m.group(1));
      }
      return (long) sum;
    }

    long peakBytes() {
      assertTrue(peak.get() > 0, "no heap sample read from /metrics: " + missed);
      return peak.get();
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }
}
