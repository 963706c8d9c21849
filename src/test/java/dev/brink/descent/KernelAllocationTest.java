package dev.brink.descent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.landscape.Family;
import dev.brink.optimizer.Optimizer;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernel allocates nothing per step once compiled, for every optimizer and each of its
 * paths (the register loops, the masked rounds of Adam and of coordinates that differ): a step
 * that boxed a vector or a mask would allocate tens of bytes, and a run of a batch takes
 * hundreds of thousands of steps (a mask made into bits at the end of every round once cost
 * 0.4-0.9 bytes a step, the masked rounds' 10). Before C2 has compiled the loops (the interpreter and C1 box every vector) a run
 * allocates, so each case runs until it allocates under a byte per thousand steps, with a
 * deadline.
 */
class KernelAllocationTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final long DEADLINE_NANOS = 60_000_000_000L;

  @Test
  @DisplayName("no allocation per step once compiled: GD, momentum, Nesterov and Adam; one,"
      + " equal and differing coordinates; every family")
  void steadyStateAllocatesNothing() {
    Random random = new Random(81);
    // Every family in one JVM, as a server runs them: the order matters, as what the JIT
    // compiled first shapes what it compiles next (the multiplicative family's masked rounds
    // allocated 12-24 bytes a step after the additive family's, and none when run alone).
    for (Family family : Family.losses()) {
      for (Optimizer o : Optimizer.values()) {
        for (int[] shape : new int[][] {{1, 0}, {3, 1}, {3, 0}}) {
          int dim = shape[0];
          TrajectoryBatch b = o == Optimizer.GD
              ? ScalarKernelTest.randomBatch(family, dim, 2048, random)
              : OptimizerKernelTest.randomBatch(family, o, dim, 2048, random);
          if (shape[1] == 1) {
            OptimizerKernelTest.equalize(b);
          }
          assertSteadyStateFree(b, family + " " + o + " dim " + dim
              + (shape[1] == 1 ? " equal" : ""));
        }
      }
    }
  }

  private static void assertSteadyStateFree(TrajectoryBatch b, String where) {
    VectorKernel kernel = new VectorKernel(b.dim);
    Outcomes out = new Outcomes(b.count());
    long thread = Thread.currentThread().getId();
    long start = System.nanoTime();
    double perKiloStep;
    do {
      long before = THREADS.getThreadAllocatedBytes(thread);
      kernel.run(b, 0, b.count(), out);
      long bytes = THREADS.getThreadAllocatedBytes(thread) - before;
      perKiloStep = 1000.0 * bytes / Math.max(1, out.gdSteps(b.count()));
    } while (perKiloStep >= 1 && System.nanoTime() - start < DEADLINE_NANOS);
    assertTrue(perKiloStep < 1, where + ": " + perKiloStep
        + " bytes per thousand steps after " + (System.nanoTime() - start) / 1e9 + " s");
  }
}
