package dev.brink.line;

import dev.brink.params.Check;
import dev.brink.params.InvalidParameterException;

/**
 * Random starting points for the robustness experiments of paper A (Figs. S4, S5): every
 * coordinate of every learning rate's start drawn uniformly from [min, max) afresh, from a
 * seed. The draw for grid point j, coordinate d is a pure function of (seed, j, d), so any cell
 * or chunk can be recomputed alone, in any order, with the same starts.
 */
public record RandomStart(long seed, double min, double max) {

  public RandomStart {
    Check.finite("x0-range", min);
    Check.finite("x0-range", max);
    if (!(min < max)) {
      throw new InvalidParameterException("x0-range", "needs MIN < MAX, got " + min + ":" + max);
    }
  }

  /** The start of coordinate d at grid point j. */
  public double x0(long j, int d) {
    long z = mix(mix(seed) ^ (j * 0x9E3779B97F4A7C15L + d));
    return min + (max - min) * ((z >>> 11) * 0x1.0p-53);
  }

  /** SplitMix64's finaliser: a well-mixed 64-bit hash. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
