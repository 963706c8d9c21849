package dev.brink.line;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import java.util.List;

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
    LineRun run = new LineRun(spec);
    for (LineRun.Chunk chunk : run.chunks()) {
      LineRun.ComputedChunk computed = run.compute(chunk, runner, cancel);
      List<LevelSummary> summaries = run.accept(computed);
      listener.onChunk(chunk, computed.outcomes());
      summaries.forEach(listener::onLevel);
    }
    return run.result();
  }
}
