package dev.brink.plane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.grid.Axis;
import dev.brink.landscape.Family;
import dev.brink.params.GdConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a live view computes: levels, their windows, tiles and their order. */
class ViewPlanTest {
  static final PlaneSpec ROOT = PlaneSpec.of(GdConfig.builder(Family.ADDITIVE).lambda(1.0)
      .x0(5.0), Axis.parse("x", "eta:0.85:1.1"), Axis.parse("y", "eps:0:0.3"), 1, 1);

  static ViewPlan plan(double u0, double u1, double v0, double v1, int width, int height) {
    return ViewPlan.of(ROOT, new ViewPlan.Window(u0, u1, v0, v1), width, height,
        (u0 + u1) / 2, (v0 + v1) / 2, Long.MAX_VALUE);
  }

  static long key(int level, long column, long row) {
    return (long) level << 58 | column << 29 | row;
  }

  /** Every point each level computes, each once. */
  static Set<Long> points(ViewPlan p) {
    Set<Long> all = new HashSet<>();
    for (LevelTile t : p.tiles()) {
      t.forEach((k, c, r) -> assertTrue(all.add(key(t.level(), c, r)),
          "point " + t.level() + ":" + c + "," + r + " twice"));
    }
    return all;
  }

  @ParameterizedTest(name = "window {0}..{1} x {2}..{3} on {4} x {5}")
  @CsvSource({"0, 1, 0, 1, 1030, 530", "0.3, 0.4, 0.61, 0.6625, 1550, 700",
      "0.1234, 0.1236, 0.5, 0.5001, 800, 600"})
  @DisplayName("the finest level has a point per canvas pixel; the levels nest, each point is "
      + "computed once, all of them within 1.05x the finest level's window")
  void nestedLevels(double u0, double u1, double v0, double v1, int width, int height) {
    ViewPlan p = plan(u0, u1, v0, v1, width, height);
    ViewPlan.Level finest = p.finest();
    long across = finest.column1() - finest.column0() + 1;
    long up = finest.row1() - finest.row0() + 1;
    assertEquals(width, across, 0.02 * width + 9, "points across");
    assertEquals(height, up, 0.02 * height + 9, "points up");
    assertEquals(0, (p.gridWidth() - 1) % 16, "a multiple of 16 intervals");
    Set<Long> all = points(p);
    assertEquals(p.samples(), all.size());
    assertTrue(p.samples() <= 1.05 * across * up, p.samples() + " points for a finest window of "
        + across * up);
    for (int l = 1; l < ViewPlan.LEVELS; l++) {
      ViewPlan.Level level = p.levels().get(l);
      ViewPlan.Level coarser = p.levels().get(l - 1);
      assertEquals((level.gridWidth() - 1) / 2, coarser.gridWidth() - 1, "grids nest");
      // Each point of the level's window is computed by the level where its column or row
      // is first odd, or by level 0.
      for (long c = level.column0(); c <= level.column1(); c++) {
        for (long r = level.row0(); r <= level.row1(); r++) {
          int owner = l;
          long oc = c;
          long or = r;
          while (owner > 0 && oc % 2 == 0 && or % 2 == 0) {
            owner--;
            oc /= 2;
            or /= 2;
          }
          assertTrue(all.contains(key(owner, oc, or)), "level " + l + " point " + c + "," + r
              + " is level " + owner + "'s " + oc + "," + or);
        }
      }
    }
  }

  @Test
  @DisplayName("a 4K canvas: a point per pixel, within 1.05x the finest level's window")
  void fourK() {
    ViewPlan p = plan(0, 1, 0, 1, 3500, 1950);
    ViewPlan.Level finest = p.finest();
    long across = finest.column1() - finest.column0() + 1;
    long up = finest.row1() - finest.row0() + 1;
    assertEquals(3500, across, 9);
    assertEquals(1950, up, 9);
    assertTrue(p.samples() <= 1.05 * across * up, p.samples() + " for " + across * up);
  }

  @Test
  @DisplayName("a pan keeps the grid and shares tiles; a 2x zoom doubles it, its coarser levels "
      + "being the wider view's finer ones")
  void panAndZoomReuse() {
    ViewPlan a = plan(0, 0.5, 0, 0.5, 512, 512);
    ViewPlan panned = plan(0.1, 0.6, 0.05, 0.55, 512, 512);
    assertEquals(a.gridWidth(), panned.gridWidth());
    assertEquals(a.gridHeight(), panned.gridHeight());
    ViewPlan zoomed = plan(0.125, 0.375, 0.125, 0.375, 512, 512);
    assertEquals(2 * (a.gridWidth() - 1), zoomed.gridWidth() - 1);
    for (int l = 1; l < ViewPlan.LEVELS; l++) {
      assertEquals(a.levels().get(l).gridWidth(), zoomed.levels().get(l - 1).gridWidth());
    }
  }

  @Test
  @DisplayName("levels start in order, and within a level tiles nearest the focus first")
  void focusFirst() {
    ViewPlan p = ViewPlan.of(ROOT, ViewPlan.Window.WHOLE, 1024, 1024, 0.9, 0.1,
        Long.MAX_VALUE);
    List<LevelTile> tiles = p.tiles();
    for (int i = 1; i < tiles.size(); i++) {
      assertTrue(tiles.get(i).level() >= tiles.get(i - 1).level(), "levels in order");
    }
    LevelTile first = tiles.stream().filter(t -> t.level() == 4).findFirst().orElseThrow();
    assertEquals(7, first.crop().column0() / ViewPlan.TILE);
    assertEquals(0, first.crop().row0() / ViewPlan.TILE);
  }

  @Test
  @DisplayName("beyond the work limit the view is served at a lower resolution within it; at "
      + "float64's limit the grid stops at 2^48 intervals")
  void limits() {
    ViewPlan big = ViewPlan.of(ROOT, ViewPlan.Window.WHOLE, 3840, 2160, 0.5, 0.5,
        1_000_000_000L);
    assertTrue(big.scale() < 1, "scale " + big.scale());
    assertTrue((double) big.finest().samples() * 1000 <= 1_000_000_000L, "within the limit");
    ViewPlan deep = ViewPlan.of(ROOT, new ViewPlan.Window(0.5, 0.5 + 1e-15, 0.5, 0.5 + 1e-15),
        1000, 1000, 0.5, 0.5, Long.MAX_VALUE);
    assertEquals(PlaneSpec.MAX_GRID, deep.gridWidth());
    assertTrue(deep.finest().column1() - deep.finest().column0() < 1000, "fewer points");
  }

  @Test
  @DisplayName("the warm-up planes are valid planes of every family")
  void warmUpPlanes() {
    Set<Family> families = new HashSet<>();
    for (PlaneSpec p : KernelWarmUp.planes()) {
      families.add(p.config().family());
    }
    assertEquals(Set.of(Family.values()), families);
  }

  @Test
  @DisplayName("a network's view budget counts its steps by their cost: a network with 4 times "
      + "the default's flops per step gets a coarser view within the same budget")
  void networkStepsCountByCost() {
    Axis x = Axis.parse("x", "eta0:0.001:1000000:log");
    Axis y = Axis.parse("y", "eta1:0.001:1000000:log");
    PlaneSpec small = PlaneSpec.of(GdConfig.builder(Family.MLP), x, y, 1, 1);
    PlaneSpec large = PlaneSpec.of(GdConfig.builder(Family.MLP).points(4 * 272), x, y, 1, 1);
    double cost = large.config().network().relativeCost();
    assertTrue(cost > 3.9 && cost < 4.1, "relative cost " + cost);
    long budget = 1L << 23;
    ViewPlan a = ViewPlan.of(small, ViewPlan.Window.WHOLE, 256, 256, 0.5, 0.5, budget);
    ViewPlan b = ViewPlan.of(large, ViewPlan.Window.WHOLE, 256, 256, 0.5, 0.5, budget);
    assertEquals(1.0, a.scale(), "the default network's 256 x 256 view fits the budget");
    // The default's 256 x 256 at 100 steps fills 0.78 of the budget; 4 times that does not fit.
    assertTrue(b.scale() > 0.5 && b.scale() < 0.75, "scale " + b.scale());
    assertTrue(b.finest().samples() * 100 * cost <= budget, "within the budget");
    assertTrue(a.finest().samples() * 100 * cost > budget, "the full view would not be");
  }
}
