package dev.brink.sweep;

import dev.brink.line.LineResult;
import java.util.Map;

/**
 * A finished cell of a sweep: its grid values, the roughness theta of its loss (NaN for a
 * network, which has none), alpha with its standard error, N_B per level, the divergent fraction, GD steps executed and compute time.
 */
public record CellResult(int index, Map<String, Double> values, double theta, double alpha,
    double alphaSe, long[] nb, double divergentFraction, long gdSteps, double seconds) {

  public static CellResult of(SweepSpec spec, int index, LineResult line) {
    return new CellResult(index, spec.values(index),
        roughness(spec.line(index).config()), line.alpha().slope(),
        line.alpha().standardError(), line.nb(), line.divergentFraction(), line.gdSteps(),
        line.seconds());
  }

  private static double roughness(dev.brink.params.GdConfig c) {
    return c.network() != null ? Double.NaN : c.landscape().roughness();
  }
}
