package dev.brink.plane;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.descent.Outcomes;
import dev.brink.descent.TrajectoryBatch;
import dev.brink.fractal.Labels;
import dev.brink.params.GdConfig;
import java.util.ArrayList;
import java.util.List;

/** Computes every pixel of a plane, in bands of rows that may also run in parallel. */
public final class PlaneExperiment {
  static final int BATCH = 1 << 14;

  private PlaneExperiment() {
  }

  /** Rows row0 .. row0 + rows - 1 of a plane, computed. */
  public record Band(int row0, int rows, Outcomes outcomes) {
  }

  /** Throws CancellationException when cancelled. */
  public static PlaneResult run(PlaneSpec spec, GdRunner runner, Cancellation cancel) {
    long start = System.nanoTime();
    List<Band> bands = new ArrayList<>();
    for (int row0 = 0; row0 < spec.height(); row0 += rowsPerBand(spec)) {
      bands.add(band(spec, row0, runner, cancel));
    }
    return assemble(spec, bands, (System.nanoTime() - start) / 1e9);
  }

  /** Rows per band: about {@link #BATCH} pixels, at least one row. */
  public static int rowsPerBand(PlaneSpec spec) {
    return Math.max(1, BATCH / spec.width());
  }

  /** Computes the band of rows starting at row0 ({@link #rowsPerBand} rows or fewer at the top). */
  public static Band band(PlaneSpec spec, int row0, GdRunner runner, Cancellation cancel) {
    int rows = Math.min(rowsPerBand(spec), spec.height() - row0);
    GdConfig c = spec.config();
    TrajectoryBatch batch = new TrajectoryBatch(c.family(), c.dim(), c.steps(), c.bound(),
        rows * spec.width());
    fill(spec, spec.width(), spec.height(), batch, 0, row0, spec.width(), rows);
    Outcomes outcomes = new Outcomes(batch.count());
    runner.run(batch, outcomes, cancel);
    return new Band(row0, rows, outcomes);
  }

  /** The plane from its bands, which must cover every row once. */
  public static PlaneResult assemble(PlaneSpec spec, List<Band> bands, double seconds) {
    int width = spec.width();
    int pixels = Math.toIntExact(spec.pixels());
    Labels labels = new Labels(pixels);
    int[] divergeStep = new int[pixels];
    double[] speed = new double[pixels];
    long gdSteps = 0;
    int covered = 0;
    for (Band band : bands) {
      int n = band.rows() * width;
      for (int k = 0; k < n; k++) {
        int p = band.row0() * width + k;
        labels.set(p, band.outcomes().divergent(k));
        divergeStep[p] = band.outcomes().divergeStep(k);
        speed[p] = band.outcomes().speed(k);
      }
      gdSteps += band.outcomes().gdSteps(n);
      covered += band.rows();
    }
    if (covered != spec.height()) {
      throw new IllegalArgumentException("bands cover " + covered + " of " + spec.height()
          + " rows");
    }
    return new PlaneResult(spec, labels, divergeStep, speed, gdSteps, seconds);
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
