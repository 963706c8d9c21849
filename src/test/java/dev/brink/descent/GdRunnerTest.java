package dev.brink.descent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.landscape.Family;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GdRunnerTest {

  @Test
  @DisplayName("four threads give exactly the outcomes of one (scalar kernel: the SIMD one's"
      + " sin and cos differ in the last bit between JIT tiers)")
  void threadedEqualsSingleThreaded() {
    TrajectoryBatch batch = ScalarKernelTest.randomBatch(Family.ADDITIVE, 1, 5000,
        new Random(345));
    Outcomes one = new Outcomes(batch.count());
    Outcomes four = new Outcomes(batch.count());
    try (GdRunner single = new GdRunner(1, b -> Kernels.scalar(b.dim()));
        GdRunner many = new GdRunner(4, b -> Kernels.scalar(b.dim()))) {
      single.run(batch, one, Cancellation.NONE);
      many.run(batch, four, Cancellation.NONE);
    }
    assertArrayEquals(one.divergent, four.divergent);
    assertArrayEquals(one.divergeStep, four.divergeStep);
    assertArrayEquals(one.speed, four.speed);
    assertEquals(one.gdSteps(batch.count()), four.gdSteps(batch.count()));
  }

  @Test
  @DisplayName("chunks cover every trajectory exactly once, whatever the count and threads")
  void chunksCoverEachTrajectoryOnce() {
    for (int threads : new int[] {1, 2, 4}) {
      for (int count : new int[] {1, 31, 33, 257, 5000}) {
        TrajectoryBatch batch = new TrajectoryBatch(Family.QUADRATIC, 1, 10, 1e8, count);
        batch.setCount(count);
        AtomicIntegerArray visits = new AtomicIntegerArray(count);
        AtomicInteger largest = new AtomicInteger();
        try (GdRunner runner = new GdRunner(threads, dim -> (b, from, to, out, cancel) -> {
          largest.accumulateAndGet(to - from, Math::max);
          for (int i = from; i < to; i++) {
            visits.incrementAndGet(i);
          }
        })) {
          runner.run(batch, new Outcomes(count), Cancellation.NONE);
        }
        for (int i = 0; i < count; i++) {
          assertEquals(1, visits.get(i), threads + " threads, " + count + " runs, slot " + i);
        }
        assertTrue(largest.get() <= GdRunner.CHUNK, "chunk of " + largest.get());
      }
    }
  }

  @Test
  @DisplayName("cancelling stops the batch within a chunk and reports it")
  void cancellationStops() {
    TrajectoryBatch batch = ScalarKernelTest.randomBatch(Family.ADDITIVE, 1, 100 * GdRunner.CHUNK,
        new Random(345));
    AtomicInteger asked = new AtomicInteger();
    // Cancelled after the first three chunks have been handed out.
    Cancellation afterThree = () -> asked.incrementAndGet() > 3;
    try (GdRunner runner = new GdRunner(2)) {
      assertThrows(CancellationException.class,
          () -> runner.run(batch, new Outcomes(batch.count()), afterThree));
    }
    assertTrue(asked.get() < 10, "asked " + asked.get() + " times: work went on");
  }

  @Test
  @DisplayName("outcomes too small for the batch are refused with a message")
  void outcomesTooSmall() {
    TrajectoryBatch batch = ScalarKernelTest.randomBatch(Family.ADDITIVE, 1, 10 * GdRunner.CHUNK,
        new Random(345));
    try (GdRunner runner = new GdRunner(2)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> runner.run(batch, new Outcomes(batch.count() - 1), Cancellation.NONE));
      assertTrue(e.getMessage().contains("outcomes hold"));
    }
  }
}
