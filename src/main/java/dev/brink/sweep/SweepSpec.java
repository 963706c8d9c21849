package dev.brink.sweep;

import dev.brink.line.LineSpec;
import dev.brink.line.RandomStart;
import dev.brink.params.Check;
import dev.brink.params.GdConfig;
import dev.brink.params.InvalidParameterException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep: a learning-rate line (docs/science.md, Lines) at every cell of a grid over one or
 * two parameters (docs/science.md, Sweeps). Cell index = i1 * count2 + i2 (the first axis
 * outermost).
 *
 * @param base the fixed parameters (grid parameters hold their axis's first value)
 * @param x0Min x0Max the random-start range of a seed axis
 */
public record SweepSpec(GdConfig base, List<GridAxis> axes, int levels, double etaMin,
    double etaMax, double x0Min, double x0Max) {

  public static final int MAX_CELLS = 100_000;

  public SweepSpec {
    axes = List.copyOf(axes);
    if (axes.isEmpty() || axes.size() > 2) {
      throw new InvalidParameterException("grid", "give one or two grid axes, got "
          + axes.size());
    }
    if (axes.size() == 2 && axes.get(0).name().equals(axes.get(1).name())) {
      throw new InvalidParameterException("grid", "the two grid axes must differ, both are "
          + axes.get(0).name());
    }
    long cells = 1;
    for (GridAxis a : axes) {
      cells *= a.count();
    }
    if (cells > MAX_CELLS) {
      throw new InvalidParameterException("grid", "at most " + MAX_CELLS + " cells, got "
          + cells);
    }
    Check.between("levels", levels, 0, LineSpec.MAX_LEVELS);
    new LineSpec(base, levels, etaMin, etaMax);
  }

  /**
   * A sweep from fixed parameters: grid parameters need no fixed value (giving both is an
   * error), they take their axis's values cell by cell.
   */
  public static SweepSpec of(GdConfig.Builder fixed, List<GridAxis> axes, int levels,
      double etaMin, double etaMax, double x0Min, double x0Max) {
    for (GridAxis a : axes) {
      if (a.name().equals("seed") && !fixed.family().isNetwork()) {
        continue;
      }
      if (a.name().equals("seed")) {
        if (fixed.has("seed")) {
          throw new InvalidParameterException("seed",
              "is a grid axis of this sweep; leave out the fixed value");
        }
        fixed.seed((long) a.min());
        continue;
      }
      if (fixed.has(a.name())) {
        throw new InvalidParameterException(a.name(),
            "is a grid axis of this sweep; leave out the fixed value");
      }
      fixed.set(a.name(), a.min());
    }
    SweepSpec spec = new SweepSpec(fixed.build(), axes, levels, etaMin, etaMax, x0Min, x0Max);
    // Every cell's parameters must be valid too (e.g. lambda > 0 across the whole axis).
    for (int i = 0; i < spec.cells(); i++) {
      spec.line(i);
    }
    return spec;
  }

  public int cells() {
    int n = 1;
    for (GridAxis a : axes) {
      n *= a.count();
    }
    return n;
  }

  /** The grid values of a cell, axis name to value, in axis order. */
  public Map<String, Double> values(int cell) {
    Map<String, Double> values = new LinkedHashMap<>();
    int rest = cell;
    for (int k = axes.size() - 1; k >= 0; k--) {
      GridAxis a = axes.get(k);
      values.put(a.name(), a.value(rest % a.count()));
      rest /= a.count();
    }
    Map<String, Double> ordered = new LinkedHashMap<>();
    for (GridAxis a : axes) {
      ordered.put(a.name(), values.get(a.name()));
    }
    return ordered;
  }

  /** The line a cell computes. */
  public LineSpec line(int cell) {
    if (cell < 0 || cell >= cells()) {
      throw new IllegalArgumentException("cell " + cell + " of " + cells());
    }
    GdConfig.Builder b = base.toBuilder();
    RandomStart random = null;
    for (Map.Entry<String, Double> e : values(cell).entrySet()) {
      if (e.getKey().equals("seed") && base.network() != null) {
        b.seed(e.getValue().longValue());
      } else if (e.getKey().equals("seed")) {
        random = new RandomStart(e.getValue().longValue(), x0Min, x0Max);
      } else {
        b.set(e.getKey(), e.getValue());
      }
    }
    return new LineSpec(b.build(), levels, etaMin, etaMax, random);
  }
}
