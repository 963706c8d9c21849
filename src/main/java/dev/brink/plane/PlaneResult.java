package dev.brink.plane;

import dev.brink.fractal.Labels;

/**
 * A computed plane, pixels row by row from row 0 (y min), each row from x min.
 *
 * @param labels 1 = divergent
 * @param divergeStep per pixel, T for bounded pixels
 * @param speed per pixel, the speed measure of {@link dev.brink.descent.Outcomes}
 * @param gdSteps GD updates executed
 */
public record PlaneResult(PlaneSpec spec, Labels labels, int[] divergeStep, double[] speed,
    long gdSteps, double seconds) {

  public double divergentFraction() {
    return labels.divergentCount() / (double) labels.size();
  }
}
