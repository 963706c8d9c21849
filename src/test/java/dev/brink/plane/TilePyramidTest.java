package dev.brink.plane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.grid.Axis;
import dev.brink.landscape.Family;
import dev.brink.params.GdConfig;
import dev.brink.params.InvalidParameterException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TilePyramidTest {
  private static final int T = TilePyramid.TILE;

  static PlaneSpec plane(int width, int height) {
    return PlaneSpec.of(GdConfig.builder(Family.ADDITIVE).lambda(1.0).x0(5.0).steps(200),
        Axis.parse("x", "eta:0.85:1.1"), Axis.parse("y", "eps:0:0.3"), width, height);
  }

  @Test
  @DisplayName("a zoom-1 tile equals its block of the plane computed at twice the resolution")
  void tileEqualsBlockOfPlane() {
    TilePyramid pyramid = new TilePyramid(plane(2 * T, T));
    assertEquals(4, pyramid.columns(1));
    assertEquals(2, pyramid.rows(1));
    PlaneResult full;
    Tile tile;
    try (GdRunner runner = GdRunner.forAllCores()) {
      full = PlaneExperiment.run(plane(4 * T, 2 * T), runner, Cancellation.NONE);
      tile = pyramid.compute(new TileAddress(1, 2, 1), runner, Cancellation.NONE);
    }
    int divergent = 0;
    for (int r = 0; r < T; r++) {
      for (int c = 0; c < T; c++) {
        int p = (T + r) * 4 * T + 2 * T + c;
        int k = r * T + c;
        assertEquals(full.labels().divergent(p), tile.outcomes().divergent(k), r + ", " + c);
        assertEquals(full.divergeStep()[p], tile.outcomes().divergeStep(k));
        assertEquals(full.speed()[p], tile.outcomes().speed(k));
        divergent += tile.outcomes().divergent(k) ? 1 : 0;
      }
    }
    assertTrue(divergent > 0 && divergent < T * T, "the tile holds both classes");
  }

  @Test
  @DisplayName("roots must be whole tiles; addresses outside the pyramid are not in it")
  void bounds() {
    assertThrows(InvalidParameterException.class, () -> new TilePyramid(plane(T + 1, T)));
    TilePyramid pyramid = new TilePyramid(plane(T, T));
    assertTrue(pyramid.contains(new TileAddress(3, 7, 7)));
    assertFalse(pyramid.contains(new TileAddress(3, 8, 0)));
    assertFalse(pyramid.contains(new TileAddress(-1, 0, 0)));
    assertFalse(pyramid.contains(new TileAddress(TilePyramid.MAX_ZOOM + 1, 0, 0)));
  }
}
