package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.fractal.BoxCount2D;
import dev.brink.grid.Axis;
import dev.brink.landscape.Family;
import dev.brink.line.LineExperiment;
import dev.brink.line.LineListener;
import dev.brink.line.LineResult;
import dev.brink.line.LineSpec;
import dev.brink.params.GdConfig;
import dev.brink.plane.PlaneExperiment;
import dev.brink.plane.PlaneResult;
import dev.brink.plane.PlaneSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Plane and line views over a real socket, against the science core's direct results. */
class StreamingTest extends ServerTestBase {
  static final String PLANE_PARAMS = "{\"family\":\"additive\",\"lambda\":1,\"x0\":5,"
      + "\"steps\":200,\"x\":\"eta:0.85:1.1\",\"y\":\"eps:0:0.3\",\"width\":256,\"height\":128}";
  private static PlaneResult zoomOne;

  @BeforeAll
  static void computeDirectly() throws Exception {
    try (GdRunner runner = GdRunner.forAllCores()) {
      // Zoom 1 of the 256 x 128 root is the same plane at 512 x 256.
      zoomOne = PlaneExperiment.run(PlaneSpec.of(GdConfig.builder(Family.ADDITIVE).lambda(1.0)
              .x0(5.0).steps(200), Axis.parse("x", "eta:0.85:1.1"), Axis.parse("y", "eps:0:0.3"),
          512, 256), runner, Cancellation.NONE);
    }
  }

  static String planeView(int view, int zoom) {
    return "{\"type\":\"view\",\"view\":" + view + ",\"kind\":\"plane\",\"zoom\":" + zoom
        + ",\"params\":" + PLANE_PARAMS + "}";
  }

  /** Every tile of the view once, each pixel equal to the direct computation. */
  static void assertZoomOneTiles(List<WsClient.Binary> tiles) {
    assertEquals(8, tiles.size());
    Set<String> seen = new HashSet<>();
    for (WsClient.Binary t : tiles) {
      assertEquals(1, t.kind());
      assertEquals(1, t.z());
      assertEquals(128, t.width());
      assertTrue(seen.add(t.x() + "," + t.y()), "tile " + t.x() + "," + t.y() + " twice");
      for (int r = 0; r < 128; r++) {
        for (int c = 0; c < 128; c++) {
          int p = (int) ((t.y() * 128 + r) * 512 + t.x() * 128 + c);
          double speed = zoomOne.speed()[p];
          float expected = zoomOne.labels().divergent(p) ? (float) speed : (float) -(1 + speed);
          assertEquals(expected, t.values()[r * 128 + c], "tile " + t.x() + "," + t.y()
              + " pixel " + c + "," + r);
        }
      }
    }
    assertEquals(8, seen.size());
  }

  @Test
  @DisplayName("a plane view sends every tile once, centre first, pixels equal to the core's")
  void planeView() throws Exception {
    try (WsClient client = fixture.connect(true)) {
      JsonNode hello = client.nextText(10_000);
      assertEquals("hello", hello.get("type").asText());
      assertEquals(8, hello.get("window").asInt());
      client.send(planeView(1, 1));
      JsonNode started = client.nextText(10_000);
      assertEquals("view", started.get("type").asText());
      assertEquals(8, started.get("tiles").asInt());
      assertEquals(4, started.get("columns").asInt());
      assertEquals(2, started.get("rows").asInt());
      List<JsonNode> texts = new ArrayList<>();
      List<WsClient.Binary> tiles = Viewer.readUntilDone(client, 1, true, texts);
      assertZoomOneTiles(tiles);
      List<JsonNode> dimensions = texts.stream()
          .filter(t -> t.get("type").asText().equals("dimension")).toList();
      assertEquals(2, dimensions.size(), "after 4 and 8 tiles: " + texts);
      JsonNode last = dimensions.get(1);
      assertEquals(8, last.get("tiles").asInt());
      BoxCount2D.Result direct = BoxCount2D.measure(new BoxCount2D.Image() {
        public int width() {
          return 512;
        }

        public int height() {
          return 256;
        }

        public boolean known(int i, int j) {
          return true;
        }

        public boolean divergent(int i, int j) {
          return zoomOne.labels().divergent(j * 512 + i);
        }
      });
      assertEquals(direct.dimension(), last.get("dimension").asDouble(), 1e-12);
      assertTrue(direct.dimension() > 1 && direct.dimension() < 2, "" + direct.dimension());
      // The centre of a 4 x 2 grid is (2, 1): the four middle columns come first.
      for (int i = 0; i < 4; i++) {
        assertTrue(tiles.get(i).x() == 1 || tiles.get(i).x() == 2, "tile " + i + " " + tiles);
      }
    }
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
  @DisplayName("20 concurrent viewers all complete with correct tiles, each tile computed once")
  void twentyViewers() throws Exception {
    long computedBefore = fixture.server.tiles().computed();
    String params = PLANE_PARAMS.replace("\"steps\":200", "\"steps\":150");
    ExecutorService viewers = Executors.newFixedThreadPool(20);
    try {
      List<Future<List<WsClient.Binary>>> results = new ArrayList<>();
      for (int v = 0; v < 20; v++) {
        int view = 100 + v;
        results.add(viewers.submit(() -> {
          try (WsClient client = fixture.connect(true)) {
            client.nextText(10_000);
            client.send("{\"type\":\"view\",\"view\":" + view + ",\"kind\":\"plane\","
                + "\"zoom\":1,\"params\":" + params + "}");
            return Viewer.readUntilDone(client, view, true);
          }
        }));
      }
      List<WsClient.Binary> first = results.get(0).get();
      for (Future<List<WsClient.Binary>> f : results) {
        List<WsClient.Binary> tiles = f.get();
        assertEquals(8, tiles.size());
        for (WsClient.Binary t : tiles) {
          WsClient.Binary same = first.stream()
              .filter(o -> o.x() == t.x() && o.y() == t.y()).findFirst().orElseThrow();
          assertTrue(java.util.Arrays.equals(same.values(), t.values()));
        }
      }
    } finally {
      viewers.shutdownNow();
    }
    assertEquals(8, fixture.server.tiles().computed() - computedBefore,
        "20 viewers of the same 8 tiles share 8 computations");
  }
}
