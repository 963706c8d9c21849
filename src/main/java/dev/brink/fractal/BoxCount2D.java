package dev.brink.fractal;

import java.util.BitSet;

/**
 * The box-counting dimension of a plane's boundary (design.md section 1): pixel (i, j) is a
 * boundary pixel when the 2x2 block (i, j), (i+1, j), (i, j+1), (i+1, j+1) holds both classes;
 * for box sizes s = 1, 2, 4, ... up to a quarter of the shorter side, count the aligned s x s
 * boxes holding a boundary pixel; the dimension is minus the least-squares slope of log2(count)
 * against log2(s) over the sizes whose count exceeds 1, with the slope's standard error. A
 * smooth boundary gives about 1, a space-filling one about 2.
 */
public final class BoxCount2D {
  private BoxCount2D() {
  }

  /** Classes of a width x height image; pixels not known yet take part in no 2x2 block. */
  public interface Image {
    int width();

    int height();

    /** Whether pixel (i, j) is known; unknown pixels make no boundary. */
    boolean known(int i, int j);

    /** Whether pixel (i, j) is divergent. */
    boolean divergent(int i, int j);
  }

  /** The fit (slope = the dimension, already negated) and the box counts per size. */
  public record Result(SlopeFit fit, int[] sizes, long[] counts) {
    public double dimension() {
      return fit.slope();
    }
  }

  public static Result measure(Image image) {
    int w = image.width() - 1;
    int h = image.height() - 1;
    if (w < 1 || h < 1) {
      return new Result(SlopeFit.NONE, new int[0], new long[0]);
    }
    // Boundary pixels, one bit each; then the boxes of size 2s as 2x2 blocks of the boxes of
    // size s, each level a quarter of the one before: linear in the pixels.
    BitSet boxes = new BitSet(w * h);
    for (int j = 0; j < h; j++) {
      for (int i = 0; i < w; i++) {
        if (image.known(i, j) && image.known(i + 1, j) && image.known(i, j + 1)
            && image.known(i + 1, j + 1)) {
          boolean a = image.divergent(i, j);
          if (a != image.divergent(i + 1, j) || a != image.divergent(i, j + 1)
              || a != image.divergent(i + 1, j + 1)) {
            boxes.set(j * w + i);
          }
        }
      }
    }
    int levels = 0;
    while ((1 << (levels + 1)) <= Math.min(image.width(), image.height()) / 4) {
      levels++;
    }
    int[] sizes = new int[levels + 1];
    long[] counts = new long[levels + 1];
    int bw = w;
    for (int k = 0; k <= levels; k++) {
      sizes[k] = 1 << k;
      counts[k] = boxes.cardinality();
      BitSet coarser = new BitSet();
      int cw = (bw + 1) / 2;
      for (int p = boxes.nextSetBit(0); p >= 0; p = boxes.nextSetBit(p + 1)) {
        coarser.set(p / bw / 2 * cw + p % bw / 2);
      }
      boxes = coarser;
      bw = cw;
    }
    double[] x = new double[levels + 1];
    double[] y = new double[levels + 1];
    int m = 0;
    for (int k = 0; k <= levels; k++) {
      if (counts[k] > 1) {
        x[m] = k;
        y[m] = -Math.log(counts[k]) / Math.log(2);
        m++;
      }
    }
    return new Result(SlopeFit.ols(x, y, m), sizes, counts);
  }
}
