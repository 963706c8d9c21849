package dev.brink.plane;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.descent.Outcomes;
import dev.brink.descent.TrajectoryBatch;
import dev.brink.params.GdConfig;
import dev.brink.params.InvalidParameterException;

/**
 * A plane cut into square tiles of {@link #TILE} pixels at every zoom level. Zoom 0 is the root
 * plane itself (its width and height are multiples of the tile size); zoom z is the same extent
 * at 2^z times the resolution, i.e. exactly the plane of width * 2^z by height * 2^z pixels,
 * sampled at linspace(min, max, that many) on each axis. So any tile equals the matching block of
 * {@link PlaneExperiment} at that resolution, tiles can be cached by address, and zooming in is
 * asking for tiles of a higher z.
 */
public final class TilePyramid {
  public static final int TILE = 128;
  /** Zoom levels beyond this would need more than 2^50 pixels across, past double precision. */
  public static final int MAX_ZOOM = 36;

  private final PlaneSpec root;

  /** The root must have width and height that are multiples of {@link #TILE}. */
  public TilePyramid(PlaneSpec root) {
    if (root.width() % TILE != 0) {
      throw new InvalidParameterException("width",
          "must be a multiple of the tile size " + TILE + ", got " + root.width());
    }
    if (root.height() % TILE != 0) {
      throw new InvalidParameterException("height",
          "must be a multiple of the tile size " + TILE + ", got " + root.height());
    }
    this.root = root;
  }

  public PlaneSpec root() {
    return root;
  }

  /** Tiles across at zoom z. */
  public long columns(int z) {
    return (long) (root.width() / TILE) << checkZoom(z);
  }

  /** Tiles up at zoom z. */
  public long rows(int z) {
    return (long) (root.height() / TILE) << checkZoom(z);
  }

  public boolean contains(TileAddress a) {
    return a.z() >= 0 && a.z() <= MAX_ZOOM && a.x() >= 0 && a.x() < columns(a.z())
        && a.y() >= 0 && a.y() < rows(a.z());
  }

  /**
   * Computes one tile on the runner's threads; throws CancellationException when cancelled
   * (checked every {@code GdRunner} chunk, a small fraction of the tile).
   */
  public Tile compute(TileAddress a, GdRunner runner, Cancellation cancel) {
    if (!contains(a)) {
      throw new IllegalArgumentException("tile " + a + " is outside the pyramid");
    }
    long start = System.nanoTime();
    GdConfig c = root.config();
    TrajectoryBatch batch = new TrajectoryBatch(c.family(), c.dim(), c.steps(), c.bound(),
        TILE * TILE);
    PlaneExperiment.fill(root, columns(a.z()) * TILE, rows(a.z()) * TILE, batch, a.x() * TILE,
        a.y() * TILE, TILE, TILE);
    Outcomes outcomes = new Outcomes(TILE * TILE);
    runner.run(batch, outcomes, cancel);
    return new Tile(a, TILE, outcomes, outcomes.gdSteps(TILE * TILE),
        (System.nanoTime() - start) / 1e9);
  }

  private static int checkZoom(int z) {
    if (z < 0 || z > MAX_ZOOM) {
      throw new InvalidParameterException("zoom",
          "must be an integer from 0 to " + MAX_ZOOM + ", got " + z);
    }
    return z;
  }
}
