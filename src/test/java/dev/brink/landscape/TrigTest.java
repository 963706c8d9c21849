package dev.brink.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** brink's own sine and cosine against the JDK's correctly rounded-to-1-ulp StrictMath. */
class TrigTest {
  /** The error of v against the reference, in units of 2^-53 of max(|reference|, 1/2). */
  private static double error(double v, double reference) {
    return Math.abs(v - reference) / Math.ulp(Math.max(Math.abs(reference), 0.5)) * 2;
  }

  private static double worst(DoubleUnaryOperator ours, DoubleUnaryOperator reference,
      double[] xs) {
    double worst = 0;
    for (double x : xs) {
      worst = Math.max(worst, error(ours.applyAsDouble(x), reference.applyAsDouble(x)));
    }
    return worst;
  }

  /** Arguments: uniform on [-10, 10], log-uniform up to 2^40, and next to multiples of pi/2. */
  private static double[] arguments() {
    Random random = new Random(11);
    double[] xs = new double[600_000];
    for (int i = 0; i < 200_000; i++) {
      xs[i] = 20 * random.nextDouble() - 10;
      xs[200_000 + i] = (random.nextBoolean() ? 1 : -1) * Math.pow(2, 40 * random.nextDouble());
      long k = random.nextInt(2_000_001) - 1_000_000;
      xs[400_000 + i] = k * (Math.PI / 2) + (random.nextDouble() - 0.5) * 1e-9;
    }
    return xs;
  }

  @Test
  @DisplayName("sin and cos are within 4 units of 2^-53 (relative where |value| >= 1/2, "
      + "absolute below) of StrictMath's for |x| up to 2^40")
  void accurate() {
    double[] xs = arguments();
    double sin = worst(Trig::sin, StrictMath::sin, xs);
    double cos = worst(Trig::cos, StrictMath::cos, xs);
    assertTrue(sin <= 4, "sin error " + sin);
    assertTrue(cos <= 4, "cos error " + cos);
    // Not trivially so: a polynomial one degree lower fails this bound (checked by hand), and
    // the errors are not all zero.
    assertTrue(sin > 0 && cos > 0, sin + " " + cos);
  }

  @Test
  @DisplayName("exact where it should be: sin 0, cos 0, odd and even symmetry, sin^2 + cos^2")
  void identities() {
    assertEquals(0.0, Trig.sin(0.0));
    assertEquals(1.0, Trig.cos(0.0));
    Random random = new Random(5);
    for (int i = 0; i < 100_000; i++) {
      double x = 1e4 * (random.nextDouble() - 0.5);
      assertEquals(-Trig.sin(x), Trig.sin(-x), "odd at " + x);
      assertEquals(Trig.cos(x), Trig.cos(-x), 4 * Math.ulp(1.0), "even at " + x);
      double s = Trig.sin(x);
      double c = Trig.cos(x);
      assertEquals(1.0, s * s + c * c, 8 * Math.ulp(1.0), "at " + x);
    }
  }

  @Test
  @DisplayName("beyond 2^50, NaN and infinities: 0 past the limit, NaN for NaN")
  void edges() {
    assertEquals(0.0, Math.abs(Trig.sin(0x1p50)));
    assertEquals(0.0, Math.abs(Trig.cos(-0x1p60)));
    assertEquals(0.0, Math.abs(Trig.sin(Double.POSITIVE_INFINITY)));
    assertEquals(0.0, Math.abs(Trig.cos(Double.NEGATIVE_INFINITY)));
    assertTrue(Double.isNaN(Trig.sin(Double.NaN)));
    assertTrue(Double.isNaN(Trig.cos(Double.NaN)));
    double below = Math.nextDown(0x1p50);
    assertTrue(Math.abs(Trig.sin(below)) <= 1 && Math.abs(Trig.cos(below)) <= 1);
  }
}
