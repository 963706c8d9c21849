package dev.brink.descent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.landscape.Family;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The SIMD kernel against the scalar one (the test JVM has jdk.incubator.vector). */
class VectorKernelTest {

  static Outcomes scalar(TrajectoryBatch b) {
    Outcomes out = new Outcomes(b.count());
    ScalarKernel.run(b, 0, b.count(), out, new double[2 * b.dim()]);
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

  @Test
  @DisplayName("without sines the SIMD kernel equals the scalar one bit for bit")
  void quadraticExact() {
    TrajectoryBatch b = ScalarKernelTest.randomBatch(Family.QUADRATIC, 2, 1001, new Random(7));
    Outcomes a = scalar(b);
    Outcomes v = simd(b);
    assertArrayEquals(a.divergent, v.divergent);
    assertArrayEquals(a.divergeStep, v.divergeStep);
    assertArrayEquals(a.speed, v.speed);
  }

  @Test
  @DisplayName("every family and dimension: classes agree on >= 99% of random runs")
  void familiesAgree() {
    Random random = new Random(345);
    for (Family family : Family.values()) {
      for (int dim = 1; dim <= 3; dim++) {
        TrajectoryBatch b = ScalarKernelTest.randomBatch(family, dim, 2003, random);
        Outcomes a = scalar(b);
        Outcomes v = simd(b);
        int same = 0;
        int sameStep = 0;
        for (int i = 0; i < b.count(); i++) {
          same += a.divergent(i) == v.divergent(i) ? 1 : 0;
          sameStep += a.divergeStep(i) == v.divergeStep(i) ? 1 : 0;
        }
        assertTrue(same >= 0.99 * b.count(), family + " dim " + dim + ": " + same);
        assertTrue(sameStep >= 0.98 * b.count(), family + " dim " + dim + ": " + sameStep);
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
