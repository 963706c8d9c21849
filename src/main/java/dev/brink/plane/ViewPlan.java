package dev.brink.plane;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a live view of a plane computes, and in which order (docs/science.md, Live views). The
 * view shows a window of the plane (u, v in [0, 1] from x min and y min) on a canvas of
 * pixelsX x pixelsY device pixels. Its finest grid has D intervals across the whole plane on
 * each axis (D + 1 points), D a multiple of 16 chosen so the window holds about one point per
 * canvas pixel, x and y apart; so the grid is fixed under a pan, and doubles under a 2x zoom.
 *
 * <p>Level 0, the coarsest, is the grid of D / 16 intervals, level l that of D / 2^(4 - l): each
 * level's grid is every other point of the next one's, so level l > 0 computes only the points
 * whose column or row is odd, three quarters of its grid ({@link LevelTile#refine}), and the
 * whole view costs its finest level alone (plus a point or two at each edge of the coarse
 * levels). A level's points are those whose cells (a point's neighbourhood, half an interval
 * either side) meet the window, so every level covers the whole canvas. Each level is cut into
 * tiles of at most {@value #TILE} x {@value #TILE} of its points, aligned to its grid so that
 * panning and zooming reuse them, and its tiles come nearest the focus first.
 */
public final class ViewPlan {
  public static final int TILE = 128;
  /** Levels of a view: 1/16, 1/8, 1/4, 1/2 and 1 of the finest resolution on each axis. */
  public static final int LEVELS = 5;
  private static final int COARSEST_STRIDE = 1 << (LEVELS - 1);

  /** The view's window, fractions of the plane's axes. */
  public record Window(double u0, double u1, double v0, double v1) {
    public static final Window WHOLE = new Window(0, 1, 0, 1);
  }

  /**
   * One level: its grid (points across and up the whole plane), the points in the window
   * (columns column0..column1, rows row0..row1, inclusive), its tiles and the points it computes.
   */
  public record Level(int level, int stride, long gridWidth, long gridHeight, long column0,
      long column1, long row0, long row1, boolean refine, int tiles, long samples) {
  }

  private final PlaneSpec root;
  private final long gridWidth;
  private final long gridHeight;
  private final double scale;
  private final List<Level> levels = new ArrayList<>();
  private final List<LevelTile> tiles = new ArrayList<>();

  private ViewPlan(PlaneSpec root, Window w, long intervalsX, long intervalsY, double scale,
      double focusU, double focusV, double pixelsX, double pixelsY) {
    this.root = root;
    this.gridWidth = intervalsX + 1;
    this.gridHeight = intervalsY + 1;
    this.scale = scale;
    for (int l = 0; l < LEVELS; l++) {
      int stride = 1 << (LEVELS - 1 - l);
      long dx = intervalsX / stride;
      long dy = intervalsY / stride;
      long c0 = Math.max(0, (long) Math.ceil(w.u0() * dx - 0.5));
      long c1 = Math.min(dx, (long) Math.floor(w.u1() * dx + 0.5));
      long r0 = Math.max(0, (long) Math.ceil(w.v0() * dy - 0.5));
      long r1 = Math.min(dy, (long) Math.floor(w.v1() * dy + 0.5));
      List<LevelTile> level = new ArrayList<>();
      long samples = 0;
      for (long by = r0 / TILE; by <= r1 / TILE; by++) {
        for (long bx = c0 / TILE; bx <= c1 / TILE; bx++) {
          long tc0 = Math.max(c0, bx * TILE);
          long tc1 = Math.min(c1, bx * TILE + TILE - 1);
          long tr0 = Math.max(r0, by * TILE);
          long tr1 = Math.min(r1, by * TILE + TILE - 1);
          LevelTile t = new LevelTile(l, root.crop(dx + 1, dy + 1, tc0, tr0,
              (int) (tc1 - tc0 + 1), (int) (tr1 - tr0 + 1)), l > 0);
          if (t.count() > 0) {
            level.add(t);
            samples += t.count();
          }
        }
      }
      // Nearest the focus first, in canvas pixels.
      level.sort(Comparator.comparingDouble(t -> {
        PlaneSpec c = t.crop();
        double u = (c.column0() + (c.width() - 1) / 2.0) / (c.gridWidth() - 1);
        double v = (c.row0() + (c.height() - 1) / 2.0) / (c.gridHeight() - 1);
        double px = (u - focusU) / (w.u1() - w.u0()) * pixelsX;
        double py = (v - focusV) / (w.v1() - w.v0()) * pixelsY;
        return px * px + py * py;
      }));
      levels.add(new Level(l, stride, dx + 1, dy + 1, c0, c1, r0, r1, l > 0, level.size(),
          samples));
      tiles.addAll(level);
    }
  }

  /**
   * The plan of a view, at the finest resolution whose finest level takes at most maxWork
   * points x steps (a network's steps weighed by their cost, NetworkSpec.relativeCost) (a view larger than that is served at a lower resolution; see
   * {@link #scale}).
   *
   * @param root the plane (its grid is ignored)
   * @param focusU, focusV where to start each level, fractions of the axes
   */
  public static ViewPlan of(PlaneSpec root, Window w, int pixelsX, int pixelsY, double focusU,
      double focusV, long maxWork) {
    double scale = 1;
    // A network's steps count by their cost against the default network's (NetworkSpec).
    double stepCost = root.config().network() == null ? 1
        : root.config().network().relativeCost();
    while (true) {
      long dx = intervals(pixelsX * scale, w.u1() - w.u0());
      long dy = intervals(pixelsY * scale, w.v1() - w.v0());
      double work = (double) finestSamples(w, dx, dy) * root.config().steps() * stepCost;
      if (work <= maxWork || scale < 1e-4) {
        return new ViewPlan(root, w, dx, dy, scale, focusU, focusV, pixelsX, pixelsY);
      }
      scale *= Math.min(0.97, Math.sqrt(maxWork / work));
    }
  }

  /** Points the finest level computes: those of the window not on the coarser grid. */
  private static long finestSamples(Window w, long dx, long dy) {
    long columns = Math.min(dx, (long) Math.floor(w.u1() * dx + 0.5))
        - Math.max(0, (long) Math.ceil(w.u0() * dx - 0.5)) + 1;
    long rows = Math.min(dy, (long) Math.floor(w.v1() * dy + 0.5))
        - Math.max(0, (long) Math.ceil(w.v0() * dy - 0.5)) + 1;
    return columns * rows - (columns + 1) / 2 * ((rows + 1) / 2);
  }

  /** Intervals across the plane: a multiple of 16 giving about `pixels` points in `span`. */
  static long intervals(double pixels, double span) {
    double ideal = pixels / span / COARSEST_STRIDE;
    long max = (PlaneSpec.MAX_GRID - 1) / COARSEST_STRIDE;
    return COARSEST_STRIDE * Math.max(1, Math.min(max, Math.round(ideal)));
  }

  public PlaneSpec root() {
    return root;
  }

  /** Points across the finest grid. */
  public long gridWidth() {
    return gridWidth;
  }

  public long gridHeight() {
    return gridHeight;
  }

  /** The resolution served over the one asked for, on each axis: 1, or less under a limit. */
  public double scale() {
    return scale;
  }

  public List<Level> levels() {
    return levels;
  }

  public Level finest() {
    return levels.get(LEVELS - 1);
  }

  /** Every tile, level by level, nearest the focus first within a level. */
  public List<LevelTile> tiles() {
    return tiles;
  }

  /** Points computed over all levels. */
  public long samples() {
    return levels.stream().mapToLong(Level::samples).sum();
  }
}
