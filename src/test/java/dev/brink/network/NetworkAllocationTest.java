package dev.brink.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.optimizer.Optimizer;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The network kernel allocates nothing per step once compiled (the interpreter and C1 box
 * every vector, so each optimizer runs until it is under a byte per pixel-step, with a
 * deadline): a boxed vector or mask at every step would be 80 bytes and more. The kernel
 * first runs as the rest of the suite and a server run it (every activation and optimizer,
 * minibatches, offsets, remainders of blocks and lanes), so the JIT compiles its parts in that
 * order, not only in a lone plane's: after NetworkKernelTest a reinterpretation of the tanh
 * was once left uncompiled, 3.3 KB per pixel-step whatever the deadline.
 */
class NetworkAllocationTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final long DEADLINE_NANOS = 60_000_000_000L;

  @Test
  @DisplayName("no allocation per step once compiled: GD, momentum, Nesterov, Adam")
  void steadyStateAllocatesNothing() {
    warmUpAsTheSuiteDoes();
    NetworkData data = NetworkData.draw(new NetworkSpec(4, 4, 12, Activation.TANH, 0, 0, 0),
        100);
    int count = 8 * NetworkKernel.L;
    int steps = 100;
    double[] eta0 = new double[count];
    double[] eta1 = new double[count];
    for (int p = 0; p < count; p++) {
      // Rates from trainable to diverging: runs that stop early and runs that do not.
      eta0[p] = Math.pow(10, -2 + 5.0 * p / count);
      eta1[p] = Math.pow(10, 3 - 5.0 * p / count);
    }
    double[][] params = new double[4][count];
    Arrays.fill(params[0], 0.9);
    Arrays.fill(params[1], 0.9);
    Arrays.fill(params[2], 0.999);
    Arrays.fill(params[3], 1e-8);
    BooleanSupplier never = () -> false;
    for (Optimizer o : Optimizer.values()) {
      NetworkKernel kernel = new NetworkKernel(data, o);
      boolean[] trainable = new boolean[count];
      double[] value = new double[count];
      int[] known = new int[count];
      double[] offsets = new double[count];
      long thread = Thread.currentThread().getId();
      long start = System.nanoTime();
      double perStep;
      do {
        long before = THREADS.getThreadAllocatedBytes(thread);
        kernel.runAll(eta0, eta1, offsets, o == Optimizer.GD ? null : params, count,
            steps, trainable, value, known, never);
        long bytes = THREADS.getThreadAllocatedBytes(thread) - before;
        long pixelSteps = 0;
        for (int k : known) {
          pixelSteps += k;
        }
        perStep = (double) bytes / Math.max(1, pixelSteps);
      } while (perStep >= 1 && System.nanoTime() - start < DEADLINE_NANOS);
      assertTrue(perStep < 1, o + ": " + perStep + " bytes per pixel-step after "
          + (System.nanoTime() - start) / 1e9 + " s");
    }
  }

  private static void warmUpAsTheSuiteDoes() {
    NetworkKernelTest t = new NetworkKernelTest();
    t.tanhFullBatchAtTheDefaultShape();
    t.everyActivationWithRemaindersOfBlocksAndLanes();
    t.minibatchAndOffset();
    t.everyOptimizerFullBatchMinibatchAndOffset();
    t.lanesThatTakeTheNextPixelGiveTheReferencesResults();
    t.earlyStoppedRunsEqualFullRuns();
  }
}
