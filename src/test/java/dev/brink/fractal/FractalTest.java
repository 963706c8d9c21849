package dev.brink.fractal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FractalTest {

  @Test
  @DisplayName("labels encode point j as bit j % 8 of byte j / 8, padded to ceil(size / 8) bytes")
  void labelBitOrder() {
    Labels labels = new Labels(17);
    labels.set(0, true);
    labels.set(9, true);
    labels.set(16, true);
    byte[] bytes = Base64.getDecoder().decode(labels.toBase64());
    assertArrayEquals(new byte[] {0b0000_0001, 0b0000_0010, 0b0000_0001}, bytes);
    Labels empty = new Labels(17);
    assertEquals(3, Base64.getDecoder().decode(empty.toBase64()).length);
    Labels back = Labels.fromBase64(labels.toBase64(), 17);
    assertEquals(1.0, back.agreement(labels));
    assertEquals(3, back.divergentCount());
    assertEquals(14.0 / 17, back.agreement(empty), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> Labels.fromBase64(labels.toBase64(), 30));
  }

  @Test
  @DisplayName("N_B counts differing neighbours at every 2^(N-l)-th point")
  void dyadicBoxCount() {
    // N = 3: 9 points. Labels 0 0 0 1 0 0 1 1 1.
    Labels labels = new Labels(9);
    for (int j : new int[] {3, 6, 7, 8}) {
      labels.set(j, true);
    }
    assertEquals(1, DyadicBoxCount.count(labels, 3, 0)); // points 0, 8
    assertEquals(1, DyadicBoxCount.count(labels, 3, 1)); // 0, 4, 8: 0 0 1
    assertEquals(1, DyadicBoxCount.count(labels, 3, 2)); // 0 2 4 6 8: 0 0 0 1 1
    assertEquals(3, DyadicBoxCount.count(labels, 3, 3)); // all: 0 0 0 1 0 0 1 1 1
    assertThrows(IllegalArgumentException.class, () -> DyadicBoxCount.count(labels, 4, 0));
  }

  @Test
  @DisplayName("the deepest line (30 levels, 2^30 + 1 points) counts its coarse levels")
  void thirtyLevels() {
    Labels labels = new Labels((1 << 30) + 1);
    labels.set(1 << 30, true);
    assertEquals(1, DyadicBoxCount.count(labels, 30, 0));
    assertEquals(1, DyadicBoxCount.count(labels, 30, 1));
  }

  @Test
  @DisplayName("alpha is the OLS slope of log2 N_B over levels with N_B > 1, 0 below 3 levels")
  void alphaRules() {
    SlopeFit exact = SlopeFit.alpha(new long[] {1, 1, 2, 4, 8, 16}, 5);
    assertEquals(1.0, exact.slope(), 1e-12);
    assertEquals(0.0, exact.standardError(), 1e-12);
    assertEquals(4, exact.points());
    assertEquals(SlopeFit.NONE, SlopeFit.alpha(new long[] {1, 1, 1, 3, 9}, 4));
    assertEquals(SlopeFit.NONE, SlopeFit.alpha(new long[] {1, 1, 1, 1}, 3));
    // Only levels 0..upTo count.
    assertEquals(SlopeFit.NONE, SlopeFit.alpha(new long[] {2, 4, 8, 16}, 1));
  }

  @Test
  @DisplayName("the slope's standard error is numpy.polyfit's: sqrt(SSR/(m-2) / Sxx)")
  void standardError() {
    // y = 0, 1, 1, 3 at x = 0..3: slope 0.9, intercept -0.1, residuals 0.1 0.2 -0.7 0.4.
    SlopeFit fit = SlopeFit.ols(new double[] {0, 1, 2, 3}, new double[] {0, 1, 1, 3}, 4);
    assertEquals(0.9, fit.slope(), 1e-12);
    double ssr = 0.01 + 0.04 + 0.49 + 0.16;
    assertEquals(Math.sqrt(ssr / 2 / 5), fit.standardError(), 1e-12);
  }
}
