package dev.brink.fractal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BoxCount2DTest {

  static BoxCount2D.Image image(int n, BiPredicate<Integer, Integer> divergent) {
    return new BoxCount2D.Image() {
      public int width() {
        return n;
      }

      public int height() {
        return n;
      }

      public boolean known(int i, int j) {
        return true;
      }

      public boolean divergent(int i, int j) {
        return divergent.test(i, j);
      }
    };
  }

  @Test
  @DisplayName("a straight boundary has dimension 1, a circle about 1")
  void smooth() {
    // 513 pixels: a boundary image of 512 x 512, so every box size tiles it exactly.
    BoxCount2D.Result line = BoxCount2D.measure(image(513, (i, j) -> i > 200));
    assertEquals(1.0, line.dimension(), 1e-9);
    assertEquals(0.0, line.fit().standardError(), 1e-9);
    assertEquals(128, line.sizes()[line.sizes().length - 1]);
    BoxCount2D.Result circle = BoxCount2D.measure(image(512,
        (i, j) -> (i - 256) * (i - 256) + (j - 256) * (j - 256) < 150 * 150));
    assertEquals(1.0, circle.dimension(), 0.05);
  }

  @Test
  @DisplayName("noise fills the plane: dimension about 2")
  void spaceFilling() {
    Random r = new Random(345);
    boolean[] noise = new boolean[512 * 512];
    for (int k = 0; k < noise.length; k++) {
      noise[k] = r.nextBoolean();
    }
    BoxCount2D.Result filled = BoxCount2D.measure(image(512, (i, j) -> noise[j * 512 + i]));
    assertEquals(2.0, filled.dimension(), 0.02);
  }

  @Test
  @DisplayName("no boundary: no fit; unknown pixels make no boundary")
  void none() {
    assertEquals(SlopeFit.NONE, BoxCount2D.measure(image(64, (i, j) -> true)).fit());
    BoxCount2D.Image half = new BoxCount2D.Image() {
      public int width() {
        return 64;
      }

      public int height() {
        return 64;
      }

      public boolean known(int i, int j) {
        return i < 32;
      }

      public boolean divergent(int i, int j) {
        return i >= 32;
      }
    };
    assertTrue(BoxCount2D.measure(half).counts()[0] == 0);
  }

  @Test
  @DisplayName("box counts equal a brute-force count of every aligned box, odd sizes too")
  void countsMatchBruteForce() {
    Random random = new Random(7);
    for (int n : new int[] {37, 64, 101}) {
      // Sparse boundary: a few random discs, so most boxes are empty and some are not.
      double[][] discs = new double[5][];
      for (int d = 0; d < discs.length; d++) {
        discs[d] = new double[] {random.nextDouble() * n, random.nextDouble() * n,
            2 + random.nextDouble() * n / 4};
      }
      BoxCount2D.Image img = image(n, (i, j) -> {
        for (double[] d : discs) {
          if (Math.hypot(i - d[0], j - d[1]) < d[2]) {
            return true;
          }
        }
        return false;
      });
      BoxCount2D.Result r = BoxCount2D.measure(img);
      int w = n - 1;
      for (int k = 0; k < r.sizes().length; k++) {
        int size = r.sizes()[k];
        long count = 0;
        for (int by = 0; by < w; by += size) {
          for (int bx = 0; bx < w; bx += size) {
            boolean any = false;
            for (int j = by; j < Math.min(w, by + size) && !any; j++) {
              for (int i = bx; i < Math.min(w, bx + size) && !any; i++) {
                boolean a = img.divergent(i, j);
                any = a != img.divergent(i + 1, j) || a != img.divergent(i, j + 1)
                    || a != img.divergent(i + 1, j + 1);
              }
            }
            count += any ? 1 : 0;
          }
        }
        assertEquals(count, r.counts()[k], "n " + n + " size " + size);
      }
      assertTrue(r.counts()[0] > 0, "the discs have a boundary");
    }
  }
}
