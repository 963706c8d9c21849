package dev.brink.server.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brink.landscape.Family;
import dev.brink.line.LineSpec;
import dev.brink.plane.PlaneSpec;
import dev.brink.plane.ViewPlan;
import dev.brink.request.ParameterMap;
import dev.brink.request.Requests;
import java.util.Set;
import dev.brink.server.config.ServerLimits;
import dev.brink.server.protocol.RefusedException;
import dev.brink.server.protocol.JsonParams;
import dev.brink.server.protocol.Limits;

/**
 * A "view" message read and checked: a plane (its window, the canvas it fills, and so the plan
 * of its levels and tiles) or a line. docs/protocol.md describes the fields.
 */
public final class ViewRequest {
  /** Canvas pixels per side at most (a 4K screen at devicePixelRatio 4). */
  static final int MAX_PIXELS = 16384;

  final int view;
  final ViewPlan plan;
  final LineSpec line;
  /** A plane's "params" as sent: what another node needs to compute its tiles. */
  final String planeParams;
  /** A plane's canvas, device pixels across. */
  private final int pixelsX;

  private ViewRequest(int view, ViewPlan plan, LineSpec line, String planeParams, int pixelsX) {
    this.view = view;
    this.plan = plan;
    this.line = line;
    this.planeParams = planeParams;
    this.pixelsX = pixelsX;
  }

  /**
   * Why a plane view is served below its canvas's resolution, in words for the viewer, or null
   * when it is not: a limit on the work, or a window narrower than float64 resolves.
   */
  String reducedBecause(ServerLimits limits) {
    ViewPlan.Level finest = plan.finest();
    double served = (finest.column1() - finest.column0() + 1.0) / pixelsX;
    if (plan.scale() < 1) {
      Family family = plan.root().config().family();
      return String.format(java.util.Locale.ROOT, "served at %.0f%% of the canvas's resolution: "
          + "a view may take at most %.3g points x steps on this server (limit %s)",
          100 * plan.scale(), (double) (family.isNetwork() ? limits.maxNetworkViewWork()
              : limits.maxViewWork()), Limits.viewWorkOption(family));
    }
    if (served < 0.5) {
      return String.format(java.util.Locale.ROOT, "served at %.0f%% of the canvas's resolution: "
          + "this window is narrower than float64 parameters resolve (2^48 intervals across "
          + "the plane)", 100 * served);
    }
    return null;
  }

  boolean isPlane() {
    return plan != null;
  }

  /** The view id of a message, -1 when it has none; a present but malformed id is an error. */
  static int viewId(JsonNode message) {
    JsonNode v = message.get("view");
    if (v == null) {
      return -1;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
      throw RefusedException.badMessage("view", "must be an integer from 0 to 2147483647 (it "
          + "is 4 bytes of every binary frame), got " + v);
    }
    return v.asInt();
  }

  static ViewRequest parse(JsonNode message, Limits limits) {
    int view = viewId(message);
    if (view < 0) {
      throw RefusedException.badMessage("view", "required: an integer from 0 to 2147483647 "
          + "naming this view");
    }
    String kind = message.path("kind").asText("");
    switch (kind) {
      case "line": {
        LineSpec line = Requests.line(new ParameterMap(JsonParams.texts(message.get("params"),
            "params", Set.of()), Requests.LINE));
        limits.check(line);
        return new ViewRequest(view, null, line, null, 0);
      }
      case "plane": {
        PlaneSpec root = Requests.planeRoot(new ParameterMap(JsonParams.texts(
            message.get("params"), "params", Set.of()), Requests.VIEW));
        limits.check(root.config());
        ViewPlan.Window w = window(message.get("window"));
        JsonNode pixels = message.get("pixels");
        if (pixels == null || !pixels.isObject()) {
          throw RefusedException.badMessage("pixels",
              "required: {\"width\", \"height\"}, the canvas's size in device pixels");
        }
        int width = pixelCount(pixels, "width");
        int height = pixelCount(pixels, "height");
        double fu = (w.u0() + w.u1()) / 2;
        double fv = (w.v0() + w.v1()) / 2;
        JsonNode focus = message.get("focus");
        if (focus != null) {
          fu = fraction(focus, "u", "focus");
          fv = fraction(focus, "v", "focus");
        }
        ViewPlan plan = ViewPlan.of(root, w, width, height, fu, fv, limits.maxViewWork(root.config().family()));
        return new ViewRequest(view, plan, null, message.get("params").toString(), width);
      }
      default:
        throw RefusedException.badMessage("kind", "must be \"plane\" or \"line\", got "
            + message.get("kind"));
    }
  }

  /** The window {"u0", "u1", "v0", "v1"}, fractions of the axes; the whole plane if absent. */
  private static ViewPlan.Window window(JsonNode w) {
    if (w == null) {
      return ViewPlan.Window.WHOLE;
    }
    if (!w.isObject()) {
      throw RefusedException.badMessage("window", "must be {\"u0\", \"u1\", \"v0\", \"v1\"}, "
          + "fractions of the x and y axes, got " + w);
    }
    double u0 = fraction(w, "u0", "window");
    double u1 = fraction(w, "u1", "window");
    double v0 = fraction(w, "v0", "window");
    double v1 = fraction(w, "v1", "window");
    if (!(u0 < u1) || !(v0 < v1)) {
      throw RefusedException.badMessage("window", "needs u0 < u1 and v0 < v1, got " + w);
    }
    return new ViewPlan.Window(u0, u1, v0, v1);
  }

  private static double fraction(JsonNode m, String field, String what) {
    JsonNode v = m.get(field);
    if (v == null || !v.isNumber() || !(v.asDouble() >= 0 && v.asDouble() <= 1)) {
      throw RefusedException.badMessage(what + "." + field,
          "must be a number from 0 to 1, got " + v);
    }
    return v.asDouble();
  }

  private static int pixelCount(JsonNode m, String field) {
    JsonNode v = m.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1
        || v.asInt() > MAX_PIXELS) {
      throw RefusedException.badMessage("pixels." + field,
          "must be an integer from 1 to " + MAX_PIXELS + ", got " + v);
    }
    return v.asInt();
  }
}
