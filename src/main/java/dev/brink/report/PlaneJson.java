package dev.brink.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.grid.Axis;
import dev.brink.grid.AxisParameter;
import dev.brink.plane.PlaneResult;
import dev.brink.plane.PlaneSpec;
import dev.brink.plane.ViewPlan;
import java.util.Locale;

/** The JSON of a finished plane, as `brink plane --json` prints it (docs/cli.md). */
public final class PlaneJson {
  private PlaneJson() {
  }

  /** @param kernel the GD kernel that ran it, "simd" or "scalar" */
  public static ObjectNode of(PlaneResult r, int threads, String kernel) {
    PlaneSpec spec = r.spec();
    ObjectNode o = ConfigJson.of(spec.config());
    for (AxisParameter p : AxisParameter.values()) {
      if (spec.isAxis(p)) {
        o.remove(p.id());
      }
    }
    if (spec.isAxis(AxisParameter.EPS) || spec.isAxis(AxisParameter.LAMBDA)
        || spec.isAxis(AxisParameter.EPS2) || spec.isAxis(AxisParameter.LAMBDA2)) {
      o.remove("theta");
    }
    if (spec.usesFixedEta()) {
      o.put("eta", spec.config().eta());
    }
    o.set("x", axis(spec.x()));
    o.set("y", axis(spec.y()));
    o.put("width", spec.width());
    o.put("height", spec.height());
    if (spec.isCropped()) {
      ObjectNode grid = o.putObject("grid");
      grid.put("width", spec.gridWidth());
      grid.put("height", spec.gridHeight());
      ObjectNode crop = o.putObject("crop");
      crop.put("column0", spec.column0());
      crop.put("row0", spec.row0());
    }
    ConfigJson.putRun(o, r.divergentFraction(), r.gdSteps(), r.seconds(), threads, kernel);
    putDimensions(o, r.dimensions());
    o.put("divergent_bits_b64", r.labels().toBase64());
    ArrayNode steps = o.putArray("diverge_step");
    for (int s : r.divergeStep()) {
      steps.add(s);
    }
    return o;
  }

  /**
   * The boundary's dimension, brink's dyadic fit (null with fewer than 3 box sizes) and
   * Sohl-Dickstein's median of local slopes (null when no slope is finite).
   */
  static void putDimensions(ObjectNode o, PlaneResult.Dimensions d) {
    if (d.dyadic().fit().points() >= dev.brink.fractal.SlopeFit.MIN_POINTS) {
      o.put("dimension", d.dyadic().dimension());
      o.put("dimension_se", d.dyadic().fit().standardError());
    } else {
      o.putNull("dimension");
      o.putNull("dimension_se");
    }
    double m = d.medianSlope().median();
    if (Double.isNaN(m)) {
      o.putNull("median_slope_dimension");
    } else {
      o.put("median_slope_dimension", m);
    }
  }

  /**
   * What a live plane view computes (docs/protocol.md, the "view" message): its finest grid,
   * each level's grid, the points of it in the window, its tiles and points to compute, and the
   * resolution served over the one asked for.
   */
  public static ObjectNode view(ViewPlan plan) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("kind", "plane");
    ObjectNode grid = o.putObject("grid");
    grid.put("width", plan.gridWidth());
    grid.put("height", plan.gridHeight());
    ArrayNode levels = o.putArray("levels");
    for (ViewPlan.Level l : plan.levels()) {
      ObjectNode level = levels.addObject();
      level.put("level", l.level());
      level.put("stride", l.stride());
      level.put("width", l.gridWidth());
      level.put("height", l.gridHeight());
      level.putArray("columns").add(l.column0()).add(l.column1());
      level.putArray("rows").add(l.row0()).add(l.row1());
      level.put("refine", l.refine());
      level.put("tiles", l.tiles());
      level.put("points", l.samples());
    }
    o.put("tiles", plan.tiles().size());
    o.put("points", plan.samples());
    o.put("scale", plan.scale());
    return o;
  }

  private static ObjectNode axis(Axis a) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("axis", a.parameter().id());
    o.put("min", a.min());
    o.put("max", a.max());
    o.put("scale", a.scale().name().toLowerCase(Locale.ROOT));
    return o;
  }
}
