package dev.brink.plane;

import dev.brink.fractal.BitImage;
import dev.brink.fractal.BoxCount2D;
import dev.brink.fractal.Labels;
import dev.brink.fractal.MedianSlopeDimension;

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

  /** The classes as bits, every pixel known, row 0 at y min. */
  public BitImage bits() {
    BitImage image = BitImage.empty(spec.width(), spec.height());
    for (int j = 0; j < spec.height(); j++) {
      for (int i = 0; i < spec.width(); i++) {
        image.set(i, j, labels.divergent(j * spec.width() + i));
      }
    }
    return image;
  }

  /** The boundary's dimension both ways (docs/science.md, Box counting in a plane). */
  public record Dimensions(BoxCount2D.Result dyadic, MedianSlopeDimension.Result medianSlope) {
  }

  public Dimensions dimensions() {
    BitImage image = bits();
    return new Dimensions(BoxCount2D.measure(image), MedianSlopeDimension.measure(image));
  }
}
