package dev.brink.reproduce;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.line.LineExperiment;
import dev.brink.line.LineListener;
import dev.brink.line.LineResult;
import dev.brink.line.LineRun;
import java.util.function.Consumer;

/**
 * Where an experiment's lines are computed: on this process's threads ({@link #local}, the
 * command line), or on a server's compute pool and its cluster's workers.
 */
public interface LineEngine {
  /**
   * Computes the rest of a line (all of a new one, the remainder of a resumed one), handing it
   * to checkpoint whenever everyNanos have passed after a chunk and once when it is complete;
   * throws CancellationException when cancelled.
   */
  LineResult finish(LineRun run, Cancellation cancel, Consumer<LineRun> checkpoint,
      long everyNanos);

  /** The line's chunks one after the other, each on the runner's threads. */
  static LineEngine local(GdRunner runner) {
    return (run, cancel, checkpoint, everyNanos) -> LineExperiment.run(run, runner, cancel,
        LineListener.NONE, checkpoint, everyNanos);
  }
}
