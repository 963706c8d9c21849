package dev.brink.plane;

import dev.brink.grid.Axis;
import dev.brink.grid.AxisParameter;
import dev.brink.grid.Scale;
import dev.brink.params.GdConfig;
import dev.brink.params.InvalidParameterException;

/**
 * The frames of a zoom into a plane: windows centred on one point whose width shrinks from
 * fromWidth to toWidth by 2^(1/K) a frame (K frames per halving), each its own plane computed at
 * the frame's resolution. Widths are in axis units: parameter values on a linear axis, decades
 * (log10) on a log one; a window's height is its width times the frame's aspect. Keyframes are
 * the frames at fromWidth / 2^k, every K-th, and the last frame is at toWidth exactly.
 */
public final class ZoomPlan {
  /** Frames at most: 64 halvings at 64 frames each is far past float64's resolution. */
  public static final int MAX_FRAMES = 4096;
  /**
   * Neighbouring pixels fewer float64 steps apart than this at the centre show the grid of
   * float64 numbers rather than the boundary: such frames are marked, not drawn.
   */
  public static final double MIN_ULPS_PER_PIXEL = 4;

  private final GdConfig config;
  private final AxisParameter xParameter;
  private final AxisParameter yParameter;
  private final Scale xScale;
  private final Scale yScale;
  private final double centerX;
  private final double centerY;
  private final double fromWidth;
  private final double toWidth;
  private final int perHalving;
  private final int width;
  private final int height;
  private final int frames;

  /**
   * @param fixed the plane's fixed parameters (the axes' parameters must not be among them)
   * @param x the horizontal axis: its parameter and scale (its ends are not used)
   * @param centerX the centre in axis units (log10 of the value on a log axis)
   */
  public ZoomPlan(GdConfig.Builder fixed, Axis x, Axis y, double centerX, double centerY,
      double fromWidth, double toWidth, int perHalving, int width, int height) {
    if (!(fromWidth > 0 && Double.isFinite(fromWidth))) {
      throw new InvalidParameterException("from-width", "must be a finite number > 0, got "
          + fromWidth);
    }
    if (!(toWidth > 0 && toWidth <= fromWidth)) {
      throw new InvalidParameterException("to-width", "must be > 0 and at most from-width ("
          + fromWidth + "), got " + toWidth);
    }
    if (perHalving < 1 || perHalving > 64) {
      throw new InvalidParameterException("frames-per-halving",
          "must be an integer from 1 to 64, got " + perHalving);
    }
    if (width < 16 || height < 16 || width > PlaneSpec.MAX_SIDE || height > PlaneSpec.MAX_SIDE
        || width % 2 != 0 || height % 2 != 0) {
      throw new InvalidParameterException("size", "needs even sides from 16 to "
          + PlaneSpec.MAX_SIDE + " (video frames), got " + width + " x " + height);
    }
    if (!Double.isFinite(centerX) || !Double.isFinite(centerY)) {
      throw new InvalidParameterException("center", "must be two finite numbers X,Y, got "
          + centerX + "," + centerY);
    }
    double halvings = Math.log(fromWidth / toWidth) / Math.log(2);
    long count = (long) Math.floor(halvings * perHalving + 1e-9) + 1;
    if (frameWidth(fromWidth, perHalving, count - 1) > toWidth * (1 + 1e-12)) {
      count++;
    }
    if (count > MAX_FRAMES) {
      throw new InvalidParameterException("to-width", "gives " + count + " frames, at most "
          + MAX_FRAMES + ": fewer frames per halving or a shallower zoom");
    }
    this.xParameter = x.parameter();
    this.yParameter = y.parameter();
    this.xScale = x.scale();
    this.yScale = y.scale();
    this.centerX = centerX;
    this.centerY = centerY;
    this.fromWidth = fromWidth;
    this.toWidth = toWidth;
    this.perHalving = perHalving;
    this.width = width;
    this.height = height;
    this.frames = (int) count;
    // The first, widest window holds every other: its plane checks every value the zoom uses.
    PlaneSpec first = PlaneSpec.of(fixed, axis("x", true, 0), axis("y", false, 0), width,
        height);
    this.config = first.config();
  }

  /** "WxH" as {W, H}; the plan checks the sides. */
  public static int[] size(String text) {
    String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x", -1);
    try {
      if (parts.length == 2) {
        return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new InvalidParameterException("size", "expected WxH, e.g. 640x360, got '" + text
        + "'");
  }

  private static double frameWidth(double from, int perHalving, long frame) {
    return from * Math.pow(2, -(double) frame / perHalving);
  }

  public int frames() {
    return frames;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int perHalving() {
    return perHalving;
  }

  /** The window's width of frame f, in axis units. */
  public double frameWidth(int f) {
    return f == frames - 1 ? toWidth : frameWidth(fromWidth, perHalving, f);
  }

  /** Whether frame f is a keyframe: the first, every K-th, and the last. */
  public boolean keyframe(int f) {
    return f % perHalving == 0 || f == frames - 1;
  }

  /** Frame f's plane. */
  public PlaneSpec frame(int f) {
    return new PlaneSpec(config, axis("x", true, f), axis("y", false, f), width, height);
  }

  /**
   * The fewest float64 steps between neighbouring pixels of frame f at the centre, over both
   * axes: below {@link #MIN_ULPS_PER_PIXEL} the frame would show float64's grid.
   */
  public double ulpsPerPixel(int f) {
    double w = frameWidth(f);
    return Math.min(ulps(xScale, centerX, w / (width - 1)),
        ulps(yScale, centerY, w * height / width / (height - 1)));
  }

  /** Whether frame f is past float64's resolution at the centre (see ulpsPerPixel). */
  public boolean pastResolution(int f) {
    return ulpsPerPixel(f) < MIN_ULPS_PER_PIXEL;
  }

  private static double ulps(Scale scale, double center, double step) {
    if (scale == Scale.LOG) {
      double v = Math.pow(10, center);
      return v * Math.log(10) * step / Math.ulp(v);
    }
    return step / Math.ulp(center);
  }

  private Axis axis(String field, boolean horizontal, int f) {
    double w = frameWidth(f);
    double span = horizontal ? w : w * height / width;
    double c = horizontal ? centerX : centerY;
    Scale scale = horizontal ? xScale : yScale;
    AxisParameter p = horizontal ? xParameter : yParameter;
    double lo = c - span / 2;
    double hi = c + span / 2;
    if (scale == Scale.LOG) {
      lo = StrictMath.pow(10, lo);
      hi = StrictMath.pow(10, hi);
    }
    if (!(lo < hi)) {
      // Past float64's resolution the ends meet; the frame is marked, not computed.
      hi = Math.nextUp(lo);
    }
    return Axis.of(field, p, lo, hi, scale);
  }
}
