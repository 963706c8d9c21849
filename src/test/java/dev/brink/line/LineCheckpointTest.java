package dev.brink.line;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.landscape.Family;
import dev.brink.params.GdConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A line stopped after some chunks and resumed from its checkpoint equals one run through. */
class LineCheckpointTest {
  private static final GdRunner RUNNER = GdRunner.forAllCores();

  @AfterAll
  static void stop() {
    RUNNER.close();
  }

  private static LineSpec spec(int levels) {
    return new LineSpec(GdConfig.builder(Family.MULTIPLICATIVE).eps(0.2).lambda(0.1).build(),
        levels, 0, 1.5);
  }

  /** Accepts chunks up to (not including) stop, then checkpoints. */
  private static byte[] partial(LineRun run, int stop) {
    for (int k = 0; k < stop; k++) {
      run.accept(run.compute(run.chunks().get(k), RUNNER, Cancellation.NONE));
    }
    return run.checkpoint();
  }

  @Test
  @DisplayName("resumed mid-level, mid-blocks and when complete: N_B, alpha, steps, divergent "
      + "points and labels equal a line run through")
  void resumedEqualsWhole() {
    for (int[] c : new int[][] {{15, 15, 3}, {16, 8, 2}, {16, 8, 20}}) {
      LineSpec spec = spec(c[0]);
      LineResult whole = LineExperiment.run(new LineRun(spec, c[1]), RUNNER, Cancellation.NONE,
          LineListener.NONE, r -> { }, Long.MAX_VALUE);
      LineRun first = new LineRun(spec, c[1]);
      int stop = Math.min(c[2], first.chunks().size() - 1);
      byte[] saved = partial(first, stop);
      LineRun resumed = LineRun.resume(spec, c[1], saved);
      assertEquals(stop, resumed.accepted());
      LineResult r = LineExperiment.run(resumed, RUNNER, Cancellation.NONE, LineListener.NONE,
          x -> { }, Long.MAX_VALUE);
      assertArrayEquals(whole.nb(), r.nb());
      assertEquals(whole.alpha(), r.alpha());
      assertEquals(whole.gdSteps(), r.gdSteps());
      assertEquals(whole.divergent(), r.divergent());
      assertEquals(whole.labels().toBase64(), r.labels().toBase64());
      LineRun done = LineRun.resume(spec, c[1], resumed.checkpoint());
      assertTrue(done.complete(), "a finished line's checkpoint is finished");
      assertArrayEquals(whole.nb(), done.result().nb());
    }
  }

  @Test
  @DisplayName("a checkpoint of another line, or a damaged one, is refused saying so")
  void refusals(@TempDir Path dir) throws Exception {
    LineRun run = new LineRun(spec(12));
    byte[] saved = partial(run, 3);
    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> LineRun.resume(spec(13), 13, saved));
    assertTrue(other.getMessage().contains("another line"), other.getMessage());
    byte[] cut = java.util.Arrays.copyOf(saved, saved.length / 2);
    IllegalArgumentException damaged = assertThrows(IllegalArgumentException.class,
        () -> LineRun.resume(spec(12), 12, cut));
    assertTrue(damaged.getMessage().contains("damaged"), damaged.getMessage());
    Path file = dir.resolve("line.ckpt");
    LineCheckpoints.save(file, run);
    assertEquals(3, LineCheckpoints.resume(file, spec(12)).accepted());
    assertEquals(0, LineCheckpoints.load(file, spec(14)).accepted(), "another line's: afresh");
    assertEquals(0, LineCheckpoints.resume(dir.resolve("none"), spec(12)).accepted());
    assertTrue(!Files.exists(dir.resolve("line.ckpt.part")), "moved into place");
  }

  @Test
  @DisplayName("a checkpoint file held by one run is refused to another until it lets go")
  void heldByOneRun(@TempDir Path dir) {
    Path file = dir.resolve("line.ckpt");
    try (LineCheckpoints.Held first = LineCheckpoints.hold(file)) {
      IllegalStateException busy = assertThrows(IllegalStateException.class,
          () -> LineCheckpoints.hold(file));
      assertTrue(busy.getMessage().contains("in use by another brink line"), busy.getMessage());
      assertTrue(Files.exists(dir.resolve("line.ckpt.lock")));
    }
    assertTrue(!Files.exists(dir.resolve("line.ckpt.lock")), "the lock file goes");
    LineCheckpoints.hold(file).close();
  }
}
