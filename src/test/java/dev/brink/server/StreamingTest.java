package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.fractal.BoxCount2D;
import dev.brink.landscape.Family;
import dev.brink.line.LineExperiment;
import dev.brink.line.LineListener;
import dev.brink.line.LineResult;
import dev.brink.line.LineSpec;
import dev.brink.params.GdConfig;
import dev.brink.plane.PlaneExperiment;
import dev.brink.plane.PlaneResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import dev.brink.server.protocol.FrameCodec;

/** Plane and line views over a real socket, against the science core's direct results. */
class StreamingTest extends ServerTestBase {
  /** 600 x 300 device pixels of the whole default plane: levels of 609 x 305 points down. */
  static String wholeView(int view) {
    return PlaneViews.view(view, PlaneViews.PARAMS, 600, 300);
  }

  @Test
  @DisplayName("an mlp view streams the convergence measure, every level equal to the core's")
  void networkView() throws Exception {
    String params = "{\"family\":\"mlp\",\"inputs\":4,\"hidden\":8,\"points\":12,"
        + "\"steps\":30,\"x\":\"eta0:0.01:1e5:log\",\"y\":\"eta1:0.01:1e5:log\"}";
    try (WsClient client = fixture.connect(true); GdRunner runner = GdRunner.forAllCores()) {
      assertEquals("hello", client.nextText(10_000).get("type").asText());
      client.send(PlaneViews.view(7, params, 160, 120));
      PlaneViews.Received r = PlaneViews.read(client, 7, true);
      assertEquals(r.started().get("points").asLong(),
          PlaneViews.assertLevelsEqualCore(r, params, runner));
      int trainable = 0;
      int not = 0;
      for (WsClient.Binary b : r.frames()) {
        for (float v : b.values()) {
          assertTrue(Math.abs(v) >= 1, "a measure's magnitude is at least v_0 = 1: " + v);
          trainable += v < 0 ? 1 : 0;
          not += v > 0 ? 1 : 0;
        }
      }
      assertTrue(trainable > 0 && not > 0, trainable + " trainable, " + not + " not");
    }
  }

  @Test
  @DisplayName("a plane view comes coarse to fine, every level equal to the core's plane at "
      + "that level's resolution, each point once, in all 1.05x the finest level's points")
  void planeView() throws Exception {
    try (WsClient client = fixture.connect(true); GdRunner runner = GdRunner.forAllCores()) {
      JsonNode hello = client.nextText(10_000);
      assertEquals("hello", hello.get("type").asText());
      assertEquals(2, hello.get("protocol").asInt());
      assertEquals(8, hello.get("window").asInt());
      assertEquals("simd", hello.get("kernel").asText());
      client.send(wholeView(1));
      PlaneViews.Received r = PlaneViews.read(client, 1, true);
      JsonNode started = r.started();
      assertEquals(609, started.get("grid").get("width").asLong(), started.toString());
      assertEquals(305, started.get("grid").get("height").asLong());
      assertEquals(5, r.levels());
      assertEquals(16, r.level(0).get("stride").asInt());
      assertEquals(39, r.level(0).get("width").asLong(), "level 0: 608 / 16 intervals");
      long checked = PlaneViews.assertLevelsEqualCore(r, PlaneViews.PARAMS, runner);
      long finest = r.level(4).get("points").asLong();
      long finestAlone = 609L * 305;
      assertEquals(started.get("points").asLong(), checked);
      assertTrue(checked <= 1.05 * finestAlone, checked + " points for a finest level of "
          + finestAlone);
      assertTrue(finest < finestAlone, "the finest level computes only its new points");
      List<JsonNode> levels = r.texts("level");
      assertEquals(5, levels.size());
      for (int l = 0; l < 5; l++) {
        assertEquals(l, levels.get(l).get("level").asInt());
      }
      assertTrue(levels.get(0).get("seconds").asDouble()
          < 0.5 * r.done().get("seconds").asDouble(), "the coarse level ends early: " + levels);
      JsonNode done = r.done();
      assertEquals("done", done.get("type").asText());
      assertEquals(r.frames().size(), done.get("tiles").asInt());
      assertEquals("simd", done.get("kernel").asText());
      // The dimension of the finest level, as the core measures the same classes.
      List<JsonNode> dimensions = r.texts("dimension");
      JsonNode fine = dimensions.get(dimensions.size() - 1);
      assertEquals(4, fine.get("level").asInt());
      PlaneResult whole = PlaneExperiment.run(PlaneViews.root(PlaneViews.PARAMS).crop(609, 305,
          0, 0, 609, 305), runner, Cancellation.NONE);
      assertEquals(BoxCount2D.measure(image(whole)).dimension(),
          fine.get("dimension").asDouble(), 1e-12);
      // Sohl-Dickstein's estimate of the same points, beside it and close to it.
      assertEquals(whole.dimensions().medianSlope().median(),
          fine.get("median_slope_dimension").asDouble(), 1e-12);
      assertEquals(fine.get("dimension").asDouble(),
          fine.get("median_slope_dimension").asDouble(), 0.15, fine.toString());
    }
  }

  @Test
  @DisplayName("within a level, tiles nearest the focus come first")
  void focusFirst() throws Exception {
    try (WsClient client = fixture.connect(true)) {
      client.nextText(10_000);
      String params = PlaneViews.PARAMS.replace("\"steps\":200", "\"steps\":20");
      client.send(PlaneViews.view(2, params, 1024, 1024).replace("}}", "},\"focus\":{\"u\":0.9,"
          + "\"v\":0.1}}"));
      PlaneViews.Received r = PlaneViews.read(client, 2, true);
      // The finest grid is 1025 x 1025 points in tiles of 128: the focus is in tile (7, 0).
      // Tiles are sent as they are done, one per compute thread at a time, in the plan's
      // order: the focus tile is among the first of its level.
      List<WsClient.Binary> finest = r.frames().stream().filter(b -> b.z() == 4).toList();
      int threads = fixture.config.computeThreads();
      assertTrue(finest.subList(0, threads + 1).stream()
          .anyMatch(b -> b.x() / 128 == 7 && b.y() / 128 == 0), "first finest tiles "
          + finest.subList(0, threads + 1));
    }
  }

  @Test
  @DisplayName("panning and zooming 2x reuse computed points: the shared part comes cached")
  void panAndZoomReuse() throws Exception {
    try (WsClient client = fixture.connect(true); GdRunner runner = GdRunner.forAllCores()) {
      client.nextText(10_000);
      String params = PlaneViews.PARAMS.replace("\"x0\":5", "\"x0\":4.5");
      client.send(PlaneViews.view(3, params, 512, 512, 0, 0.5, 0, 0.5));
      PlaneViews.Received first = PlaneViews.read(client, 3, true);
      // A pan by a quarter of the window: the same grid (1024 intervals across the plane).
      client.send(PlaneViews.view(4, params, 512, 512, 0.125, 0.625, 0, 0.5));
      PlaneViews.Received panned = PlaneViews.read(client, 4, true);
      assertEquals(first.started().get("grid").toString(),
          panned.started().get("grid").toString());
      PlaneViews.assertLevelsEqualCore(panned, params, runner);
      long cached = panned.done().get("cached").asLong();
      assertTrue(cached > 0, "panning reuses tiles: " + panned.done());
      assertTrue(panned.done().get("gd_steps").asLong()
          < 0.6 * first.done().get("gd_steps").asLong(), "a quarter of the window is new: "
          + first.done() + " then " + panned.done());
      // Zoom 2x into the first window's middle: its four coarser levels were computed.
      client.send(PlaneViews.view(5, params, 512, 512, 0.125, 0.375, 0.125, 0.375));
      PlaneViews.Received zoomed = PlaneViews.read(client, 5, true);
      assertEquals(2049, zoomed.started().get("grid").get("width").asLong());
      PlaneViews.assertLevelsEqualCore(zoomed, params, runner);
      long fromCache = zoomed.frames().stream().filter(b -> b.z() >= 1 && b.z() <= 3
          && (b.flags() & FrameCodec.FLAG_CACHED) != 0).count();
      long coarse = zoomed.frames().stream().filter(b -> b.z() >= 1 && b.z() <= 3).count();
      assertEquals(coarse, fromCache, "levels 1 to 3 of the zoom are levels 2 to 4 before");
    }
  }

  static BoxCount2D.Image image(PlaneResult r) {
    return new BoxCount2D.Image() {
      public int width() {
        return r.spec().width();
      }

      public int height() {
        return r.spec().height();
      }

      public boolean known(int i, int j) {
        return true;
      }

      public boolean divergent(int i, int j) {
        return r.labels().divergent(j * r.spec().width() + i);
      }
    };
  }

  @Test
  @DisplayName("a line view streams each level; its final N_B and alpha are bin/brink line's")
  void lineView() throws Exception {
    LineResult expected;
    try (GdRunner runner = GdRunner.forAllCores()) {
      expected = LineExperiment.run(new LineSpec(GdConfig.builder(Family.ADDITIVE).eps(0.2)
          .lambda(0.1).build(), 16, 0, 1.5), runner, Cancellation.NONE, LineListener.NONE);
    }
    try (WsClient client = fixture.connect(true)) {
      client.nextText(10_000);
      client.send("{\"type\":\"view\",\"view\":4,\"kind\":\"line\",\"params\":{\"family\":"
          + "\"additive\",\"eps\":0.2,\"lambda\":0.1,\"levels\":16}}");
      assertEquals("line", client.nextText(10_000).get("kind").asText());
      boolean[] seen = new boolean[(1 << 16) + 1];
      List<JsonNode> levels = new ArrayList<>();
      JsonNode done = null;
      while (done == null) {
        Object m = client.next(60_000);
        if (m instanceof WsClient.Binary) {
          WsClient.Binary b = (WsClient.Binary) m;
          assertEquals(2, b.kind());
          for (int k = 0; k < b.width(); k++) {
            int j = (int) (b.x() + k * b.y());
            assertTrue(!seen[j], "point " + j + " twice");
            seen[j] = true;
            assertEquals(expected.labels().divergent(j), b.values()[k] > 0, "point " + j);
          }
          client.send("{\"type\":\"ack\",\"view\":4,\"frames\":1}");
        } else {
          JsonNode json = (JsonNode) m;
          if (json.get("type").asText().equals("level")) {
            levels.add(json);
          } else if (json.get("type").asText().equals("done")) {
            done = json;
          }
        }
      }
      for (boolean s : seen) {
        assertTrue(s);
      }
      assertEquals(17, levels.size());
      for (int l = 0; l <= 16; l++) {
        assertEquals(l, levels.get(l).get("level").asInt());
        assertEquals(expected.nb()[l], levels.get(l).get("nb").get(l).asLong());
      }
      assertEquals(expected.alpha().slope(), done.get("alpha").asDouble());
      assertEquals(expected.alpha().standardError(), done.get("alpha_se").asDouble());
      assertEquals(expected.gdSteps(), done.get("gd_steps").asLong());
      assertEquals(expected.alpha().slope(), levels.get(16).get("alpha").asDouble());
    }
  }

  @Test
  @DisplayName("20 concurrent viewers of one view get the same frames; each tile computed once")
  void twentyViewers() throws Exception {
    long computedBefore = fixture.server.tiles().computed();
    String params = PlaneViews.PARAMS.replace("\"steps\":200", "\"steps\":150");
    ExecutorService viewers = Executors.newFixedThreadPool(20);
    try {
      List<Future<PlaneViews.Received>> results = new ArrayList<>();
      for (int v = 0; v < 20; v++) {
        int view = 100 + v;
        results.add(viewers.submit(() -> {
          try (WsClient client = fixture.connect(true)) {
            client.nextText(10_000);
            client.send(PlaneViews.view(view, params, 400, 300));
            return PlaneViews.read(client, view, true);
          }
        }));
      }
      PlaneViews.Received first = results.get(0).get();
      int tiles = first.started().get("tiles").asInt();
      var points = first.perLevel();
      for (Future<PlaneViews.Received> f : results) {
        PlaneViews.Received r = f.get();
        assertEquals(tiles, r.frames().size());
        assertEquals(points, r.perLevel(), "every viewer gets the same points");
      }
      assertEquals(tiles, fixture.server.tiles().computed() - computedBefore,
          "20 viewers of the same tiles share one computation of each");
    } finally {
      viewers.shutdownNow();
    }
  }
}
