package dev.brink.descent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.landscape.Family;
import dev.brink.optimizer.Optimizer;
import dev.brink.optimizer.OptimizerSpec;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Momentum, Nesterov and Adam: the scalar kernel against the slow path (Trajectory with
 * OptimizerState), the SIMD kernel against the scalar one bit for bit (its register loop for
 * momentum and Nesterov, the masked rounds for the rest), and momentum with beta 0 against GD.
 */
class OptimizerKernelTest {
  private static final Optimizer[] OTHERS = {Optimizer.MOMENTUM, Optimizer.NESTEROV,
      Optimizer.ADAM};

  /** ScalarKernelTest's random batch with this optimizer and random parameters of it. */
  static TrajectoryBatch randomBatch(Family family, Optimizer optimizer, int dim, int count,
      Random random) {
    TrajectoryBatch plain = ScalarKernelTest.randomBatch(family, dim, count, random);
    // Adam's step is about eta whatever the gradient, so its iterates stay within T eta of the
    // start: a bound of 9 n and larger rates give both outcomes.
    boolean adam = optimizer == Optimizer.ADAM;
    TrajectoryBatch b = new TrajectoryBatch(family, dim, plain.steps(), adam ? 9 : plain.bound(),
        count, optimizer);
    for (int i = 0; i < count; i++) {
      b.set(i, 0, 0, plain.eps[i], plain.lambda[i], plain.eps2[i], plain.lambda2[i]);
      for (int d = 0; d < dim; d++) {
        b.setEta(i, d, plain.eta(i, d) * (adam ? 3 : 1));
        b.setX0(i, d, plain.x0(i, d));
      }
      b.setOptimizer(i, new OptimizerSpec(optimizer, random.nextDouble() * 1.8 - 0.9,
          random.nextDouble() * 0.99, 0.9 + random.nextDouble() * 0.0999,
          Math.pow(10, -10 + 8 * random.nextDouble())));
    }
    b.setCount(count);
    return b;
  }

  /** Every trajectory of a batch with all coordinates equal to the first's. */
  static void equalize(TrajectoryBatch b) {
    for (int i = 0; i < b.count(); i++) {
      b.setEta(i, b.eta(i, 0));
      b.setX0(i, b.x0(i, 0));
    }
  }

  @Test
  @DisplayName("scalar kernel = slow path (Trajectory): same outcome and step for every family,"
      + " dimension and optimizer")
  void scalarEqualsSlowPath() {
    Random random = new Random(71);
    for (Optimizer o : OTHERS) {
      for (Family family : Family.losses()) {
        for (int dim = 1; dim <= 3; dim++) {
          TrajectoryBatch b = randomBatch(family, o, dim, 150, random);
          Outcomes out = VectorKernelTest.scalar(b);
          int divergent = 0;
          for (int i = 0; i < b.count(); i++) {
            double[] eta = new double[dim];
            double[] x0 = new double[dim];
            for (int d = 0; d < dim; d++) {
              eta[d] = b.eta(i, d);
              x0[d] = b.x0(i, d);
            }
            Trajectory slow = Trajectory.trace(b.landscape(i), eta, x0, b.steps(), b.bound(),
                b.optimizer(i));
            String where = o + " " + family + " dim " + dim + " run " + i;
            assertEquals(slow.divergent(), out.divergent(i), where);
            assertEquals(slow.divergeStep(), out.divergeStep(i), where);
            divergent += slow.divergent() ? 1 : 0;
          }
          assertTrue(divergent > 5 && divergent < b.count() - 5, o + " " + family + " dim "
              + dim + ": " + divergent + " divergent of " + b.count() + ", both outcomes");
        }
      }
    }
  }

  @Test
  @DisplayName("SIMD kernel = scalar kernel bit for bit: every optimizer, family and dimension,"
      + " coordinates that differ and equal ones")
  void simdEqualsScalar() {
    Random random = new Random(72);
    for (Optimizer o : OTHERS) {
      for (Family family : Family.losses()) {
        for (int dim = 1; dim <= 4; dim++) {
          for (boolean equal : new boolean[] {false, true}) {
            if (equal && dim == 1) {
              continue;
            }
            TrajectoryBatch b = randomBatch(family, o, dim, 1001, random);
            if (equal) {
              equalize(b);
            }
            Outcomes a = VectorKernelTest.scalar(b);
            VectorKernelTest.assertSame(a, VectorKernelTest.simd(b), o + " " + family + " dim "
                + dim + (equal ? " equal" : ""));
            int divergent = a.divergentCount(b.count());
            assertTrue(divergent > 20 && divergent < b.count() - 20, o + " " + family
                + " dim " + dim + ": " + divergent + " divergent, a batch with both outcomes");
          }
        }
      }
    }
  }

  @Test
  @DisplayName("momentum with beta = 0 is GD bit for bit (both kernels and the slow path), as is"
      + " Nesterov with beta = 0")
  void betaZeroIsGd() {
    Random random = new Random(73);
    for (Family family : Family.losses()) {
      for (int dim = 1; dim <= 3; dim++) {
        TrajectoryBatch gd = ScalarKernelTest.randomBatch(family, dim, 777, random);
        Outcomes expected = VectorKernelTest.scalar(gd);
        for (Optimizer o : new Optimizer[] {Optimizer.MOMENTUM, Optimizer.NESTEROV}) {
          TrajectoryBatch b = new TrajectoryBatch(family, dim, gd.steps(), gd.bound(),
              gd.count(), o);
          for (int i = 0; i < gd.count(); i++) {
            b.set(i, 0, 0, gd.eps[i], gd.lambda[i], gd.eps2[i], gd.lambda2[i]);
            for (int d = 0; d < dim; d++) {
              b.setEta(i, d, gd.eta(i, d));
              b.setX0(i, d, gd.x0(i, d));
            }
            b.setBeta(i, 0);
          }
          b.setCount(gd.count());
          String where = o + " " + family + " dim " + dim;
          VectorKernelTest.assertSame(expected, VectorKernelTest.scalar(b), where + " scalar");
          VectorKernelTest.assertSame(expected, VectorKernelTest.simd(b), where + " simd");
        }
        double[] eta = {gd.eta(0, 0)};
        if (dim == 1) {
          Trajectory plain = Trajectory.trace(gd.landscape(0), eta, new double[] {0.7}, 300,
              1e8);
          Trajectory heavy = Trajectory.trace(gd.landscape(0), eta, new double[] {0.7}, 300,
              1e8, new OptimizerSpec(Optimizer.MOMENTUM, 0, 0.9, 0.999, 1e-8));
          assertArrayEquals(plain.loss(), heavy.loss(), family + ": losses");
        }
      }
    }
  }

  @Test
  @DisplayName("a velocity carried from step to step: momentum's trajectory is not GD's")
  void momentumChangesTheRun() {
    TrajectoryBatch gd = ScalarKernelTest.randomBatch(Family.ADDITIVE, 1, 500, new Random(74));
    TrajectoryBatch b = randomBatch(Family.ADDITIVE, Optimizer.MOMENTUM, 1, 500, new Random(74));
    Outcomes a = VectorKernelTest.scalar(gd);
    Outcomes m = VectorKernelTest.scalar(b);
    int differ = 0;
    for (int i = 0; i < 500; i++) {
      differ += a.divergeStep(i) != m.divergeStep(i) || a.speed(i) != m.speed(i) ? 1 : 0;
    }
    assertTrue(differ > 250, differ + " of 500 runs differ");
  }
}
