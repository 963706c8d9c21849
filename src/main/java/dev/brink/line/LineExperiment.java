package dev.brink.line;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.descent.Outcomes;
import dev.brink.descent.TrajectoryBatch;
import dev.brink.fractal.DyadicBoxCount;
import dev.brink.fractal.Labels;
import dev.brink.fractal.SlopeFit;
import dev.brink.grid.Linspace;
import dev.brink.params.GdConfig;

/**
 * Computes a learning-rate line coarse to fine: level 0 (the two ends), then each level's new
 * points, so N_B and alpha are known after every level. Points run in batches of at most
 * {@link #BATCH}, which bounds memory (labels aside: one bit per point) and lets a listener see
 * progress and cancellation take effect within one batch.
 */
public final class LineExperiment {
  static final int BATCH = 1 << 14;

  private LineExperiment() {
  }

  /** Runs the whole line; throws CancellationException when cancelled. */
  public static LineResult run(LineSpec spec, GdRunner runner, Cancellation cancel,
      LineListener listener) {
    long start = System.nanoTime();
    GdConfig c = spec.config();
    int levels = spec.levels();
    Linspace etas = spec.etas();
    Labels labels = new Labels(spec.points());
    long[] nb = new long[levels + 1];
    int capacity = Math.min(BATCH, Math.max(2, 1 << Math.max(0, levels - 1)));
    TrajectoryBatch batch = new TrajectoryBatch(c.family(), c.dim(), c.steps(), c.bound(),
        capacity);
    Outcomes outcomes = new Outcomes(capacity);
    long done = 0;
    long divergent = 0;
    long gdSteps = 0;
    SlopeFit alpha = SlopeFit.NONE;
    for (int level = 0; level <= levels; level++) {
      LevelPoints points = LevelPoints.of(levels, level);
      for (int offset = 0; offset < points.count(); offset += capacity) {
        int n = Math.min(capacity, points.count() - offset);
        for (int k = 0; k < n; k++) {
          double eta = etas.value(points.index(offset + k));
          batch.set(k, eta, c.x0(), c.eps(), c.lambda(), c.eps2(), c.lambda2());
        }
        batch.setCount(n);
        runner.run(batch, outcomes, cancel);
        for (int k = 0; k < n; k++) {
          labels.set(points.index(offset + k), outcomes.divergent(k));
        }
        divergent += outcomes.divergentCount(n);
        gdSteps += outcomes.gdSteps(n);
        done += n;
        listener.onChunk(points, offset, n, outcomes);
      }
      nb[level] = DyadicBoxCount.count(labels, levels, level);
      alpha = SlopeFit.alpha(nb, level);
      listener.onLevel(new LevelSummary(level, java.util.Arrays.copyOf(nb, level + 1), alpha,
          done, spec.points(), divergent, gdSteps, seconds(start)));
    }
    return new LineResult(spec, nb, alpha, labels, gdSteps, seconds(start));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
