package dev.brink.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brink.line.LineSpec;
import dev.brink.plane.PlaneSpec;
import dev.brink.plane.TileAddress;
import dev.brink.plane.TilePyramid;
import dev.brink.request.ParameterMap;
import dev.brink.request.Requests;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A "view" message read and checked: a plane (a root plane, a zoom level and the tiles wanted,
 * nearest the centre first) or a line. docs/protocol.md describes the fields.
 */
final class ViewRequest {
  final int view;
  final TilePyramid pyramid;
  final List<TileAddress> tiles;
  final LineSpec line;
  /** A plane's "params" as sent: what another node needs to compute its tiles. */
  final String planeParams;

  private ViewRequest(int view, TilePyramid pyramid, List<TileAddress> tiles, LineSpec line,
      String planeParams) {
    this.planeParams = planeParams;
    this.view = view;
    this.pyramid = pyramid;
    this.tiles = tiles;
    this.line = line;
  }

  boolean isPlane() {
    return pyramid != null;
  }

  /** The view id of a message, -1 when it has none; a present but malformed id is an error. */
  static int viewId(JsonNode message) {
    JsonNode v = message.get("view");
    if (v == null) {
      return -1;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
      throw RefusedException.badMessage("view", "must be an integer >= 0, got " + v);
    }
    return v.asInt();
  }

  static ViewRequest parse(JsonNode message, Limits limits) {
    int view = viewId(message);
    if (view < 0) {
      throw RefusedException.badMessage("view", "required: an integer >= 0 naming this view");
    }
    String kind = message.path("kind").asText("");
    ParameterMap params = new ParameterMap(JsonParams.texts(message.get("params"), "params",
        Set.of()),
        kind.equals("line") ? Requests.LINE : Requests.PLANE);
    switch (kind) {
      case "line": {
        LineSpec line = Requests.line(params);
        limits.check(line);
        return new ViewRequest(view, null, null, line, null);
      }
      case "plane": {
        PlaneSpec root = Requests.plane(params, TilePyramid.TILE);
        limits.check(root.config());
        TilePyramid pyramid = new TilePyramid(root);
        List<TileAddress> tiles = tiles(message, pyramid, limits);
        return new ViewRequest(view, pyramid, tiles, null, message.get("params").toString());
      }
      default:
        throw RefusedException.badMessage("kind", "must be \"plane\" or \"line\", got "
            + message.get("kind"));
    }
  }

  /** The tiles of the requested range at the requested zoom, nearest the centre first. */
  private static List<TileAddress> tiles(JsonNode m, TilePyramid pyramid, Limits limits) {
    int z = integer(m, "zoom", 0);
    if (z < 0 || z > TilePyramid.MAX_ZOOM) {
      throw RefusedException.badMessage("zoom",
          "must be an integer from 0 to " + TilePyramid.MAX_ZOOM + ", got " + z);
    }
    long columns = pyramid.columns(z);
    long rows = pyramid.rows(z);
    JsonNode range = m.get("tiles");
    long x0 = 0;
    long y0 = 0;
    long x1 = columns - 1;
    long y1 = rows - 1;
    if (range != null) {
      x0 = along(range, "x0", columns);
      x1 = along(range, "x1", columns);
      y0 = along(range, "y0", rows);
      y1 = along(range, "y1", rows);
      if (x1 < x0 || y1 < y0) {
        throw RefusedException.badMessage("tiles", "needs x0 <= x1 and y0 <= y1");
      }
    }
    limits.checkViewTiles((x1 - x0 + 1) * (y1 - y0 + 1));
    double cx = (x0 + x1 + 1) / 2.0;
    double cy = (y0 + y1 + 1) / 2.0;
    JsonNode center = m.get("center");
    if (center != null) {
      cx = number(center, "x");
      cy = number(center, "y");
    }
    List<TileAddress> tiles = new ArrayList<>();
    for (long y = y0; y <= y1; y++) {
      for (long x = x0; x <= x1; x++) {
        tiles.add(new TileAddress(z, x, y));
      }
    }
    double fx = cx;
    double fy = cy;
    tiles.sort(Comparator.comparingDouble(
        a -> Math.pow(a.x() + 0.5 - fx, 2) + Math.pow(a.y() + 0.5 - fy, 2)));
    return tiles;
  }

  private static long along(JsonNode range, String field, long count) {
    JsonNode v = range.get(field);
    if (v == null || !v.isIntegralNumber() || v.asLong() < 0 || v.asLong() >= count) {
      throw RefusedException.badMessage("tiles." + field,
          "must be an integer from 0 to " + (count - 1) + ", got " + v);
    }
    return v.asLong();
  }

  private static int integer(JsonNode m, String field, int otherwise) {
    JsonNode v = m.get(field);
    if (v == null) {
      return otherwise;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw RefusedException.badMessage(field, "must be an integer, got " + v);
    }
    return v.asInt();
  }

  private static double number(JsonNode m, String field) {
    JsonNode v = m.get(field);
    if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw RefusedException.badMessage("center." + field, "must be a finite number, got " + v);
    }
    return v.asDouble();
  }
}
