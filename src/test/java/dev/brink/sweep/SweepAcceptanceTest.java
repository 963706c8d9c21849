package dev.brink.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.landscape.Family;
import dev.brink.line.LineExperiment;
import dev.brink.line.LineListener;
import dev.brink.params.GdConfig;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The paper's roughness transition on a sub-grid of its own grid (eps = 0.01:0.2:10, lambda =
 * 0.01:1:10, x0 = 5, N = 18; the full grids are documented runs in docs/sweeps.md): alpha = 0
 * where theta+ <= 0.05, alpha >= 0.5 where theta+ >= 0.1; multiplicative alpha > 0.5 throughout.
 */
class SweepAcceptanceTest {
  private static final GdRunner RUNNER = GdRunner.forAllCores();

  @AfterAll
  static void stop() {
    RUNNER.close();
  }

  static SweepSpec paperGrid(Family family) {
    return SweepSpec.of(GdConfig.builder(family).x0(5.0),
        List.of(GridAxis.parse("eps=0.01:0.2:10"), GridAxis.parse("lambda=0.01:1:10")), 18, 0,
        1.5, -5, 5);
  }

  static CellResult cell(SweepSpec s, int index) {
    return CellResult.of(s, index, LineExperiment.run(s.line(index), RUNNER, Cancellation.NONE,
        LineListener.NONE));
  }

  @Test
  @DisplayName("additive, N = 18: alpha 0 below theta+ 0.05, >= 0.5 above 0.1")
  void additiveTransition() {
    SweepSpec s = paperGrid(Family.ADDITIVE);
    // (eps index, lambda index): two convex cells near the threshold, four rough ones.
    int[][] picks = {{0, 4}, {1, 8}, {0, 9}, {4, 8}, {9, 9}, {0, 0}, {5, 1}};
    int convex = 0;
    int rough = 0;
    for (int[] p : picks) {
      CellResult c = cell(s, p[0] * 10 + p[1]);
      if (c.theta() <= 0.05) {
        convex++;
        assertEquals(0.0, c.alpha(), "cell " + c.values() + " theta " + c.theta());
      } else if (c.theta() >= 0.1) {
        rough++;
        assertTrue(c.alpha() >= 0.5, "cell " + c.values() + " theta " + c.theta() + " alpha "
            + c.alpha());
      }
    }
    assertEquals(3, convex);
    assertEquals(4, rough);
  }

  @Test
  @DisplayName("multiplicative, N = 18: alpha > 0.5 in every sampled cell")
  void multiplicativeFractal() {
    SweepSpec s = paperGrid(Family.MULTIPLICATIVE);
    double sum = 0;
    int[] picks = {0, 27, 54, 99};
    for (int index : picks) {
      CellResult c = cell(s, index);
      assertTrue(c.alpha() > 0.5, "cell " + c.values() + " alpha " + c.alpha());
      sum += c.alpha();
    }
    double mean = sum / picks.length;
    assertTrue(mean > 0.7 && mean < 1.05, "mean alpha " + mean);
  }
}
