package dev.brink.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The SIMD kernel against the reference loop, lane by lane and bit for bit. */
class NetworkKernelTest {
  private static final int L = NetworkKernel.L;

  /** Runs count pixels with log-uniform rates over 1e-2..1e3 (both classes) on the kernel. */
  private static void compare(NetworkSpec spec, int steps, int count, long seed) {
    NetworkData data = NetworkData.draw(spec, steps);
    NetworkKernel kernel = new NetworkKernel(data);
    Random r = new Random(seed);
    double[] eta0 = new double[L];
    double[] eta1 = new double[L];
    double[] offset = new double[L];
    int trainable = 0;
    for (int round = 0; round < 6; round++) {
      for (int k = 0; k < count; k++) {
        eta0[k] = Math.pow(10, r.nextDouble() * 5 - 2);
        eta1[k] = Math.pow(10, r.nextDouble() * 5 - 2);
        offset[k] = spec.offset() == 0 ? 0 : r.nextDouble() * spec.offset();
      }
      kernel.run(eta0, eta1, offset, count, steps);
      for (int k = 0; k < count; k++) {
        NetworkReference.Run ref = NetworkReference.train(data, eta0[k], eta1[k], offset[k],
            steps, false);
        String at = spec + " eta0 " + eta0[k] + " eta1 " + eta1[k] + " offset " + offset[k];
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

  /**
   * runAll, whose lanes take the next pixel as soon as their run ends: every pixel as the
   * reference trains it, rates from the trainable to far past blow-up so runs end at all steps.
   */
  @Test
  void lanesThatTakeTheNextPixelGiveTheReferencesResults() {
    for (int batch : new int[] {0, 4}) {
      NetworkData data = NetworkData.draw(new NetworkSpec(5, 6, 13, Activation.TANH, 2, batch,
          0), 120);
      NetworkKernel kernel = new NetworkKernel(data);
      Random r = new Random(11);
      int count = 3 * L + 5;
      double[] eta0 = new double[count];
      double[] eta1 = new double[count];
      double[] offset = new double[count];
      for (int k = 0; k < count; k++) {
        eta0[k] = Math.pow(10, r.nextDouble() * 8 - 2);
        eta1[k] = Math.pow(10, r.nextDouble() * 8 - 2);
        offset[k] = k % 3 == 0 ? 0.01 : 0;
      }
      boolean[] trainable = new boolean[count];
      double[] value = new double[count];
      int[] known = new int[count];
      kernel.runAll(eta0, eta1, offset, count, 120, trainable, value, known, () -> false);
      int early = 0;
      for (int k = 0; k < count; k++) {
        NetworkReference.Run ref = NetworkReference.train(data, eta0[k], eta1[k], offset[k], 120,
            false);
        assertEquals(ref.trainable(), trainable[k], "pixel " + k);
        assertEquals(Double.doubleToRawLongBits(ref.value()),
            Double.doubleToRawLongBits(value[k]), "pixel " + k);
        assertEquals(ref.known(), known[k], "pixel " + k);
        early += known[k] < 120 ? 1 : 0;
      }
      assertTrue(early > 0 && early < count, early + " of " + count + " known early");
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
          rates, new double[2 * L], 2 * L, 1000, new boolean[2 * L], new double[2 * L],
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
    NetworkKernel early = new NetworkKernel(data, true);
    NetworkKernel full = new NetworkKernel(data, false);
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
