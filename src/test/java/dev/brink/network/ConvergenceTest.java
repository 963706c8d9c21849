package dev.brink.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The measure on sequences worked out by hand. */
class ConvergenceTest {
  private static Convergence feed(double... losses) {
    Convergence c = new Convergence();
    c.reset(losses.length);
    for (double l : losses) {
      c.add(l);
    }
    return c;
  }

  @Test
  void aShortFallingRunIsTrainableWithMinusTheSumOfItsRatios() {
    Convergence c = feed(2, 1, 0.5);
    assertTrue(c.trainable());
    assertEquals(-1.75, c.value());
  }

  @Test
  void nonFiniteLossesCountAsAMillionAndRatiosAreClipped() {
    // v = 1, 2, 1e6 (NaN), 1e6 (inf), 1e6 (clipped from 4e6): tail mean 800000.6 >= 1.
    Convergence c = feed(0.5, 1, Double.NaN, Double.POSITIVE_INFINITY, 2e6);
    assertFalse(c.trainable());
    assertEquals(1 + 0.5 + 3e-6, c.value(), 1e-15);
  }

  @Test
  void onlyTheLastTwentyDecide() {
    double[] losses = new double[30];
    for (int t = 0; t < 30; t++) {
      losses[t] = t < 10 ? 100 : 1;
    }
    // v = 1 for ten steps, then 0.01: the last twenty average 0.01.
    Convergence c = feed(losses);
    assertTrue(c.trainable());
    assertEquals(-(10 + 20 * 0.01), c.value(), 1e-12);
    losses[29] = 100 * 21;
    // Now the last twenty sum to 19 * 0.01 + 21 = 21.19, mean above 1.
    assertFalse(feed(losses).trainable());
  }
}
