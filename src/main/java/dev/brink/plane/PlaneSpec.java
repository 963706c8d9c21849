package dev.brink.plane;

import dev.brink.grid.Axis;
import dev.brink.grid.AxisParameter;
import dev.brink.params.Check;
import dev.brink.params.GdConfig;
import dev.brink.params.InvalidParameterException;

/**
 * A plane of GD configurations, sampled on a grid of gridWidth x gridHeight points: grid point
 * (column i, row j) takes x.value(i, gridWidth) and y.value(j, gridHeight), every other
 * parameter from the config. Row 0 is y min; column 0 is x min. What is computed is a crop of
 * that grid, width x height pixels from (column0, row0): the whole grid unless the plane is a
 * window of a larger one (a zoomed view, a tile of a level, `brink plane --crop`). So a pixel's
 * parameters depend only on its grid point, whichever crop computed it.
 */
public record PlaneSpec(GdConfig config, Axis x, Axis y, long gridWidth, long gridHeight,
    long column0, long row0, int width, int height) {

  public static final int MAX_SIDE = 8192;
  public static final long MAX_PIXELS = (long) MAX_SIDE * MAX_SIDE;
  /**
   * Pixels of a plane computed whole, every pixel's outcome held at once (about 12 bytes each);
   * a larger one is drawn band by band (plane --png).
   */
  public static final long MAX_HELD_PIXELS = 4096L * 4096L;
  /** Grid points per axis at most: 2^48 intervals, about float64's resolution over a range. */
  public static final long MAX_GRID = (1L << 48) + 1;

  public PlaneSpec {
    Check.between("width", width, 1, MAX_SIDE);
    Check.between("height", height, 1, MAX_SIDE);
    if ((long) width * height > MAX_PIXELS) {
      throw new InvalidParameterException("height", "width * height must be at most "
          + MAX_PIXELS + " pixels, got " + width + " * " + height);
    }
    checkGrid("width", gridWidth, column0, width);
    checkGrid("height", gridHeight, row0, height);
    x.parameter().checkFamily("x", config.family());
    y.parameter().checkFamily("y", config.family());
    x.parameter().checkDim("x", config.dim());
    y.parameter().checkDim("y", config.dim());
    x.parameter().checkOptimizer("x", config.optimizer().kind());
    y.parameter().checkOptimizer("y", config.optimizer().kind());
    checkPair(x, y);
  }

  /** The whole grid of width x height points. */
  public PlaneSpec(GdConfig config, Axis x, Axis y, int width, int height) {
    this(config, x, y, width, height, 0, 0, width, height);
  }

  /**
   * A plane from fixed parameters and two axes. The axes' parameters need no fixed value (giving
   * one too is an error), and dimension 2 is implied when an axis is eta1 or eta2.
   */
  /** Refuses a plane too large to hold whole, saying what can draw it. */
  public void checkHeld(String option) {
    if ((long) width * height > MAX_HELD_PIXELS) {
      throw new InvalidParameterException(option, "holds every pixel: at most "
          + MAX_HELD_PIXELS + " pixels (4096 x 4096), got " + width + " x " + height
          + "; plane --png and --svg alone draw up to " + MAX_SIDE + " x " + MAX_SIDE
          + ", band by band");
    }
  }

  public static PlaneSpec of(GdConfig.Builder fixed, Axis x, Axis y, int width, int height) {
    checkPair(x, y);
    x.parameter().checkFamily("x", fixed.family());
    y.parameter().checkFamily("y", fixed.family());
    x.parameter().checkOptimizer("x", fixed.optimizerKind());
    y.parameter().checkOptimizer("y", fixed.optimizerKind());
    x.parameter().fillIn(fixed, "x", x.min());
    y.parameter().fillIn(fixed, "y", y.min());
    if (!fixed.family().isNetwork() && !fixed.has("dim")
        && (x.parameter().perCoordinate() || y.parameter().perCoordinate())) {
      fixed.dim(2);
    }
    return new PlaneSpec(fixed.build(), x, y, width, height);
  }

  /** The same plane on another grid, cropped to width x height points from (column0, row0). */
  public PlaneSpec crop(long gridWidth, long gridHeight, long column0, long row0, int width,
      int height) {
    return new PlaneSpec(config, x, y, gridWidth, gridHeight, column0, row0, width, height);
  }

  /** Whether this computes only part of its grid. */
  public boolean isCropped() {
    return column0 != 0 || row0 != 0 || width != gridWidth || height != gridHeight;
  }

  private static void checkGrid(String field, long grid, long first, int count) {
    if (grid < 1 || grid > MAX_GRID) {
      throw new InvalidParameterException(field, "grid of 1 to " + MAX_GRID
          + " points per axis, got " + grid);
    }
    if (first < 0 || first + count > grid) {
      throw new InvalidParameterException("crop", "points " + first + " to "
          + (first + count - 1) + " are outside the grid's 0 to " + (grid - 1) + " (" + field
          + ")");
    }
  }

  /** Two different parameters, not eta (all coordinates) with eta0, eta1 or eta2 (one). */
  private static void checkPair(Axis x, Axis y) {
    if (x.parameter() == y.parameter()) {
      throw new InvalidParameterException("y",
          "must differ from the x axis, both are " + x.parameter().id());
    }
    boolean mixesEta = (x.parameter() == AxisParameter.ETA && y.parameter().perCoordinate())
        || (y.parameter() == AxisParameter.ETA && x.parameter().perCoordinate());
    if (mixesEta) {
      throw new InvalidParameterException("y",
          "cannot combine eta (all coordinates or layers) with eta0, eta1 or eta2 (one)");
    }
  }

  /** Whether a fixed parameter's value is replaced pixel by pixel by an axis. */
  public boolean isAxis(AxisParameter p) {
    return x.parameter() == p || y.parameter() == p;
  }

  /** Whether some coordinate's learning rate is the config's eta rather than an axis value. */
  public boolean usesFixedEta() {
    boolean etaAxis = x.parameter() == AxisParameter.ETA || y.parameter() == AxisParameter.ETA;
    boolean bothCoordinates = x.parameter().perCoordinate() && y.parameter().perCoordinate();
    return !etaAxis && !bothCoordinates;
  }

  /** Pixels computed: width * height. */
  public long pixels() {
    return (long) width * height;
  }
}
