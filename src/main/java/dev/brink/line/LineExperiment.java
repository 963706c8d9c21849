package dev.brink.line;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import java.util.List;
import java.util.function.Consumer;

/**
 * Computes a learning-rate line coarse to fine on the calling thread and the runner's threads:
 * level 0 (the two ends), then each level's new points, so N_B and alpha are known after every
 * level and a listener sees them as they come.
 */
public final class LineExperiment {
  private LineExperiment() {
  }

  /** Runs the whole line; throws CancellationException when cancelled. */
  public static LineResult run(LineSpec spec, GdRunner runner, Cancellation cancel,
      LineListener listener) {
    return run(new LineRun(spec), runner, cancel, listener, r -> { }, Long.MAX_VALUE);
  }

  /**
   * Runs the rest of a line from its next chunk (all of a new one, the remainder of one resumed
   * from a checkpoint), handing it to checkpoint after a chunk whenever everyNanos have passed
   * since the last time, and once when it is complete.
   */
  public static LineResult run(LineRun run, GdRunner runner, Cancellation cancel,
      LineListener listener, Consumer<LineRun> checkpoint, long everyNanos) {
    long last = System.nanoTime();
    List<LineRun.Chunk> chunks = run.chunks();
    for (int k = run.accepted(); k < chunks.size(); k++) {
      LineRun.Chunk chunk = chunks.get(k);
      LineRun.ComputedChunk computed = run.compute(chunk, runner, cancel);
      List<LevelSummary> summaries = run.accept(computed);
      listener.onChunk(chunk, computed.outcomes());
      summaries.forEach(listener::onLevel);
      if (System.nanoTime() - last >= everyNanos && !run.complete()) {
        checkpoint.accept(run);
        last = System.nanoTime();
      }
    }
    checkpoint.accept(run);
    return run.result();
  }
}
