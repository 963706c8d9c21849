package dev.brink.report;

import dev.brink.grid.Axis;
import dev.brink.grid.AxisParameter;
import dev.brink.grid.Scale;
import dev.brink.landscape.Family;
import dev.brink.params.GdConfig;
import dev.brink.fractal.Labels;
import dev.brink.plane.PlaneResult;
import dev.brink.plane.PlaneSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a plane's figure shows, apart from how it is drawn (PNG, SVG): the plot of one grid
 * point per pixel, axes with ticks at round values, a colour bar per class, the dashed guides of
 * the explorer (the convexity threshold eps / lambda^2 = 1/(2 pi^2), the quadratic's eta = 1) and
 * a caption with the parameters.
 */
final class PlaneFigure {
  /** Margins around the plot, in pixels: tick labels and axis names, colour bars, caption. */
  static final int LEFT = 88;
  static final int TOP = 24;
  static final int RIGHT = 205;
  static final int BOTTOM = 110;
  /** The critical roughness of the additive loss, as the explorer draws it. */
  static final double CRITICAL = 1 / (2 * Math.PI * Math.PI);

  /** A tick: its value's text and its offset from the plot's left (x) or top (y) edge. */
  record Tick(String label, double offset) {
  }

  /** A colour bar: its class, what its shades mean, its tick labels from light to dark. */
  record Bar(String title, String unit, int[] light, int[] dark, String[] labels) {
  }

  final PlaneResult result;
  /**
   * Pixels per unit of the PNG's margins, text and lines: 1 up to 2047 pixels on the plot's
   * shorter side, then one more per 1024, so that the text of an 8192 x 8192 figure keeps the
   * share of the figure it has at 1024 (13 px there, 104 px at 8192). The SVG is drawn at 1:
   * its reader scales it.
   */
  final int scale;
  final int plotWidth;
  final int plotHeight;
  final List<Tick> xTicks;
  final List<Tick> yTicks;
  final String xName;
  final String yName;
  final List<Bar> bars;
  /** Pixels (column, row from the top) on the threshold, and where eta = 1 falls, or NaN. */
  final List<int[]> thresholdDots;
  final double etaOneX;
  final double etaOneY;
  final String caption;

  PlaneFigure(PlaneResult r) {
    this(r.spec(), r, r.labels(), r.speed());
  }

  /**
   * The figure of a plane too large to hold (PlaneFigureBands): its colour bars from a sample of
   * its pixels' classes and speeds, no result.
   */
  PlaneFigure(PlaneSpec s, Labels sampleLabels, double[] sampleSpeed) {
    this(s, null, sampleLabels, sampleSpeed);
  }

  private PlaneFigure(PlaneSpec s, PlaneResult r, Labels labels, double[] speed) {
    this.result = r;
    plotWidth = s.width();
    plotHeight = s.height();
    scale = Math.max(1, Math.min(plotWidth, plotHeight) / 1024);
    boolean network = s.config().network() != null;
    xName = name(s.x().parameter(), network);
    yName = name(s.y().parameter(), network);
    double x0 = s.x().value(s.column0(), s.gridWidth());
    double x1 = s.x().value(s.column0() + s.width() - 1, s.gridWidth());
    double y0 = s.y().value(s.row0(), s.gridHeight());
    double y1 = s.y().value(s.row0() + s.height() - 1, s.gridHeight());
    xTicks = ticks(s.x().scale(), x0, x1, plotWidth, false, 90 * scale);
    yTicks = ticks(s.y().scale(), y0, y1, plotHeight, true, 90 * scale);
    bars = bars(labels, speed, network);
    thresholdDots = threshold(s);
    double limit = stabilityLimit(s);
    boolean quadratic = !Double.isNaN(limit);
    etaOneX = quadratic && isEta(s.x().parameter()) ? offset(s.x().scale(), x0, x1, limit,
        plotWidth, false) : Double.NaN;
    etaOneY = quadratic && isEta(s.y().parameter()) ? offset(s.y().scale(), y0, y1, limit,
        plotHeight, true) : Double.NaN;
    caption = caption(s, !thresholdDots.isEmpty(), !Double.isNaN(etaOneX)
        || !Double.isNaN(etaOneY) ? limit : Double.NaN);
  }

  /**
   * The quadratic's stability limit in eta, or NaN (another family, Adam, or beta on an axis):
   * 1 for GD, 1 + beta for heavy ball, (1 + beta) / (1 + 2 beta) for Nesterov (f = x^2,
   * curvature 2; docs/science.md, Optimizers).
   */
  static double stabilityLimit(PlaneSpec s) {
    if (s.config().family() != Family.QUADRATIC || s.isAxis(AxisParameter.BETA)) {
      return Double.NaN;
    }
    double beta = s.config().optimizer().beta();
    switch (s.config().optimizer().kind()) {
      case GD:
        return 1;
      case MOMENTUM:
        return 1 + beta;
      case NESTEROV:
        return (1 + beta) / (1 + 2 * beta);
      default:
        return Double.NaN;
    }
  }

  /** The PNG's size and the plot's place in it. */
  int width() {
    return width(scale);
  }

  int height() {
    return height(scale);
  }

  int left() {
    return LEFT * scale;
  }

  int top() {
    return TOP * scale;
  }

  /** The size with margins of this many pixels per unit (1: the SVG's). */
  int width(int unit) {
    return LEFT * unit + plotWidth + RIGHT * unit;
  }

  int height(int unit) {
    return TOP * unit + plotHeight + BOTTOM * unit;
  }

  /** The axis names as the explorer writes them; network: of family mlp. */
  static String name(AxisParameter p, boolean network) {
    switch (p) {
      case ETA0:
        return "η₀ (input layer)";
      case OFFSET:
        return "W0 offset c";
      case ETA:
        return "learning rate η";
      case EPS:
        return "ε";
      case LAMBDA:
        return "λ";
      case X0:
        return "x₀";
      case EPS2:
        return "ε₂";
      case LAMBDA2:
        return "λ₂";
      case ETA1:
        return network ? "η₁ (output layer)" : "η₁";
      case BETA:
        return "momentum β";
      case BETA1:
        return "Adam β₁";
      case BETA2:
        return "Adam β₂";
      case ADAM_EPS:
        return "Adam ε";
      default:
        return "η₂";
    }
  }

  private static boolean isEta(AxisParameter p) {
    return p == AxisParameter.ETA || p == AxisParameter.ETA1 || p == AxisParameter.ETA2;
  }

  /**
   * Where value v falls from the plot's left (or top, when flipped: y grows upward) edge, the
   * first and last grid points at the centres of the first and last pixels.
   */
  static double offset(Scale scale, double a, double b, double v, int pixels, boolean flip) {
    double t = scale == Scale.LOG ? (Math.log10(v) - Math.log10(a))
        / (Math.log10(b) - Math.log10(a)) : (v - a) / (b - a);
    if (!(t >= 0 && t <= 1)) {
      return Double.NaN;
    }
    double from = 0.5 + t * (pixels - 1);
    return flip ? pixels - from : from;
  }

  /** Ticks at round values: 1, 2 or 5 times a power of ten apart, about every 90 pixels. */
  static List<Tick> ticks(Scale scale, double a, double b, int pixels, boolean flip) {
    return ticks(scale, a, b, pixels, flip, 90);
  }

  /** ... about one tick per spacing pixels (90, or 90 units of a scaled figure's text). */
  static List<Tick> ticks(Scale scale, double a, double b, int pixels, boolean flip,
      int spacing) {
    List<Tick> out = new ArrayList<>();
    if (!(b > a) || pixels < 2) {
      out.add(new Tick(format(a, a), flip ? pixels - 0.5 : 0.5));
      return out;
    }
    int wanted = Math.max(3, pixels / spacing);
    if (scale == Scale.LOG && Math.log10(b / a) >= 1) {
      int first = (int) Math.ceil(Math.log10(a) - 1e-9);
      int last = (int) Math.floor(Math.log10(b) + 1e-9);
      int every = Math.max(1, (last - first + 1 + wanted - 1) / wanted);
      for (int e = first; e <= last; e += every) {
        double v = Math.pow(10, e);
        out.add(new Tick(e >= -3 && e <= 4 ? format(v, v) : "1e" + e,
            offset(scale, a, b, v, pixels, flip)));
      }
      return out;
    }
    // Round steps, smaller until at least two ticks fall inside the axis.
    for (double step = niceStep((b - a) / wanted); out.size() < 2 && step > (b - a) * 1e-6;
        step = smallerNiceStep(step)) {
      out.clear();
      for (double v = Math.ceil(a / step - 1e-9) * step; v <= b + step * 1e-9; v += step) {
        double value = Math.abs(v) < step * 1e-9 ? 0 : v;
        double at = offset(scale, a, b, Math.min(Math.max(value, a), b), pixels, flip);
        if (!Double.isNaN(at)) {
          out.add(new Tick(format(value, step), at));
        }
      }
    }
    return out;
  }

  /** The round step below: 10 -> 5 -> 2 -> 1 times the power of ten. */
  private static double smallerNiceStep(double step) {
    double p = Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
    double m = Math.round(step / p);
    return m >= 5 ? 2 * p : m >= 2 ? p : 0.5 * p;
  }

  private static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    double m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }

  /** A value with as many decimals as its step needs. */
  static String format(double v, double step) {
    int decimals = (int) Math.max(0, Math.ceil(-Math.log10(Math.abs(step)) - 1e-9));
    if (!Double.isFinite(decimals) || decimals > 12) {
      return String.format(Locale.ROOT, "%.3g", v);
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /**
   * One bar per class present: shades are ranks of the speed measure within the class (as the
   * plot's), labelled with the measure at the lightest, middle and darkest shade; for a
   * network, the convergence measure's magnitude (docs/science.md, Neural networks).
   */
  private static List<Bar> bars(Labels classes, double[] speed, boolean network) {
    List<Bar> out = new ArrayList<>();
    for (boolean divergent : new boolean[] {true, false}) {
      double[] speeds = new double[speed.length];
      int n = 0;
      for (int p = 0; p < speeds.length; p++) {
        if (classes.divergent(p) == divergent) {
          speeds[n++] = speed[p];
        }
      }
      if (n == 0) {
        continue;
      }
      Arrays.sort(speeds, 0, n);
      String[] labels = {steps(speeds[0]), steps(speeds[(n - 1) / 2]), steps(speeds[n - 1])};
      if (network) {
        out.add(divergent
            ? new Bar("not trainable", "Σ 1/v, v = loss / loss₀", PlanePng.DIVERGENT_LIGHT,
                PlanePng.DIVERGENT_DARK, labels)
            : new Bar("trainable", "Σ v, v = loss / loss₀", PlanePng.BOUNDED_LIGHT,
                PlanePng.BOUNDED_DARK, labels));
        continue;
      }
      out.add(divergent
          ? new Bar("diverges", "steps to blow up", PlanePng.DIVERGENT_LIGHT,
              PlanePng.DIVERGENT_DARK, labels)
          : new Bar("bounded", "settling time, steps", PlanePng.BOUNDED_LIGHT,
              PlanePng.BOUNDED_DARK, labels));
    }
    return out;
  }

  private static String steps(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.3g", v);
  }

  /** The value of p at a pixel: its axis's, or the fixed one. */
  private static double value(PlaneSpec s, AxisParameter p, double fixed, int col, int row) {
    if (s.x().parameter() == p) {
      return s.x().value(s.column0() + col, s.gridWidth());
    }
    if (s.y().parameter() == p) {
      return s.y().value(s.row0() + row, s.gridHeight());
    }
    return fixed;
  }

  /**
   * Pixels where the roughness theta = eps / lambda^2 (+ eps2 / lambda2^2 for two cosines)
   * crosses 1/(2 pi^2), for the additive and two-cosine losses with a roughness parameter on an
   * axis; rows counted from the top.
   */
  private static List<int[]> threshold(PlaneSpec s) {
    List<int[]> dots = new ArrayList<>();
    GdConfig c = s.config();
    boolean twocos = c.family() == Family.TWOCOS;
    if (!(c.family() == Family.ADDITIVE || twocos)) {
      return dots;
    }
    boolean rough = false;
    for (AxisParameter p : new AxisParameter[] {AxisParameter.EPS, AxisParameter.LAMBDA,
        AxisParameter.EPS2, AxisParameter.LAMBDA2}) {
      rough |= s.isAxis(p);
    }
    if (!rough) {
      return dots;
    }
    int w = s.width();
    int h = s.height();
    boolean[] above = new boolean[w * h];
    for (int row = 0; row < h; row++) {
      for (int col = 0; col < w; col++) {
        double lambda = value(s, AxisParameter.LAMBDA, c.lambda(), col, row);
        double theta = value(s, AxisParameter.EPS, c.eps(), col, row) / (lambda * lambda);
        if (twocos) {
          double lambda2 = value(s, AxisParameter.LAMBDA2, c.lambda2(), col, row);
          theta += value(s, AxisParameter.EPS2, c.eps2(), col, row) / (lambda2 * lambda2);
        }
        above[row * w + col] = theta > CRITICAL;
      }
    }
    for (int row = 0; row < h; row++) {
      for (int col = 0; col < w; col++) {
        boolean a = above[row * w + col];
        if ((col + 1 < w && above[row * w + col + 1] != a)
            || (row + 1 < h && above[(row + 1) * w + col] != a)) {
          dots.add(new int[] {col, h - 1 - row});
        }
      }
    }
    return dots;
  }

  /** The explorer's caption: the command's parameters, and what the dashed line is. */
  private static String caption(PlaneSpec s, boolean threshold, double limit) {
    GdConfig c = s.config();
    StringBuilder b = new StringBuilder("brink plane: family ").append(c.family().id());
    b.append(OptimizerCaption.of(c.optimizer(),
        name -> s.isAxis(AxisParameter.byId(name))));
    if (c.network() != null) {
      return networkCaption(s, b);
    }
    List<AxisParameter> fixed = new ArrayList<>();
    switch (c.family()) {
      case ADDITIVE:
      case MULTIPLICATIVE:
        fixed.addAll(List.of(AxisParameter.EPS, AxisParameter.LAMBDA));
        break;
      case TWOCOS:
        fixed.addAll(List.of(AxisParameter.EPS, AxisParameter.LAMBDA, AxisParameter.EPS2,
            AxisParameter.LAMBDA2));
        break;
      default:
        break;
    }
    double[] values = {c.eps(), c.lambda(), c.eps2(), c.lambda2()};
    AxisParameter[] order = {AxisParameter.EPS, AxisParameter.LAMBDA, AxisParameter.EPS2,
        AxisParameter.LAMBDA2};
    for (int i = 0; i < order.length; i++) {
      if (fixed.contains(order[i]) && !s.isAxis(order[i])) {
        b.append(", ").append(order[i].id()).append(' ').append(number(values[i]));
      }
    }
    if (c.dim() > 1) {
      b.append(", dim ").append(c.dim());
    }
    if (!s.isAxis(AxisParameter.X0)) {
      b.append(", x0 ").append(number(c.x0()));
    }
    if (!s.isAxis(AxisParameter.ETA) && !s.isAxis(AxisParameter.ETA1)
        && !s.isAxis(AxisParameter.ETA2)) {
      b.append(", eta ").append(number(c.eta()));
    }
    b.append(", steps ").append(c.steps()).append("; x ").append(s.x().spec()).append(", y ")
        .append(s.y().spec()).append("; ").append(s.width()).append(" x ").append(s.height())
        .append(" points");
    if (threshold) {
      b.append(". Dotted: the convexity threshold ε/λ² = 1/(2π²)");
    }
    if (!Double.isNaN(limit)) {
      b.append(". Dashed: η = ").append(number(limit)).append(", the quadratic's stability limit");
    }
    return b.append('.').toString();
  }

  /** Family mlp's caption: the network, its training and the axes. */
  private static String networkCaption(PlaneSpec s, StringBuilder b) {
    GdConfig c = s.config();
    dev.brink.network.NetworkSpec n = c.network();
    b.append(' ').append(n.activation().id()).append(", ").append(n.inputs())
        .append(" inputs, ").append(n.hidden()).append(" hidden, ").append(n.points())
        .append(" points, seed ").append(n.seed());
    if (n.minibatch()) {
      b.append(", batch ").append(n.batch());
    }
    if (!s.isAxis(AxisParameter.OFFSET) && n.offset() != 0) {
      b.append(", offset ").append(number(n.offset()));
    }
    if (s.usesFixedEta()) {
      b.append(", eta ").append(number(c.eta()));
    }
    return b.append(", steps ").append(c.steps()).append("; x ").append(s.x().spec())
        .append(", y ").append(s.y().spec()).append("; ").append(s.width()).append(" x ")
        .append(s.height()).append(" points.").toString();
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%s", v);
  }
}
