package dev.brink.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.descent.Trajectory;
import dev.brink.landscape.Landscape;
import dev.brink.network.Convergence;
import dev.brink.network.NetworkReference;
import dev.brink.params.GdConfig;

/**
 * One GD run for the trajectory inspector: every iterate and its loss, and, when the run stays
 * on the diagonal x = (s, ..., s) (one dimension, or one learning rate and start for every
 * coordinate), the loss along that diagonal over the range the iterates visited, for the cobweb;
 * with momentum or Nesterov the velocity v_t at each iterate, with Adam its moments m_t and
 * s_t. Non-finite numbers are written as null.
 */
public final class TrajectoryJson {
  /** Landscape samples across the visited range. */
  static final int SAMPLES = 800;

  private TrajectoryJson() {
  }

  public static ObjectNode of(GdConfig config, double[] eta, Trajectory t) {
    ObjectNode o = ConfigJson.of(config);
    ArrayNode etas = o.putArray("eta");
    for (double e : eta) {
      etas.add(e);
    }
    o.put("divergent", t.divergent());
    o.put("diverge_step", t.divergeStep());
    rows(o.putArray("x"), t.x());
    ArrayNode loss = o.putArray("loss");
    for (double f : t.loss()) {
      number(loss, f);
    }
    if (t.first() != null) {
      rows(o.putArray(t.second() == null ? "velocity" : "moment1"), t.first());
    }
    if (t.second() != null) {
      rows(o.putArray("moment2"), t.second());
    }
    boolean diagonal = true;
    for (double e : eta) {
      diagonal &= e == eta[0];
    }
    if (diagonal) {
      o.set("landscape", diagonal(config.landscape(), t));
    } else {
      o.putNull("landscape");
    }
    return o;
  }

  /**
   * One training of family mlp: its learning rates and offset, the outcome (trainable, the
   * convergence measure, the steps after which it was known), the losses l_t before each update
   * and the normalised v_t = l_t / l_0 as the measure takes them (non-finite 1e6, clipped).
   */
  public static ObjectNode network(GdConfig config, double[] eta, double offset,
      NetworkReference.Run t) {
    ObjectNode o = ConfigJson.of(config);
    o.put("eta0", eta[0]);
    o.put("eta1", eta[1]);
    o.put("offset", offset);
    o.put("trainable", t.trainable());
    o.put("divergent", !t.trainable());
    o.put("value", t.value());
    o.put("known", t.known());
    ArrayNode loss = o.putArray("loss");
    ArrayNode v = o.putArray("v");
    double first = t.losses()[0];
    for (double l : t.losses()) {
      number(loss, l);
      double r = l / first;
      v.add(Double.isFinite(r) ? Math.min(r, Convergence.MAX) : Convergence.MAX);
    }
    o.put("tail", Math.min(t.losses().length, Convergence.TAIL));
    if (t.moments() != null) {
      ArrayNode moment = o.putArray(t.moments().length == 1 ? "velocity_rms" : "moment1_rms");
      for (double m : t.moments()[0]) {
        number(moment, m);
      }
    }
    if (t.moments() != null && t.moments().length == 2) {
      ArrayNode second = o.putArray("moment2_root_mean");
      for (double m : t.moments()[1]) {
        number(second, m);
      }
    }
    return o;
  }

  /** f(s, ..., s) for s across the first coordinate's visited range (before divergence). */
  private static ObjectNode diagonal(Landscape f, Trajectory t) {
    int kept = t.divergent() ? Math.max(1, t.divergeStep()) : t.x().length;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < kept; i++) {
      double s = t.x()[i][0];
      if (Double.isFinite(s)) {
        lo = Math.min(lo, s);
        hi = Math.max(hi, s);
      }
    }
    if (!(lo <= hi)) {
      lo = -1;
      hi = 1;
    }
    double pad = hi > lo ? 0.08 * (hi - lo) : 1;
    lo -= pad;
    hi += pad;
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("along", f.dim() == 1 ? "x" : "diagonal");
    ArrayNode s = o.putArray("s");
    ArrayNode loss = o.putArray("f");
    double[] x = new double[f.dim()];
    for (int i = 0; i < SAMPLES; i++) {
      double v = lo + (hi - lo) * i / (SAMPLES - 1);
      java.util.Arrays.fill(x, v);
      s.add(v);
      number(loss, f.loss(x));
    }
    return o;
  }

  /** One array per step. */
  private static void rows(ArrayNode out, double[][] steps) {
    for (double[] step : steps) {
      ArrayNode row = out.addArray();
      for (double v : step) {
        number(row, v);
      }
    }
  }

  private static void number(ArrayNode a, double v) {
    if (Double.isFinite(v)) {
      a.add(v);
    } else {
      a.addNull();
    }
  }
}
