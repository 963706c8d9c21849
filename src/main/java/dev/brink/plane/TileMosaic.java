package dev.brink.plane;

import dev.brink.fractal.BoxCount2D;
import java.util.BitSet;

/**
 * The classes of a rectangle of tiles as one image, filled in as tiles arrive; pixels of tiles
 * not yet arrived are unknown. Row 0 is the lowest y, as in the tiles.
 */
public final class TileMosaic implements BoxCount2D.Image {
  private final int z;
  private final long x0;
  private final long y0;
  private final int width;
  private final int height;
  /** Pixels of tiles arrived, and which of them diverged: 2 bits a pixel, since a server
   * holds one mosaic per open plane view (256 tiles: 1 MiB). */
  private final BitSet known;
  private final BitSet divergent;
  private int tiles;

  /** The mosaic of tiles x0..x1, y0..y1 (inclusive) at zoom z. */
  public TileMosaic(int z, long x0, long y0, long x1, long y1) {
    this.z = z;
    this.x0 = x0;
    this.y0 = y0;
    this.width = Math.toIntExact((x1 - x0 + 1) * TilePyramid.TILE);
    this.height = Math.toIntExact((y1 - y0 + 1) * TilePyramid.TILE);
    this.known = new BitSet(width * height);
    this.divergent = new BitSet(width * height);
  }

  /** Adds a tile of this mosaic's zoom and range. */
  public void add(Tile t) {
    int size = t.size();
    if (t.address().z() != z) {
      throw new IllegalArgumentException("tile of zoom " + t.address().z() + ", mosaic " + z);
    }
    int ox = Math.toIntExact((t.address().x() - x0) * size);
    int oy = Math.toIntExact((t.address().y() - y0) * size);
    for (int r = 0; r < size; r++) {
      for (int c = 0; c < size; c++) {
        int p = (oy + r) * width + ox + c;
        known.set(p);
        divergent.set(p, t.outcomes().divergent(r * size + c));
      }
    }
    tiles++;
  }

  /** Tiles added so far. */
  public int tiles() {
    return tiles;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public boolean known(int i, int j) {
    return known.get(j * width + i);
  }

  @Override
  public boolean divergent(int i, int j) {
    return divergent.get(j * width + i);
  }
}
