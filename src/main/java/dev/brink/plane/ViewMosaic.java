package dev.brink.plane;

import dev.brink.fractal.BitImage;

/**
 * The classes a view has received, on its finest level's points in the window, filled in as
 * tiles of any level arrive (a point of a coarser level is a point of the finest grid); points
 * not arrived are unknown. Two bits a point, since a server holds one per open plane view. Each
 * level reads it as an image of that level's points ({@link #level}), for the boundary's
 * dimension at that level's resolution.
 */
public final class ViewMosaic {
  private final ViewPlan.Level finest;
  private final BitImage image;

  public ViewMosaic(ViewPlan plan) {
    finest = plan.finest();
    image = BitImage.empty(Math.toIntExact(finest.column1() - finest.column0() + 1),
        Math.toIntExact(finest.row1() - finest.row0() + 1));
  }

  /** Adds a tile's classes, given point by point in the tile's order. */
  public void add(LevelTile tile, boolean[] divergentPoints) {
    int stride = 1 << (ViewPlan.LEVELS - 1 - tile.level());
    tile.forEach((k, column, row) -> {
      long i = column * stride - finest.column0();
      long j = row * stride - finest.row0();
      if (i >= 0 && i < image.width() && j >= 0 && j < image.height()) {
        image.set((int) i, (int) j, divergentPoints[k]);
      }
    });
  }

  /** The points of one level of the view that lie in the finest level's window. */
  public BitImage level(int level) {
    int stride = 1 << (ViewPlan.LEVELS - 1 - level);
    if (stride == 1) {
      return image;
    }
    // The first multiple of the stride in the window, in the mosaic's coordinates.
    int i0 = (int) ((stride - finest.column0() % stride) % stride);
    int j0 = (int) ((stride - finest.row0() % stride) % stride);
    int w = i0 < image.width() ? (image.width() - 1 - i0) / stride + 1 : 0;
    int h = j0 < image.height() ? (image.height() - 1 - j0) / stride + 1 : 0;
    BitImage out = BitImage.empty(w, h);
    for (int j = 0; j < h; j++) {
      for (int i = 0; i < w; i++) {
        int x = i0 + i * stride;
        int y = j0 + j * stride;
        if (image.known(x, y)) {
          out.set(i, j, image.divergent(x, y));
        }
      }
    }
    return out;
  }
}
