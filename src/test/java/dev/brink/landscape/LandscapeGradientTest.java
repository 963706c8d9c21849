package dev.brink.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LandscapeGradientTest {

  @Test
  @DisplayName("every family's gradient matches central finite differences in 1 to 5 dimensions")
  void gradientMatchesFiniteDifferences() {
    Random random = new Random(345);
    for (Family family : Family.losses()) {
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
          }
        }
      }
    }
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
  @DisplayName("the gradients are the formulas of docs/science.md (Loss families) at a "
      + "hand-computed point")
  void gradientsAtAKnownPoint() {
    double[] x = {0.25, -0.5};
    // k = 2 pi: sin(k * 0.25) = 1 and sin(k * -0.5) = 0, in float64 1.2e-16 (the sine of pi
    // rounded), hence the tolerance 1e-14.
    // quadratic: 2 x.
    assertGradient(new double[] {0.5, -1}, new Landscape(Family.QUADRATIC, 2, 0, 1, 0, 1), x);
    // additive: 2 x_i - eps k sin(k x_i) = {0.5 - 0.1 * 2 pi, -1}.
    assertGradient(new double[] {0.5 - 0.2 * Math.PI, -1},
        new Landscape(Family.ADDITIVE, 2, 0.1, 1, 0, 1), x);
    // multiplicative: S = 0.3125, C = cos(pi / 2) + cos(-pi) = -1, so 1 + eps C = 0.9 and
    // g_i = 2 x_i 0.9 - eps k S sin(k x_i) = {0.45 - 0.1 * 2 pi * 0.3125, -0.9}.
    assertGradient(new double[] {0.45 - 0.0625 * Math.PI, -0.9},
        new Landscape(Family.MULTIPLICATIVE, 2, 0.1, 1, 0, 1), x);
    // twocos with lambda2 2, k2 = pi: sin(k2 * 0.25) = sqrt(2) / 2, sin(k2 * -0.5) = -1, so
    // g = {0.5 - 0.2 pi - 0.2 pi sqrt(2) / 2, -1 + 0.2 pi}.
    assertGradient(new double[] {0.5 - 0.2 * Math.PI - 0.1 * Math.PI * Math.sqrt(2),
        -1 + 0.2 * Math.PI}, new Landscape(Family.TWOCOS, 2, 0.1, 1, 0.2, 2), x);
  }

  @Test
  @DisplayName("the additive convexity threshold is 1/(2 pi^2): the loss's f''(0) is > 0 just "
      + "below, < 0 just above")
  void convexityThreshold() {
    double theta = Landscape.CRITICAL_ROUGHNESS;
    assertEquals(0.050660591821, theta, 1e-12);
    // With lambda 1, f''(0) = 2 - eps k^2 = 2 - 4 pi^2 eps, and 4 pi^2 theta = 2: so f''(0) is
    // 2 - 2 * 0.99 = 0.02 at eps = 0.99 theta and -0.02 at 1.01 theta. Measured on the loss
    // itself by a second central difference (its error: h^2 eps k^4 / 12 < 1e-7).
    assertEquals(0.02, secondDerivativeAtZero(new Landscape(Family.ADDITIVE, 1, 0.99 * theta, 1,
        0, 1)), 1e-6);
    assertEquals(-0.02, secondDerivativeAtZero(new Landscape(Family.ADDITIVE, 1, 1.01 * theta,
        1, 0, 1)), 1e-6);
    assertEquals(20, new Landscape(Family.ADDITIVE, 1, 0.2, 0.1, 0, 1).roughness(), 1e-9);
  }

  private static void assertGradient(double[] expected, Landscape f, double[] x) {
    double[] grad = new double[x.length];
    f.gradient(x, grad);
    for (int i = 0; i < x.length; i++) {
      assertEquals(expected[i], grad[i], 1e-14, f.family() + " coordinate " + i);
    }
  }

  /** (f(h) - 2 f(0) + f(-h)) / h^2 of a 1-D loss. */
  private static double secondDerivativeAtZero(Landscape f) {
    double h = 1e-4;
    return (f.loss(new double[] {h}) - 2 * f.loss(new double[] {0})
        + f.loss(new double[] {-h})) / (h * h);
  }
}
