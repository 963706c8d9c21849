package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.descent.Outcomes;
import dev.brink.plane.PlaneExperiment;
import dev.brink.plane.PlaneResult;
import dev.brink.plane.PlaneSpec;
import dev.brink.request.ParameterMap;
import dev.brink.request.Requests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import dev.brink.server.protocol.JsonParams;
import dev.brink.server.protocol.FrameCodec;

/** Plane views for tests: the messages that ask for them, and what a viewer received. */
final class PlaneViews {
  /** The explorer's default plane at 200 steps (quick). */
  static final String PARAMS = "{\"family\":\"additive\",\"lambda\":1,\"x0\":5,\"steps\":200,"
      + "\"x\":\"eta:0.85:1.1\",\"y\":\"eps:0:0.3\"}";

  private PlaneViews() {
  }

  /** The whole plane on a canvas of width x height device pixels. */
  static String view(int view, String params, int width, int height) {
    return view(view, params, width, height, 0, 1, 0, 1);
  }

  /** A window of the plane on a canvas of width x height device pixels. */
  static String view(int view, String params, int width, int height, double u0, double u1,
      double v0, double v1) {
    return String.format(Locale.ROOT, "{\"type\":\"view\",\"view\":%d,\"kind\":\"plane\","
        + "\"params\":%s,\"pixels\":{\"width\":%d,\"height\":%d},\"window\":{\"u0\":%s,"
        + "\"u1\":%s,\"v0\":%s,\"v1\":%s}}", view, params, width, height, u0, u1, v0, v1);
  }

  /** What a viewer received of a plane view: the "view" reply, the frames, the texts. */
  record Received(JsonNode started, List<WsClient.Binary> frames, List<JsonNode> texts) {
    JsonNode level(int l) {
      return started.get("levels").get(l);
    }

    int levels() {
      return started.get("levels").size();
    }

    List<JsonNode> texts(String type) {
      return texts.stream().filter(t -> t.get("type").asText().equals(type)).toList();
    }

    JsonNode done() {
      return texts.get(texts.size() - 1);
    }

    /**
     * Every level's values by grid point (column * 2^32 + row on that level's grid), each point
     * once, the skipped points of refining tiles excepted.
     */
    List<Map<Long, Float>> perLevel() {
      List<Map<Long, Float>> levels = new ArrayList<>();
      for (int l = 0; l < levels(); l++) {
        levels.add(new HashMap<>());
      }
      for (WsClient.Binary b : frames) {
        boolean refine = (b.flags() & FrameCodec.FLAG_REFINE) != 0;
        assertEquals(level(b.z()).get("refine").asBoolean(), refine, "frame " + b);
        int k = 0;
        for (int r = 0; r < b.height(); r++) {
          for (int c = 0; c < b.width(); c++) {
            long column = b.x() + c;
            long row = b.y() + r;
            if (refine && column % 2 == 0 && row % 2 == 0) {
              continue;
            }
            Float before = levels.get(b.z()).put(column << 32 | row, b.values()[k++]);
            assertTrue(before == null, "level " + b.z() + " point " + column + "," + row
                + " twice");
          }
        }
        assertEquals(k, b.values().length, "values of frame " + b);
      }
      return levels;
    }
  }

  /** Reads a plane view from its "view" reply to its "done". */
  static Received read(WsClient client, int view, boolean ack) throws Exception {
    JsonNode started;
    do {
      started = client.nextText(30_000);
      assertTrue(!started.path("type").asText().equals("error"), started.toString());
    } while (!(started.path("type").asText().equals("view") && started.path("view").asInt()
        == view));
    List<JsonNode> texts = new ArrayList<>();
    List<WsClient.Binary> frames = Viewer.readUntilDone(client, view, ack, texts);
    return new Received(started, frames, texts);
  }

  /** The plane of the params as the science core sees it. */
  static PlaneSpec root(String params) throws Exception {
    JsonNode p = new com.fasterxml.jackson.databind.ObjectMapper().readTree(params);
    return Requests.planeRoot(new ParameterMap(JsonParams.texts(p, "params", Set.of()),
        Requests.VIEW));
  }

  /**
   * Each level's values by grid point as the science core computes them: the level's window of
   * its grid computed as `brink plane --width W --height H --crop ...` does, the points the
   * level owns (all on level 0, those with an odd column or row above).
   */
  static List<Map<Long, Float>> expectedLevels(String params, JsonNode started,
      GdRunner runner) throws Exception {
    PlaneSpec root = root(params);
    List<Map<Long, Float>> levels = new ArrayList<>();
    for (JsonNode level : started.get("levels")) {
      long c0 = level.get("columns").get(0).asLong();
      long c1 = level.get("columns").get(1).asLong();
      long r0 = level.get("rows").get(0).asLong();
      long r1 = level.get("rows").get(1).asLong();
      PlaneSpec crop = root.crop(level.get("width").asLong(), level.get("height").asLong(), c0,
          r0, (int) (c1 - c0 + 1), (int) (r1 - r0 + 1));
      PlaneResult expected = PlaneExperiment.run(crop, runner, Cancellation.NONE);
      Outcomes o = new Outcomes((int) crop.pixels());
      for (int p = 0; p < crop.pixels(); p++) {
        o.set(p, expected.labels().divergent(p), expected.divergeStep()[p],
            expected.speed()[p]);
      }
      boolean refine = level.get("refine").asBoolean();
      Map<Long, Float> values = new HashMap<>();
      for (int j = 0; j < crop.height(); j++) {
        for (int i = 0; i < crop.width(); i++) {
          long column = c0 + i;
          long row = r0 + j;
          if (!refine || column % 2 == 1 || row % 2 == 1) {
            values.put(column << 32 | row, FrameCodec.value(crop.config().family(), o, j * crop.width() + i));
          }
        }
      }
      assertEquals(level.get("points").asLong(), values.size(), "level points");
      levels.add(values);
    }
    return levels;
  }

  /**
   * Checks that every level received exactly the points the science core computes for its
   * grid (see expectedLevels); returns the points checked.
   */
  static long assertLevelsEqualCore(Received r, String params, GdRunner runner)
      throws Exception {
    return assertLevels(r, expectedLevels(params, r.started(), runner));
  }

  static long assertLevels(Received r, List<Map<Long, Float>> expected) {
    List<Map<Long, Float>> got = r.perLevel();
    long checked = 0;
    for (int l = 0; l < expected.size(); l++) {
      if (!expected.get(l).equals(got.get(l))) {
        for (Map.Entry<Long, Float> e : expected.get(l).entrySet()) {
          Float v = got.get(l).get(e.getKey());
          if (!e.getValue().equals(v)) {
            throw new AssertionError("level " + l + " point " + (e.getKey() >>> 32) + ","
                + (e.getKey() & 0xffffffffL) + ": got " + v + ", the core computes "
                + e.getValue());
          }
        }
        throw new AssertionError("level " + l + ": " + got.get(l).size() + " points for "
            + expected.get(l).size());
      }
      checked += expected.get(l).size();
    }
    return checked;
  }
}
