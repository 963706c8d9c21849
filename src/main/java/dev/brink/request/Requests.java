package dev.brink.request;

import dev.brink.grid.Axis;
import dev.brink.landscape.Family;
import dev.brink.line.LineSpec;
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
      "dim", "x0", "steps", "bound");
  public static final Set<String> LINE = union(CONFIG, Set.of("levels", "eta-min", "eta-max",
      "bits"));
  public static final Set<String> PLANE = union(CONFIG, Set.of("eta", "x", "y", "width",
      "height"));
  public static final Set<String> TRAJECTORY = union(CONFIG, Set.of("eta", "eta1", "eta2"));
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
        .x0(p.number("x0")).steps(p.integer("steps")).bound(p.number("bound"));
  }

  /** A line. */
  public static LineSpec line(ParameterMap p) {
    GdConfig config = config(p).build();
    int levels = p.integer("levels", LineSpec.DEFAULT_LEVELS);
    return new LineSpec(config, levels, p.number("eta-min", LineSpec.DEFAULT_ETA_MIN),
        p.number("eta-max", LineSpec.DEFAULT_ETA_MAX));
  }

  /** A plane of width x height pixels (defaults given by the caller). */
  public static PlaneSpec plane(ParameterMap p, int defaultSide) {
    GdConfig.Builder fixed = config(p).eta(p.number("eta"));
    Axis x = Axis.parse("x", p.text("x"));
    Axis y = Axis.parse("y", p.text("y"));
    return PlaneSpec.of(fixed, x, y, p.integer("width", defaultSide),
        p.integer("height", defaultSide));
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

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.HashSet<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
