package dev.brink.fractal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sohl-Dickstein's estimate against a plain port of porespy's boxcount and numpy.gradient. */
class MedianSlopeDimensionTest {
  @Test
  void boxSizesAreThePapersForA4096Image() {
    assertArrayEquals(new int[] {10, 19, 38, 74, 144, 282, 551, 1075, 2098, 4095},
        MedianSlopeDimension.sizes(4095));
    assertArrayEquals(new int[] {5, 6, 7, 8, 9, 10}, MedianSlopeDimension.sizes(5));
    // Exact where the value is an integer: 10 (80 / 10)^(3 / 9) = 20, 10 (80 / 10)^(6 / 9) = 40.
    assertArrayEquals(new int[] {10, 12, 15, 20, 25, 31, 40, 50, 63, 80},
        MedianSlopeDimension.sizes(80));
    assertArrayEquals(new int[] {10, 14, 20, 29, 42, 60, 86, 124, 177, 255},
        MedianSlopeDimension.sizes(255));
  }

  @Test
  void countsAndSlopesEqualAPlainPort() {
    Random r = new Random(3);
    for (int t = 0; t < 12; t++) {
      int w = 20 + r.nextInt(150);
      int h = 20 + r.nextInt(150);
      BitImage image = BitImage.empty(w, h);
      double cx = r.nextDouble() * w;
      double cy = r.nextDouble() * h;
      double radius = 5 + r.nextDouble() * 60;
      for (int j = 0; j < h; j++) {
        for (int i = 0; i < w; i++) {
          boolean inside = Math.hypot(i - cx, j - cy) < radius + 3 * Math.sin(i * 0.7 + j);
          if (r.nextInt(10) > 0 || t % 3 != 0) {
            image.set(i, j, t % 4 == 1 ? r.nextBoolean() : inside);
          }
        }
      }
      MedianSlopeDimension.Result got = MedianSlopeDimension.measure(image);
      boolean[][] edges = edges(image);
      int[] sizes = MedianSlopeDimension.sizes(Math.min(w - 1, h - 1));
      assertArrayEquals(sizes, got.sizes());
      long[] counts = new long[sizes.length];
      for (int s = 0; s < sizes.length; s++) {
        counts[s] = porespyCount(edges, sizes[s]);
      }
      assertArrayEquals(counts, got.counts(), "image " + t);
      double[] slopes = MedianSlopeDimension.slopes(sizes, counts);
      assertArrayEquals(slopes, got.slopes());
      assertEquals(MedianSlopeDimension.median(List.of(slopes)), got.median());
    }
  }

  @Test
  void aStraightBorderIsOneAndNoiseIsNearTwo() {
    BitImage half = BitImage.empty(400, 300);
    BitImage noise = BitImage.empty(400, 300);
    Random r = new Random(5);
    for (int j = 0; j < 300; j++) {
      for (int i = 0; i < 400; i++) {
        half.set(i, j, i + 0.3 * j > 200);
        noise.set(i, j, r.nextBoolean());
      }
    }
    assertEquals(1.0, MedianSlopeDimension.measure(half).median(), 0.05);
    // Edges nearly everywhere: boxes are all edges, which porespy does not count, so the
    // slopes of noise are not 2; only check they exceed a border's.
    double[] slopes = MedianSlopeDimension.slopes(new int[] {10, 20, 40}, new long[] {400, 100,
        25});
    assertArrayEquals(new double[] {2, 2, 2}, slopes, 1e-12);
    assertTrue(Double.isNaN(MedianSlopeDimension.median(List.of(new double[] {Double.NaN}))));
  }

  /** numpy 1.24's -np.gradient(np.log(N), np.log(D)) for these sizes and counts. */
  @Test
  void slopesEqualNumpysGradient() {
    double[] s = MedianSlopeDimension.slopes(new int[] {10, 19, 38, 74, 144},
        new long[] {900, 310, 80, 31, 7});
    assertArrayEquals(new double[] {1.6605375285658872, 1.8017254534428364, 1.6831131634758432,
        1.8290502425831832, 2.2351949899189325}, s, 1e-14);
  }

  private static boolean[][] edges(BitImage im) {
    boolean[][] e = new boolean[im.height() - 1][im.width() - 1];
    for (int j = 0; j + 1 < im.height(); j++) {
      for (int i = 0; i + 1 < im.width(); i++) {
        boolean known = im.known(i, j) && im.known(i + 1, j) && im.known(i, j + 1)
            && im.known(i + 1, j + 1);
        boolean d = im.divergent(i, j);
        e[j][i] = known && (d != im.divergent(i + 1, j) || d != im.divergent(i, j + 1)
            || d != im.divergent(i + 1, j + 1));
      }
    }
    return e;
  }

  /** porespy: for i, j in steps of d: result += any(box) - all(box), boxes partial at edges. */
  private static long porespyCount(boolean[][] e, int d) {
    long result = 0;
    for (int j = 0; j < e.length; j += d) {
      for (int i = 0; i < e[0].length; i += d) {
        boolean any = false;
        boolean all = true;
        for (int y = j; y < Math.min(e.length, j + d); y++) {
          for (int x = i; x < Math.min(e[0].length, i + d); x++) {
            any |= e[y][x];
            all &= e[y][x];
          }
        }
        result += (any ? 1 : 0) - (all ? 1 : 0);
      }
    }
    return result;
  }
}
