package dev.brink.descent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.landscape.Family;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SIMD kernel against the scalar one (the test JVM has jdk.incubator.vector): both take
 * brink's own sine and cosine, so they agree bit for bit.
 */
class VectorKernelTest {

  static Outcomes scalar(TrajectoryBatch b) {
    Outcomes out = new Outcomes(b.count());
    ScalarKernel.run(b, 0, b.count(), out, new double[ScalarKernel.workSize(b.dim())]);
    return out;
  }

  static Outcomes simd(TrajectoryBatch b) {
    Outcomes out = new Outcomes(b.count());
    new VectorKernel(b.dim()).run(b, 0, b.count(), out);
    return out;
  }

  @Test
  @DisplayName("the test JVM runs the SIMD kernel")
  void simdIsSelected() {
    assertEquals("simd", Kernels.name());
    assertTrue(VectorKernel.lanes() >= 2);
  }

  static void assertSame(Outcomes a, Outcomes v, String where) {
    assertArrayEquals(a.divergent, v.divergent, where);
    assertArrayEquals(a.divergeStep, v.divergeStep, where);
    assertArrayEquals(a.speed, v.speed, where);
  }

  @Test
  @DisplayName("every family and dimension: the SIMD kernel equals the scalar one bit for bit "
      + "(register loops in 1-2 dimensions, the array rounds in 3-4 with coordinates that "
      + "differ)")
  void familiesExact() {
    Random random = new Random(345);
    for (Family family : Family.losses()) {
      for (int dim = 1; dim <= 4; dim++) {
        TrajectoryBatch b = ScalarKernelTest.randomBatch(family, dim, 2003, random);
        Outcomes a = scalar(b);
        assertSame(a, simd(b), family + " dim " + dim);
        int divergent = a.divergentCount(b.count());
        assertTrue(divergent > 100 && divergent < b.count() - 100, family + " dim " + dim
            + ": " + divergent + " divergent, a batch that tests both outcomes");
      }
    }
  }

  @Test
  @DisplayName("the same batch 400 times, from the interpreter to C2's code, gives the same "
      + "outcomes each time (the JDK's own vector sine would not)")
  void everyJitTierAgrees() {
    TrajectoryBatch b = ScalarKernelTest.randomBatch(Family.ADDITIVE, 1, 4001, new Random(8));
    Outcomes a = scalar(b);
    VectorKernel kernel = new VectorKernel(1);
    for (int round = 0; round < 400; round++) {
      Outcomes v = new Outcomes(b.count());
      kernel.run(b, 0, b.count(), v);
      assertSame(a, v, "round " + round);
    }
  }

  /** A random batch whose runs start with all coordinates equal and one learning rate. */
  static TrajectoryBatch equalCoordinates(Family family, int dim, int count, Random random) {
    TrajectoryBatch b = ScalarKernelTest.randomBatch(family, dim, count, random);
    for (int i = 0; i < count; i++) {
      for (int d = 1; d < dim; d++) {
        b.setEta(i, d, b.eta(i, 0));
        b.setX0(i, d, b.x0(i, 0));
      }
    }
    return b;
  }

  @Test
  @DisplayName("n-D runs with equal coordinates (one coordinate computed, counted n times) "
      + "equal the scalar kernel bit for bit")
  void equalCoordinatesExact() {
    Random random = new Random(91);
    for (int dim = 1; dim <= 4; dim++) {
      for (Family family : Family.losses()) {
        TrajectoryBatch b = equalCoordinates(family, dim, 2003, random);
        Outcomes a = scalar(b);
        assertSame(a, simd(b), family + " dim " + dim);
        int divergent = a.divergentCount(b.count());
        assertTrue(family == Family.QUADRATIC || divergent > 100 && divergent < b.count() - 100,
            family + " dim " + dim + ": " + divergent + " divergent");
      }
    }
  }

  @ParameterizedTest(name = "{0} dim {1}, coordinates {2}")
  @CsvSource({"ADDITIVE, 1, equal", "TWOCOS, 1, equal", "ADDITIVE, 2, differ", "TWOCOS, 2, differ",
      "ADDITIVE, 3, equal", "ADDITIVE, 3, differ", "TWOCOS, 3, differ"})
  @DisplayName("a loss within eps of the bound is decided by the exact loss, not its bound")
  void nearTheBound(Family family, int dim, String coordinates) {
    // eta 0 keeps x at x0, so each run diverges at step 0 exactly when f(x0) > B n = n; the
    // first coordinate sweeps x0^2 through the band where only the cosines decide (every
    // coordinate does when they are equal). Otherwise the others stay at 0, where each term
    // equals its bound (x^2 + |eps| + |eps2|, every cosine 1), so a loop whose bound left out
    // a term would let runs step on that the exact loss stops; rest moves the band to where f
    // crosses n (1000 to 3000 of the runs diverge, checked below).
    int count = 4001;
    boolean equal = coordinates.equals("equal");
    double eps2 = family == Family.TWOCOS ? 0.1 : 0;
    TrajectoryBatch b = new TrajectoryBatch(family, dim, 20, 1.0, count);
    double rest = equal ? 0 : (dim - 1) * (1 - 0.3 - eps2) - 0.3 * (dim - 2);
    for (int i = 0; i < count; i++) {
      double x0 = Math.sqrt(0.7 + rest + 0.6 * i / (count - 1));
      b.set(i, 0.0, x0, 0.3, 0.37, eps2, 0.23);
      for (int d = 1; d < dim && !equal; d++) {
        b.setX0(i, d, 0);
      }
    }
    b.setCount(count);
    Outcomes a = scalar(b);
    Outcomes v = simd(b);
    int divergent = 0;
    for (int i = 0; i < count; i++) {
      divergent += a.divergent(i) ? 1 : 0;
    }
    assertTrue(divergent > 1000 && divergent < 3000, divergent + " divergent");
    assertArrayEquals(a.divergent, v.divergent);
    assertArrayEquals(a.divergeStep, v.divergeStep);
  }

  @ParameterizedTest(name = "{0} dim {1}, coordinates {2}")
  @CsvSource({"ADDITIVE, 1, equal", "TWOCOS, 1, equal", "ADDITIVE, 2, differ",
      "TWOCOS, 2, differ", "ADDITIVE, 3, equal", "TWOCOS, 4, equal", "ADDITIVE, 3, differ",
      "TWOCOS, 3, differ", "TWOCOS, 4, differ"})
  @DisplayName("where the loss equals its bound, a limit just below it stops every run at step 0")
  void boundIsTight(Family family, int dim, String coordinates) {
    // At x = 0 every cosine is 1, so each term is |eps| + |eps2|, its bound, and the gradient
    // is 0: runs stay at 0 whatever their learning rates (which differ between coordinates
    // unless they are equal). A limit B n a hair below f = n (eps + eps2) stops every run at
    // step 0; a fast loop whose bound left out a term would step on to T. The hair, 1e-13, is
    // finer than the 2^-40 margin of the equal-coordinate loops' bound, so that margin is
    // tested too.
    double eps = 0.3;
    double eps2 = family == Family.TWOCOS ? 0.1 : 0;
    for (double hair : new double[] {-1e-13, 1e-13}) {
      int count = 101;
      TrajectoryBatch b = new TrajectoryBatch(family, dim, 20, (eps + eps2) * (1 + hair), count);
      for (int i = 0; i < count; i++) {
        b.set(i, 0.01 * i, 0, eps, 0.37, eps2, 0.23);
        for (int d = 1; d < dim && coordinates.equals("differ"); d++) {
          b.setEta(i, d, 0.5 + 0.1 * d);
        }
      }
      b.setCount(count);
      Outcomes a = scalar(b);
      Outcomes v = simd(b);
      for (int i = 0; i < count; i++) {
        assertEquals(hair < 0, a.divergent(i), "scalar, limit " + hair);
        assertEquals(hair < 0 ? 0 : 20, v.divergeStep(i), "simd, limit " + hair + ", run " + i);
      }
    }
  }

  @Test
  @DisplayName("a range in the middle of a batch fills only its own slots")
  void ranges() {
    TrajectoryBatch b = ScalarKernelTest.randomBatch(Family.ADDITIVE, 1, 100, new Random(3));
    Outcomes out = new Outcomes(100);
    new VectorKernel(1).run(b, 17, 23, out);
    for (int i = 0; i < 100; i++) {
      assertEquals(i >= 17 && i < 23, out.divergeStep(i) > 0 || out.divergent(i), "slot " + i);
    }
  }
}
