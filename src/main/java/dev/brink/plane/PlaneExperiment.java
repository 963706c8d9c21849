package dev.brink.plane;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.descent.Outcomes;
import dev.brink.descent.TrajectoryBatch;
import dev.brink.fractal.Labels;
import dev.brink.params.GdConfig;

/** Computes every pixel of a plane, in batches of rows. */
public final class PlaneExperiment {
  static final int BATCH = 1 << 14;

  private PlaneExperiment() {
  }

  /** Throws CancellationException when cancelled. */
  public static PlaneResult run(PlaneSpec spec, GdRunner runner, Cancellation cancel) {
    long start = System.nanoTime();
    int width = spec.width();
    int pixels = Math.toIntExact(spec.pixels());
    GdConfig c = spec.config();
    int rowsPerBatch = Math.max(1, BATCH / width);
    int capacity = Math.min(pixels, rowsPerBatch * width);
    TrajectoryBatch batch = new TrajectoryBatch(c.family(), c.dim(), c.steps(), c.bound(),
        capacity);
    Outcomes outcomes = new Outcomes(capacity);
    Labels labels = new Labels(pixels);
    int[] divergeStep = new int[pixels];
    double[] speed = new double[pixels];
    long gdSteps = 0;
    for (int row0 = 0; row0 < spec.height(); row0 += rowsPerBatch) {
      int rows = Math.min(rowsPerBatch, spec.height() - row0);
      fill(spec, width, spec.height(), batch, 0, row0, width, rows);
      runner.run(batch, outcomes, cancel);
      int n = batch.count();
      for (int k = 0; k < n; k++) {
        int p = row0 * width + k;
        labels.set(p, outcomes.divergent(k));
        divergeStep[p] = outcomes.divergeStep(k);
        speed[p] = outcomes.speed(k);
      }
      gdSteps += outcomes.gdSteps(n);
    }
    return new PlaneResult(spec, labels, divergeStep, speed, gdSteps,
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * Fills the batch with the pixels of a rectangle of a plane of width x height pixels, row by
   * row from (col0, row0): slot k = r * cols + c is pixel (col0 + c, row0 + r). Sizes are long so
   * that deep zoom levels of a {@link TilePyramid} fit.
   */
  static void fill(PlaneSpec spec, long width, long height, TrajectoryBatch batch, long col0,
      long row0, int cols, int rows) {
    GdConfig c = spec.config();
    int k = 0;
    for (int r = 0; r < rows; r++) {
      double yv = spec.y().value(row0 + r, height);
      for (int col = 0; col < cols; col++) {
        double xv = spec.x().value(col0 + col, width);
        batch.set(k, c.eta(), c.x0(), c.eps(), c.lambda(), c.eps2(), c.lambda2());
        spec.x().parameter().apply(batch, k, xv);
        spec.y().parameter().apply(batch, k, yv);
        k++;
      }
    }
    batch.setCount(k);
  }
}
