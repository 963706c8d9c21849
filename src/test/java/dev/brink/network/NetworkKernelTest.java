package dev.brink.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.optimizer.Optimizer;
import dev.brink.optimizer.OptimizerSpec;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The SIMD kernel against the reference loop, lane by lane and bit for bit. */
class NetworkKernelTest {
  private static final int L = NetworkKernel.L;

  /** Runs count pixels with log-uniform rates over 1e-2..1e3 (both classes) on the kernel. */
  private static void compare(NetworkSpec spec, int steps, int count, long seed) {
    compare(spec, Optimizer.GD, steps, count, seed);
  }

  /** Random parameters of the optimizer, pixel by pixel: {beta, beta1, beta2, adam-eps}. */
  private static double[][] params(Optimizer o, int count, Random r) {
    if (o == Optimizer.GD) {
      return null;
    }
    double[][] p = new double[4][count];
    for (int k = 0; k < count; k++) {
      p[0][k] = r.nextDouble() * 1.8 - 0.9;
      p[1][k] = r.nextDouble() * 0.99;
      p[2][k] = 0.9 + r.nextDouble() * 0.0999;
      p[3][k] = Math.pow(10, -10 + 8 * r.nextDouble());
    }
    return p;
  }

  private static OptimizerSpec spec(Optimizer o, double[][] p, int k) {
    return p == null ? OptimizerSpec.GD : new OptimizerSpec(o, p[0][k], p[1][k], p[2][k],
        p[3][k]);
  }

  /** Adam's step is about eta whatever the gradient: its rates are smaller to reach both. */
  private static double rate(Optimizer o, Random r) {
    return o == Optimizer.ADAM ? Math.pow(10, r.nextDouble() * 6 - 3)
        : Math.pow(10, r.nextDouble() * 5 - 2);
  }

  private static void compare(NetworkSpec spec, Optimizer o, int steps, int count, long seed) {
    NetworkData data = NetworkData.draw(spec, steps);
    NetworkKernel kernel = new NetworkKernel(data, o);
    Random r = new Random(seed);
    double[] eta0 = new double[L];
    double[] eta1 = new double[L];
    double[] offset = new double[L];
    int trainable = 0;
    for (int round = 0; round < 6; round++) {
      for (int k = 0; k < count; k++) {
        eta0[k] = rate(o, r);
        eta1[k] = rate(o, r);
        offset[k] = spec.offset() == 0 ? 0 : r.nextDouble() * spec.offset();
      }
      double[][] p = params(o, L, r);
      kernel.run(eta0, eta1, offset, p, count, steps, () -> false);
      for (int k = 0; k < count; k++) {
        NetworkReference.Run ref = NetworkReference.train(data, eta0[k], eta1[k], offset[k],
            spec(o, p, k), steps, false, () -> false);
        String at = o + " " + spec + " eta0 " + eta0[k] + " eta1 " + eta1[k] + " offset " + offset[k];
        assertEquals(ref.trainable(), kernel.trainable(k), at);
        assertEquals(Double.doubleToRawLongBits(ref.value()),
            Double.doubleToRawLongBits(kernel.value(k)), at + ": " + ref.value() + " vs "
            + kernel.value(k));
        assertEquals(ref.known(), kernel.known(k), at);
        trainable += ref.trainable() ? 1 : 0;
      }
    }
    assertTrue(trainable > 0 && trainable < 6 * count, trainable + " of " + 6 * count
        + " trainable: the rates should reach both classes");
  }

  @Test
  void tanhFullBatchAtTheDefaultShape() {
    compare(NetworkSpec.of(null, null, null, null, null, null, 0), 30, L, 1);
  }

  @Test
  void everyActivationWithRemaindersOfBlocksAndLanes() {
    for (Activation act : Activation.values()) {
      compare(new NetworkSpec(7, 10, 23, act, 5, 0, 0), 40, L - 1, 2);
    }
  }

  @Test
  void minibatchAndOffset() {
    compare(new NetworkSpec(8, 8, 30, Activation.TANH, 6, 5, 0), 40, L, 3);
    compare(new NetworkSpec(8, 8, 30, Activation.TANH, 6, 0, 0.2), 40, L, 4);
    compare(new NetworkSpec(4, 4, 1, Activation.RELU, 6, 0, 0), 40, 3, 5);
  }

  @Test
  void everyOptimizerFullBatchMinibatchAndOffset() {
    for (Optimizer o : new Optimizer[] {Optimizer.MOMENTUM, Optimizer.NESTEROV,
        Optimizer.ADAM}) {
      compare(new NetworkSpec(7, 10, 23, Activation.TANH, 5, 0, 0), o, 40, L - 1, 6);
      compare(new NetworkSpec(8, 8, 30, Activation.TANH, 6, 5, 0.1), o, 40, L, 7);
      compare(new NetworkSpec(4, 4, 9, Activation.RELU, 6, 0, 0), o, 40, 3, 8);
    }
  }

  @Test
  void momentumWithBetaZeroTrainsAsGd() {
    NetworkData data = NetworkData.draw(new NetworkSpec(6, 5, 20, Activation.TANH, 3, 0, 0), 60);
    Random r = new Random(12);
    for (int k = 0; k < 20; k++) {
      double eta0 = rate(Optimizer.GD, r);
      double eta1 = rate(Optimizer.GD, r);
      NetworkReference.Run gd = NetworkReference.train(data, eta0, eta1, 0, 60, true);
      for (Optimizer o : new Optimizer[] {Optimizer.MOMENTUM, Optimizer.NESTEROV}) {
        NetworkReference.Run m = NetworkReference.train(data, eta0, eta1, 0,
            new OptimizerSpec(o, 0, 0.9, 0.999, 1e-8), 60, true, () -> false);
        for (int t = 0; t < 60; t++) {
          assertEquals(Double.doubleToRawLongBits(gd.losses()[t]),
              Double.doubleToRawLongBits(m.losses()[t]), o + " step " + t);
        }
        assertEquals(gd.trainable(), m.trainable(), o + " eta " + eta0 + ", " + eta1);
      }
    }
  }

  /**
   * runAll, whose lanes take the next pixel as soon as their run ends: every pixel as the
   * reference trains it, rates from the trainable to far past blow-up so runs end at all steps.
   */
  @Test
  void lanesThatTakeTheNextPixelGiveTheReferencesResults() {
    for (Optimizer o : Optimizer.values()) {
      lanesThatTakeTheNextPixel(o);
    }
  }

  private static void lanesThatTakeTheNextPixel(Optimizer o) {
    for (int batch : new int[] {0, 4}) {
      NetworkData data = NetworkData.draw(new NetworkSpec(5, 6, 13, Activation.TANH, 2, batch,
          0), 120);
      NetworkKernel kernel = new NetworkKernel(data, o);
      Random r = new Random(11);
      int count = 3 * L + 5;
      double[] eta0 = new double[count];
      double[] eta1 = new double[count];
      double[] offset = new double[count];
      for (int k = 0; k < count; k++) {
        // Adam's weights move by about eta a step: NaN only from huge rates.
        double decades = o == Optimizer.ADAM ? 16 : 8;
        eta0[k] = Math.pow(10, r.nextDouble() * decades - 2);
        eta1[k] = Math.pow(10, r.nextDouble() * decades - 2);
        offset[k] = k % 3 == 0 ? 0.01 : 0;
      }
      double[][] p = params(o, count, r);
      boolean[] trainable = new boolean[count];
      double[] value = new double[count];
      int[] known = new int[count];
      kernel.runAll(eta0, eta1, offset, p, count, 120, trainable, value, known, () -> false);
      int early = 0;
      for (int k = 0; k < count; k++) {
        NetworkReference.Run ref = NetworkReference.train(data, eta0[k], eta1[k], offset[k],
            spec(o, p, k), 120, false, () -> false);
        String at = o + " batch " + batch + " pixel " + k;
        assertEquals(ref.trainable(), trainable[k], at);
        assertEquals(Double.doubleToRawLongBits(ref.value()),
            Double.doubleToRawLongBits(value[k]), at);
        assertEquals(ref.known(), known[k], at);
        early += known[k] < 120 ? 1 : 0;
      }
      assertTrue(o == Optimizer.ADAM || early > 0 && early < count, o + ": " + early + " of "
          + count + " known early");
    }
  }

  /** A chunk stops within a step of being cancelled, in both of the kernel's modes. */
  @Test
  void cancellationStopsWithinAStep() {
    for (int batch : new int[] {0, 3}) {
      NetworkKernel kernel = new NetworkKernel(NetworkData.draw(
          new NetworkSpec(4, 4, 8, Activation.TANH, 1, batch, 0), 1000));
      int[] asked = {0};
      double[] rates = new double[2 * L];
      java.util.Arrays.fill(rates, 0.1);
      assertThrows(java.util.concurrent.CancellationException.class, () -> kernel.runAll(rates,
          rates, new double[2 * L], null, 2 * L, 1000, new boolean[2 * L], new double[2 * L],
          new int[2 * L], () -> ++asked[0] > 5));
      assertEquals(6, asked[0], "asked before every step, stopped at the first yes");
    }
    int[] asked = {0};
    NetworkData data = NetworkData.draw(new NetworkSpec(4, 4, 8, Activation.TANH, 1, 0, 0), 1000);
    assertThrows(java.util.concurrent.CancellationException.class,
        () -> NetworkReference.train(data, 0.1, 0.1, 0, 1000, false, () -> ++asked[0] > 3));
    assertEquals(4, asked[0]);
  }

  /** Rates far past the boundary, so whole groups blow up to NaN and stop early. */
  @Test
  void earlyStoppedRunsEqualFullRuns() {
    NetworkData data = NetworkData.draw(new NetworkSpec(4, 4, 8, Activation.TANH, 1, 0, 0), 400);
    NetworkKernel early = new NetworkKernel(data, Optimizer.GD, true);
    NetworkKernel full = new NetworkKernel(data, Optimizer.GD, false);
    double[] eta0 = new double[L];
    double[] eta1 = new double[L];
    double[] offset = new double[L];
    Random r = new Random(9);
    int stopped = 0;
    for (int round = 0; round < 6; round++) {
      for (int k = 0; k < L; k++) {
        eta0[k] = Math.pow(10, 3 + 3 * r.nextDouble());
        eta1[k] = Math.pow(10, 3 + 3 * r.nextDouble());
      }
      early.run(eta0, eta1, offset, L, 400);
      full.run(eta0, eta1, offset, L, 400);
      for (int k = 0; k < L; k++) {
        assertEquals(full.trainable(k), early.trainable(k));
        assertEquals(Double.doubleToRawLongBits(full.value(k)),
            Double.doubleToRawLongBits(early.value(k)));
        assertEquals(full.known(k), early.known(k));
        stopped += early.known(k) < 400 ? 1 : 0;
      }
    }
    assertTrue(stopped > L, "only " + stopped + " runs were known early");
  }
}
