package dev.brink.plane;

import dev.brink.grid.Axis;
import dev.brink.grid.AxisParameter;
import dev.brink.params.Check;
import dev.brink.params.GdConfig;
import dev.brink.params.InvalidParameterException;

/**
 * A plane of GD configurations: pixel (column i, row j) takes x.value(i, width) and
 * y.value(j, height), every other parameter from the config. Row 0 is y min; column 0 is x min.
 */
public record PlaneSpec(GdConfig config, Axis x, Axis y, int width, int height) {

  public static final int MAX_SIDE = 8192;
  public static final long MAX_PIXELS = 4096L * 4096L;

  public PlaneSpec {
    Check.between("width", width, 1, MAX_SIDE);
    Check.between("height", height, 1, MAX_SIDE);
    if ((long) width * height > MAX_PIXELS) {
      throw new InvalidParameterException("height", "width * height must be at most "
          + MAX_PIXELS + " pixels, got " + width + " * " + height);
    }
    x.parameter().checkFamily("x", config.family());
    y.parameter().checkFamily("y", config.family());
    x.parameter().checkDim("x", config.dim());
    y.parameter().checkDim("y", config.dim());
    checkPair(x, y);
  }

  /**
   * A plane from fixed parameters and two axes. The axes' parameters need no fixed value (giving
   * one too is an error), and dimension 2 is implied when an axis is eta1 or eta2.
   */
  public static PlaneSpec of(GdConfig.Builder fixed, Axis x, Axis y, int width, int height) {
    checkPair(x, y);
    x.parameter().checkFamily("x", fixed.family());
    y.parameter().checkFamily("y", fixed.family());
    x.parameter().fillIn(fixed, "x", x.min());
    y.parameter().fillIn(fixed, "y", y.min());
    if (!fixed.has("dim") && (x.parameter().perCoordinate() || y.parameter().perCoordinate())) {
      fixed.dim(2);
    }
    return new PlaneSpec(fixed.build(), x, y, width, height);
  }

  /** Two different parameters, not eta (all coordinates) with eta1 or eta2 (one). */
  private static void checkPair(Axis x, Axis y) {
    if (x.parameter() == y.parameter()) {
      throw new InvalidParameterException("y",
          "must differ from the x axis, both are " + x.parameter().id());
    }
    boolean mixesEta = (x.parameter() == AxisParameter.ETA && y.parameter().perCoordinate())
        || (y.parameter() == AxisParameter.ETA && x.parameter().perCoordinate());
    if (mixesEta) {
      throw new InvalidParameterException("y",
          "cannot combine eta (all coordinates) with eta1 or eta2 (one coordinate)");
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

  public long pixels() {
    return (long) width * height;
  }
}
