package dev.brink.fractal;

import java.util.Arrays;
import java.util.List;

/**
 * Sohl-Dickstein's estimate of a plane's boundary dimension (docs/science.md, Box counting in a
 * plane), beside brink's dyadic fit so that results compare with his 1.17-1.98: edges are the
 * boundary pixels of {@link BoxCount2D} (a 2 x 2 block holding both classes; an R x R image
 * gives x ); box sizes are porespy's, unique(int(logspace(1, log10 m, 10))) with m
 * the edge image's shorter side, in exact arithmetic (see sizes); boxes tile it from the origin, the last ones partial; N(d) counts
 * the boxes with an edge that are not all edges; the local slopes are -d log N / d log d by
 * numpy.gradient (second-order central differences inside, one-sided at the ends); the estimate
 * is their median (of one image, or of all images of a zoom sequence, as he reports it). A size
 * with N(d) = 0 has no logarithm: the slopes it touches are left out.
 */
public final class MedianSlopeDimension {
  private static final int BINS = 10;

  private MedianSlopeDimension() {
  }

  /**
   * One image's sizes, counts, local slopes (NaN where a count was 0) and their median (NaN
   * when there is none).
   */
  public record Result(int[] sizes, long[] counts, double[] slopes, double median) {
  }

  public static Result measure(BitImage image) {
    int w = image.width() - 1;
    int h = image.height() - 1;
    if (w < 1 || h < 1) {
      return new Result(new int[0], new long[0], new double[0], Double.NaN);
    }
    long[] edges = BoxCount2D.boundary(image);
    int words = image.wordsPerRow();
    int[] sizes = sizes(Math.min(w, h));
    long[] counts = new long[sizes.length];
    long[] any = new long[words];
    long[] all = new long[words];
    for (int s = 0; s < sizes.length; s++) {
      int d = sizes[s];
      long count = 0;
      for (int j0 = 0; j0 < h; j0 += d) {
        Arrays.fill(any, 0);
        Arrays.fill(all, -1L);
        for (int j = j0; j < Math.min(h, j0 + d); j++) {
          for (int x = 0; x < words; x++) {
            any[x] |= edges[j * words + x];
            all[x] &= edges[j * words + x];
          }
        }
        for (int i0 = 0; i0 < w; i0 += d) {
          int i1 = Math.min(w, i0 + d);
          if (anySet(any, i0, i1) && !allSet(all, i0, i1)) {
            count++;
          }
        }
      }
      counts[s] = count;
    }
    double[] slopes = slopes(sizes, counts);
    return new Result(sizes, counts, slopes, median(List.of(slopes)));
  }

  /** The median of the finite local slopes of every image (a zoom sequence's estimate). */
  public static double median(List<double[]> slopes) {
    double[] all = slopes.stream().flatMapToDouble(Arrays::stream).filter(Double::isFinite)
        .sorted().toArray();
    if (all.length == 0) {
      return Double.NaN;
    }
    int m = all.length / 2;
    return all.length % 2 == 1 ? all[m] : (all[m - 1] + all[m]) / 2;
  }

  /**
   * porespy's box sizes for an edge image whose shorter side is m, in exact arithmetic:
   * floor(10 (m / 10)^(k / 9)) for k = 0..9, sorted, without repeats. A size that is exactly an
   * integer N (m^k 10^(9-k) = N^9, as the last, m) is N; otherwise the float64 value's floor,
   * which is exact unless the value lies within 1e-13 of an integer without being one. numpy's
   * own rounding, which varies with its build and processor (SVML's pow and log10 on AVX-512),
   * gives m - 1 as the last size for about a third of all m (254 for 255; 4095 for 4095).
   */
  static int[] sizes(int m) {
    int[] raw = new int[BINS];
    for (int k = 0; k < BINS; k++) {
      double v = 10 * Math.pow(m / 10.0, k / (double) (BINS - 1));
      long n = Math.round(v);
      boolean exact = java.math.BigInteger.valueOf(m).pow(k)
          .multiply(java.math.BigInteger.TEN.pow(BINS - 1 - k))
          .equals(java.math.BigInteger.valueOf(n).pow(BINS - 1));
      raw[k] = exact ? (int) n : (int) Math.floor(v);
    }
    return Arrays.stream(raw).sorted().distinct().toArray();
  }

  /** -numpy.gradient(log N, log d), NaN where a count is 0; empty for fewer than 2 sizes. */
  static double[] slopes(int[] sizes, long[] counts) {
    int n = sizes.length;
    if (n < 2) {
      return new double[0];
    }
    double[] x = new double[n];
    double[] f = new double[n];
    for (int k = 0; k < n; k++) {
      x[k] = Math.log(sizes[k]);
      f[k] = counts[k] > 0 ? Math.log(counts[k]) : Double.NaN;
    }
    double[] g = new double[n];
    g[0] = (f[1] - f[0]) / (x[1] - x[0]);
    g[n - 1] = (f[n - 1] - f[n - 2]) / (x[n - 1] - x[n - 2]);
    for (int k = 1; k < n - 1; k++) {
      double hs = x[k] - x[k - 1];
      double hd = x[k + 1] - x[k];
      g[k] = (hs * hs * f[k + 1] - hd * hd * f[k - 1] + (hd * hd - hs * hs) * f[k])
          / (hs * hd * (hd + hs));
    }
    for (int k = 0; k < n; k++) {
      g[k] = -g[k];
    }
    return g;
  }

  /** Whether any bit i0..i1-1 of the row's words is set. */
  private static boolean anySet(long[] row, int i0, int i1) {
    for (int i = i0; i < i1; ) {
      int x = i >>> 6;
      int to = Math.min(i1, (x + 1) << 6);
      if ((row[x] & mask(i & 63, to - (x << 6))) != 0) {
        return true;
      }
      i = to;
    }
    return false;
  }

  /** Whether every bit i0..i1-1 of the row's words is set. */
  private static boolean allSet(long[] row, int i0, int i1) {
    for (int i = i0; i < i1; ) {
      int x = i >>> 6;
      int to = Math.min(i1, (x + 1) << 6);
      long m = mask(i & 63, to - (x << 6));
      if ((row[x] & m) != m) {
        return false;
      }
      i = to;
    }
    return true;
  }

  /** Bits from..to-1 of a word (0 <= from < to <= 64). */
  private static long mask(int from, int to) {
    long upTo = to == 64 ? -1L : (1L << to) - 1;
    return upTo & -(1L << from);
  }
}
