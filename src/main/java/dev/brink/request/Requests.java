package dev.brink.request;

import dev.brink.grid.Axis;
import dev.brink.landscape.Family;
import dev.brink.line.LineSpec;
import dev.brink.network.Activation;
import dev.brink.optimizer.Optimizer;
import dev.brink.params.Check;
import dev.brink.params.GdConfig;
import dev.brink.params.InvalidParameterException;
import dev.brink.plane.PlaneSpec;
import java.util.Locale;
import dev.brink.sweep.GridAxis;
import dev.brink.sweep.SweepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds lines and planes from named text parameters, with the command line's names and rules
 * (docs/cli.md): the REST API and the WebSocket protocol read requests through here.
 */
public final class Requests {
  /** Parameters of the loss and the run, shared by lines and planes. */
  public static final Set<String> CONFIG = Set.of("family", "eps", "lambda", "eps2", "lambda2",
      "dim", "x0", "steps", "bound", "inputs", "hidden", "points", "activation", "seed", "batch",
      "offset", "optimizer", "beta", "beta1", "beta2", "adam-eps");
  public static final Set<String> LINE = union(CONFIG, Set.of("levels", "eta-min", "eta-max",
      "bits"));
  /** A plane's loss and axes: what a live view and a tile on a worker are given. */
  public static final Set<String> VIEW = union(CONFIG, Set.of("eta", "x", "y"));
  public static final Set<String> PLANE = union(VIEW, Set.of("width", "height", "crop"));
  /** One run: by its learning rates, or as the pixel (column, row) of a plane. */
  public static final Set<String> TRAJECTORY = union(PLANE, Set.of("eta0", "eta1", "eta2",
      "column", "row"));
  public static final Set<String> SWEEP = union(CONFIG, Set.of("levels", "eta-min", "eta-max",
      "x0-range"));

  private Requests() {
  }

  /** The loss and run parameters. */
  public static GdConfig.Builder config(ParameterMap p) {
    String name = p.text("family");
    if (name == null) {
      throw new InvalidParameterException("family", "required (one of " + Family.allowedIds()
          + ")");
    }
    Family family = Family.byId(name.trim().toLowerCase(Locale.ROOT));
    if (family == null) {
      throw new InvalidParameterException("family",
          "unknown family '" + name + "', allowed: " + Family.allowedIds());
    }
    return GdConfig.builder(family).eps(p.number("eps")).lambda(p.number("lambda"))
        .eps2(p.number("eps2")).lambda2(p.number("lambda2")).dim(p.integer("dim"))
        .x0(p.number("x0")).steps(p.integer("steps")).bound(p.number("bound"))
        .inputs(p.integer("inputs")).hidden(p.integer("hidden")).points(p.integer("points"))
        .activation(activation(p.text("activation"))).seed(seed(p)).batch(p.integer("batch"))
        .offset(p.number("offset")).optimizer(optimizer(p.text("optimizer")))
        .beta(p.number("beta")).beta1(p.number("beta1")).beta2(p.number("beta2"))
        .adamEps(p.number("adam-eps"));
  }

  /** The optimizer named, or null when not given. */
  public static Optimizer optimizer(String name) {
    if (name == null) {
      return null;
    }
    Optimizer o = Optimizer.byId(name.trim().toLowerCase(Locale.ROOT));
    if (o == null) {
      throw new InvalidParameterException("optimizer", "unknown optimizer '" + name
          + "', allowed: " + Optimizer.allowedIds());
    }
    return o;
  }

  /** The activation named, or null when not given. */
  public static Activation activation(String name) {
    if (name == null) {
      return null;
    }
    Activation a = Activation.byId(name.trim().toLowerCase(Locale.ROOT));
    if (a == null) {
      throw new InvalidParameterException("activation", "unknown activation '" + name
          + "', allowed: " + Activation.allowedIds());
    }
    return a;
  }

  private static Long seed(ParameterMap p) {
    return p.has("seed") ? p.longInteger("seed", 0) : null;
  }

  /** A line. */
  public static LineSpec line(ParameterMap p) {
    GdConfig config = config(p).build();
    int levels = p.integer("levels", LineSpec.DEFAULT_LEVELS);
    return new LineSpec(config, levels, p.number("eta-min", LineSpec.DEFAULT_ETA_MIN),
        p.number("eta-max", LineSpec.DEFAULT_ETA_MAX));
  }

  /** A plane's loss and axes, on a grid of one point: the root of views and crops. */
  public static PlaneSpec planeRoot(ParameterMap p) {
    GdConfig.Builder fixed = config(p).eta(p.number("eta"));
    return PlaneSpec.of(fixed, Axis.parse("x", p.text("x")), Axis.parse("y", p.text("y")), 1, 1);
  }

  /**
   * A plane of width x height grid points (defaults given by the caller), all of them or the
   * crop "C0:C1,R0:R1" (columns C0 to C1 and rows R0 to R1 of the grid, inclusive).
   */
  public static PlaneSpec plane(ParameterMap p, int defaultSide) {
    GdConfig.Builder fixed = config(p).eta(p.number("eta"));
    return plane(fixed, Axis.parse("x", p.text("x")), Axis.parse("y", p.text("y")),
        p.longInteger("width", defaultSide), p.longInteger("height", defaultSide),
        p.text("crop"));
  }

  /** ... from its parts; crop may be null (the whole grid). */
  public static PlaneSpec plane(GdConfig.Builder fixed, Axis x, Axis y, long width, long height,
      String crop) {
    if (crop == null) {
      return PlaneSpec.of(fixed, x, y,
          (int) Check.between("width", width, 1, PlaneSpec.MAX_SIDE),
          (int) Check.between("height", height, 1, PlaneSpec.MAX_SIDE));
    }
    long[] c = crop(crop);
    long columns = c[1] - c[0] + 1;
    long rows = c[3] - c[2] + 1;
    if (columns > PlaneSpec.MAX_SIDE || rows > PlaneSpec.MAX_SIDE) {
      throw new InvalidParameterException("crop", "at most " + PlaneSpec.MAX_SIDE
          + " columns and rows, got " + columns + " x " + rows);
    }
    return PlaneSpec.of(fixed, x, y, 1, 1).crop(width, height, c[0], c[2], (int) columns,
        (int) rows);
  }

  /** "C0:C1,R0:R1" as {C0, C1, R0, R1}, each range non-empty. */
  static long[] crop(String text) {
    String form = "expected C0:C1,R0:R1 (grid columns C0 to C1, rows R0 to R1), got '" + text
        + "'";
    String[] parts = text.split(",", -1);
    if (parts.length != 2) {
      throw new InvalidParameterException("crop", form);
    }
    long[] out = new long[4];
    for (int a = 0; a < 2; a++) {
      String[] ends = parts[a].split(":", -1);
      if (ends.length != 2) {
        throw new InvalidParameterException("crop", form);
      }
      try {
        out[2 * a] = Long.parseLong(ends[0].trim());
        out[2 * a + 1] = Long.parseLong(ends[1].trim());
      } catch (NumberFormatException e) {
        throw new InvalidParameterException("crop", form);
      }
      if (out[2 * a] < 0 || out[2 * a + 1] < out[2 * a]) {
        throw new InvalidParameterException("crop", "needs 0 <= C0 <= C1 and 0 <= R0 <= R1, "
            + form.substring("expected C0:C1,R0:R1 (grid columns C0 to C1, rows R0 to R1), "
            .length()));
      }
    }
    return out;
  }

  /** A sweep: the fixed parameters and one or two grid axes NAME=MIN:MAX:COUNT. */
  public static SweepSpec sweep(ParameterMap p, List<String> grid) {
    List<GridAxis> axes = new ArrayList<>();
    for (String g : grid) {
      axes.add(GridAxis.parse(g));
    }
    double[] x0 = x0Range(p.has("x0-range") ? p.text("x0-range") : "-5:5");
    return SweepSpec.of(config(p), axes, p.integer("levels", LineSpec.DEFAULT_LEVELS),
        p.number("eta-min", LineSpec.DEFAULT_ETA_MIN),
        p.number("eta-max", LineSpec.DEFAULT_ETA_MAX), x0[0], x0[1]);
  }

  /** "A:B" as {A, B}: the random-start range of a seed axis. */
  public static double[] x0Range(String text) {
    String[] ends = text.split(":", -1);
    try {
      if (ends.length == 2) {
        return new double[] {Double.parseDouble(ends[0].trim()),
            Double.parseDouble(ends[1].trim())};
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new InvalidParameterException("x0-range", "expected A:B, got '" + text + "'");
  }

  /**
   * The learning rate of each coordinate of a single run: eta for all, or eta1 and eta2 (which
   * need dimension 2); eta1 or eta2 alone take eta for the other coordinate.
   */
  public static double[] etas(ParameterMap p, GdConfig config) {
    if (config.network() != null) {
      return layerEtas(p, config);
    }
    if (p.has("eta0")) {
      throw new InvalidParameterException("eta0", "not a parameter of family "
          + config.family().id() + " (the input layer's learning rate of family mlp)");
    }
    boolean perCoordinate = p.has("eta1") || p.has("eta2");
    if (perCoordinate && config.dim() != 2) {
      throw new InvalidParameterException(p.has("eta1") ? "eta1" : "eta2",
          "needs dimension 2 (one learning rate per coordinate), got dim " + config.dim());
    }
    if (!perCoordinate && !p.has("eta")) {
      throw new InvalidParameterException("eta", "required: the learning rate of the run");
    }
    double eta = Check.finite("eta", config.eta());
    double[] etas = new double[config.dim()];
    java.util.Arrays.fill(etas, eta);
    if (p.has("eta1")) {
      etas[0] = Check.finite("eta1", p.number("eta1"));
    }
    if (p.has("eta2")) {
      etas[1] = Check.finite("eta2", p.number("eta2"));
    }
    return etas;
  }

  /** Family mlp: eta0 and eta1 per layer, eta for a layer not given; eta2 is refused. */
  private static double[] layerEtas(ParameterMap p, GdConfig config) {
    if (p.has("eta2")) {
      throw new InvalidParameterException("eta2", "not a parameter of family mlp (its layers"
          + " take eta0 and eta1)");
    }
    if (!(p.has("eta0") && p.has("eta1")) && !p.has("eta")) {
      throw new InvalidParameterException("eta", "required: the learning rate of a layer not"
          + " given by eta0 or eta1");
    }
    double eta = Check.finite("eta", config.eta());
    return new double[] {p.has("eta0") ? Check.finite("eta0", p.number("eta0")) : eta,
        p.has("eta1") ? Check.finite("eta1", p.number("eta1")) : eta};
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.HashSet<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
