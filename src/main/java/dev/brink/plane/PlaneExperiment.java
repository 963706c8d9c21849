package dev.brink.plane;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.descent.Outcomes;
import dev.brink.descent.TrajectoryBatch;
import dev.brink.fractal.Labels;
import dev.brink.landscape.Landscape;
import dev.brink.params.GdConfig;
import java.util.ArrayList;
import java.util.List;

/** Computes every pixel of a plane's crop, in bands of rows that may also run in parallel. */
public final class PlaneExperiment {
  static final int BATCH = 1 << 14;

  private PlaneExperiment() {
  }

  /** Rows row0 .. row0 + rows - 1 of a plane's crop, computed. */
  public record Band(int row0, int rows, Outcomes outcomes) {
  }

  /** Throws CancellationException when cancelled. */
  public static PlaneResult run(PlaneSpec spec, GdRunner runner, Cancellation cancel) {
    spec.checkHeld("height");
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

  /**
   * Computes the band of the crop's rows starting at row0 ({@link #rowsPerBand} rows or fewer
   * at the top).
   */
  public static Band band(PlaneSpec spec, int row0, GdRunner runner, Cancellation cancel) {
    int rows = Math.min(rowsPerBand(spec), spec.height() - row0);
    TrajectoryBatch batch = batch(spec, rows * spec.width());
    int k = 0;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < spec.width(); c++) {
        set(spec, batch, k++, spec.column0() + c, spec.row0() + row0 + r);
      }
    }
    batch.setCount(k);
    Outcomes outcomes = new Outcomes(batch.count());
    runner.run(batch, outcomes, cancel);
    return new Band(row0, rows, outcomes);
  }

  /** The plane from its bands, which must cover every row once. */
  public static PlaneResult assemble(PlaneSpec spec, List<Band> bands, double seconds) {
    spec.checkHeld("height");
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
   * One grid point's run: its config (eta and x0 those of coordinate 0), and per coordinate
   * its learning rate and start; for family mlp the config as given, the learning rate of
   * each layer, and as x0 the one offset.
   */
  public record Point(GdConfig config, double[] eta, double[] x0) {
  }

  /** The run of grid point (column, row), as {@link #set} writes it. */
  public static Point point(PlaneSpec spec, long column, long row) {
    if (column < 0 || column >= spec.gridWidth() || row < 0 || row >= spec.gridHeight()) {
      throw new dev.brink.params.InvalidParameterException(column < 0
          || column >= spec.gridWidth() ? "column" : "row", "grid point (" + column + ", " + row
          + ") is outside the grid of " + spec.gridWidth() + " x " + spec.gridHeight());
    }
    TrajectoryBatch b = batch(spec, 1);
    set(spec, b, 0, column, row);
    GdConfig c = spec.config();
    double[] eta = new double[c.dim()];
    double[] x0 = new double[c.dim()];
    for (int d = 0; d < c.dim(); d++) {
      eta[d] = b.eta(0, d);
      x0[d] = b.x0(0, d);
    }
    if (c.network() != null) {
      return new Point(c.withOptimizer(b.optimizer(0)), eta, new double[] {b.offset(0)});
    }
    Landscape l = b.landscape(0);
    return new Point(new GdConfig(c.family(), l.eps(), l.lambda(), l.eps2(), l.lambda2(),
        c.dim(), x0[0], eta[0], c.steps(), c.bound(), null, b.optimizer(0)), eta, x0);
  }

  /** A batch for up to capacity pixels of the plane. */
  static TrajectoryBatch batch(PlaneSpec spec, int capacity) {
    return TrajectoryBatch.of(spec.config(), capacity);
  }

  /**
   * Writes the run of grid point (column, row) into slot k of the batch. This is the one place
   * a pixel's parameters are computed: planes, their crops, the tiles of live views and the
   * trajectory inspector all come here, so the same grid point is the same run, bit for bit.
   */
  public static void set(PlaneSpec spec, TrajectoryBatch batch, int k, long column, long row) {
    batch.set(k, spec.config());
    spec.x().parameter().apply(batch, k, spec.x().value(column, spec.gridWidth()));
    spec.y().parameter().apply(batch, k, spec.y().value(row, spec.gridHeight()));
  }
}
