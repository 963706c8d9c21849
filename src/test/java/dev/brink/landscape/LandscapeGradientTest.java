package dev.brink.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LandscapeGradientTest {

  @Test
  @DisplayName("every family's gradient matches central finite differences in 1 to 5 dimensions")
  void gradientMatchesFiniteDifferences() {
    Random random = new Random(345);
    int checked = 0;
    for (Family family : Family.values()) {
      for (int dim = 1; dim <= 5; dim++) {
        for (int trial = 0; trial < 20; trial++) {
          Landscape f = new Landscape(family, dim, 0.05 + random.nextDouble() * 0.3,
              0.1 + random.nextDouble(), 0.05 + random.nextDouble() * 0.3,
              0.1 + random.nextDouble());
          double[] x = new double[dim];
          for (int i = 0; i < dim; i++) {
            x[i] = random.nextDouble() * 4 - 2;
          }
          double[] grad = new double[dim];
          f.gradient(x, grad);
          for (int i = 0; i < dim; i++) {
            double h = 1e-6;
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (f.loss(plus) - f.loss(minus)) / (2 * h);
            assertEquals(numeric, grad[i], 1e-5 * Math.max(1, Math.abs(numeric)),
                family + " dim " + dim + " coordinate " + i);
            checked++;
          }
        }
      }
    }
    assertEquals(4 * 20 * (1 + 2 + 3 + 4 + 5), checked);
  }

  @Test
  @DisplayName("the losses are the formulas of docs/science.md (Loss families) at a "
      + "hand-computed point")
  void lossesAtAKnownPoint() {
    double[] x = {0.25, -0.5};
    // k = 2 pi / 1 = 2 pi: cos(k * 0.25) = 0, cos(k * -0.5) = -1.
    double sq = 0.0625 + 0.25;
    assertEquals(sq, new Landscape(Family.QUADRATIC, 2, 0, 1, 0, 1).loss(x), 1e-15);
    assertEquals(sq + 0.1 * (0 - 1), new Landscape(Family.ADDITIVE, 2, 0.1, 1, 0, 1).loss(x),
        1e-15);
    assertEquals(sq * (1 + 0.1 * (0 - 1)),
        new Landscape(Family.MULTIPLICATIVE, 2, 0.1, 1, 0, 1).loss(x), 1e-15);
    // k2 = 2 pi / 0.5 = 4 pi: cos(pi) = -1, cos(-2 pi) = 1.
    assertEquals(sq + 0.1 * (0 - 1) + 0.2 * (-1 + 1),
        new Landscape(Family.TWOCOS, 2, 0.1, 1, 0.2, 0.5).loss(x), 1e-15);
  }

  @Test
  @DisplayName("the additive convexity threshold is 1/(2 pi^2): f'' >= 0 just below, < 0 just above")
  void convexityThreshold() {
    double theta = Landscape.CRITICAL_ROUGHNESS;
    assertEquals(0.050660591821, theta, 1e-12);
    // f'' at x = 0 is 2 - 4 pi^2 theta: zero at the threshold.
    assertTrue(2 - 4 * Math.PI * Math.PI * theta * 0.99 > 0);
    assertTrue(2 - 4 * Math.PI * Math.PI * theta * 1.01 < 0);
    assertEquals(20, new Landscape(Family.ADDITIVE, 1, 0.2, 0.1, 0, 1).roughness(), 1e-9);
  }
}
