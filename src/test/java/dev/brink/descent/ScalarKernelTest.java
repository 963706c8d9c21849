package dev.brink.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.landscape.Family;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScalarKernelTest {

  /** A batch of random trajectories around the interesting region of every family. */
  static TrajectoryBatch randomBatch(Family family, int dim, int count, Random random) {
    TrajectoryBatch b = new TrajectoryBatch(family, dim, 300, 1e8, count);
    for (int i = 0; i < count; i++) {
      b.set(i, random.nextDouble() * 1.5, random.nextDouble() * 4 - 2,
          random.nextDouble() * 0.3, 0.05 + random.nextDouble(), random.nextDouble() * 0.02,
          0.2 + random.nextDouble());
      if (dim > 1) {
        b.setEta(i, 1, random.nextDouble() * 1.5);
        b.setX0(i, 1, random.nextDouble());
      }
    }
    b.setCount(count);
    return b;
  }

  @Test
  @DisplayName("the fused kernel equals the slow path (Landscape + Trajectory) bit for bit")
  void kernelEqualsSlowPath() {
    Random random = new Random(345);
    int compared = 0;
    int divergent = 0;
    for (Family family : Family.losses()) {
      for (int dim = 1; dim <= 3; dim++) {
        TrajectoryBatch batch = randomBatch(family, dim, 200, random);
        Outcomes out = new Outcomes(batch.count());
        ScalarKernel.run(batch, 0, batch.count(), out, new double[ScalarKernel.workSize(dim)]);
        for (int i = 0; i < batch.count(); i++) {
          double[] eta = new double[dim];
          double[] x0 = new double[dim];
          for (int d = 0; d < dim; d++) {
            eta[d] = batch.eta(i, d);
            x0[d] = batch.x0(i, d);
          }
          Trajectory slow = Trajectory.trace(batch.landscape(i), eta, x0, batch.steps(),
              batch.bound());
          String where = family + " dim " + dim + " trajectory " + i;
          assertEquals(slow.divergent(), out.divergent(i), where);
          assertEquals(slow.divergeStep(), out.divergeStep(i), where);
          if (!slow.divergent()) {
            // Settling time from the kept iterates: mean t weighted by the change of x_i^2.
            double moved = 0;
            double movedTime = 0;
            double[] g = new double[dim];
            for (int t = 0; t + 1 < slow.x().length; t++) {
              batch.landscape(i).gradient(slow.x()[t], g);
              double change = 0;
              for (int d = 0; d < dim; d++) {
                double step = eta[d] * g[d];
                change = Math.max(change, Math.abs(step * (2 * slow.x()[t][d] - step)));
              }
              moved += change;
              movedTime += t * change;
            }
            assertEquals(moved > 0 ? movedTime / moved : 0, out.speed(i), where);
          } else {
            assertTrue(out.speed(i) >= 1 && out.speed(i) <= slow.divergeStep() + 1, where);
            divergent++;
          }
          compared++;
        }
      }
    }
    assertEquals(4 * 3 * 200, compared);
    assertTrue(divergent > 100 && divergent < compared - 100,
        "the random batches mix classes: " + divergent + " of " + compared + " divergent");
  }

  @Test
  @DisplayName("NaN loss counts as divergent and the bound is B times n")
  void nanAndBound() {
    TrajectoryBatch b = new TrajectoryBatch(Family.QUADRATIC, 2, 10, 1.0, 3);
    b.set(0, 0.1, Double.NaN, 0, 1, 0, 1);
    // f(x0) = 2 * 0.7^2 = 0.98 <= B * n = 2: bounded with eta 0 ...
    b.set(1, 0.0, 0.7, 0, 1, 0, 1);
    // ... but 2 * 1.1^2 = 2.42 > 2 diverges at step 0.
    b.set(2, 0.0, 1.1, 0, 1, 0, 1);
    b.setCount(3);
    Outcomes out = new Outcomes(3);
    ScalarKernel.run(b, 0, 3, out, new double[ScalarKernel.workSize(2)]);
    assertTrue(out.divergent(0));
    assertEquals(0, out.divergeStep(0));
    assertTrue(!out.divergent(1));
    assertEquals(10, out.divergeStep(1));
    assertTrue(out.divergent(2));
    assertEquals(0, out.divergeStep(2));
    assertEquals(1.0, out.speed(2));
    assertEquals(10, out.gdSteps(3));
  }

  @Test
  @DisplayName("a divergent run's speed interpolates the crossing of the bound geometrically")
  void crossingTime() {
    // Loss grows x10 per step; 1e8 is crossed at f = 1e9 on step 9, at 9 - log(10)/log(10) = 8.
    assertEquals(8.0, ScalarKernel.crossingTime(9, 1e9, 1e8, 1e8), 1e-12);
    // Crossing 1e8 between 1e7 and 1e9 is halfway in log: 9 - 0.5.
    assertEquals(8.5, ScalarKernel.crossingTime(9, 1e9, 1e7, 1e8), 1e-12);
    assertEquals(4.0, ScalarKernel.crossingTime(4, Double.NaN, 1e7, 1e8));
    assertEquals(4.0, ScalarKernel.crossingTime(4, Double.POSITIVE_INFINITY, 1e7, 1e8));
    assertEquals(0.0, ScalarKernel.crossingTime(0, 1e9, 0, 1e8));
  }
}
