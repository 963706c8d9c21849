package dev.brink.line;

import dev.brink.fractal.Labels;
import dev.brink.fractal.SlopeFit;

/**
 * A finished line.
 *
 * @param nb N_B(l) for l = 0..N
 * @param alpha the boundary dimension with its standard error (docs/science.md, Box counting
 *     on a line)
 * @param labels 1 = divergent: one per grid point when the line kept every level
 *     ({@link #labelsComplete()}), else one per point of its finest kept level K (every
 *     2^(N-K)-th point)
 * @param divergent grid points whose run diverged
 * @param gdSteps GD updates executed (divergent runs stop early)
 * @param seconds wall time of the computation
 */
public record LineResult(LineSpec spec, long[] nb, SlopeFit alpha, Labels labels,
    long divergent, long gdSteps, double seconds) {

  public double divergentFraction() {
    return divergent / (double) spec.points();
  }

  /** Whether labels holds every grid point's label. */
  public boolean labelsComplete() {
    return labels.size() == spec.points();
  }
}
