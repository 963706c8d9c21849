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
    x.parameter().checkApplies("x", config.family(), config.dim());
    y.parameter().checkApplies("y", config.family(), config.dim());
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

  /** Dimension 2 is implied when an axis is eta1 or eta2 and no dimension was given. */
  public static boolean impliesDimTwo(Axis x, Axis y) {
    return x.parameter().perCoordinate() || y.parameter().perCoordinate();
  }

  public long pixels() {
    return (long) width * height;
  }
}
