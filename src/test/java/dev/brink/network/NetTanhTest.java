package dev.brink.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NetTanhTest {
  private static final double[] SPECIAL = {0.0, -0.0, 1e-300, -1e-300, 1e-9, 0.3465, -0.3466,
      0.5, 1, -1, 2.5, 10, 19.06, -19.07, 20, 21, 710, -1e308, Double.MIN_VALUE,
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

  @Test
  void withinFourUlpOfStrictMathTanh() {
    Random r = new Random(1);
    double worst = 0;
    for (int k = 0; k < 200_000; k++) {
      double x = (r.nextDouble() * 2 - 1) * Math.pow(10, r.nextInt(8) - 6) * 25;
      worst = Math.max(worst, ulps(NetTanh.tanh(x), StrictMath.tanh(x)));
    }
    for (double x : SPECIAL) {
      if (!Double.isNaN(x)) {
        worst = Math.max(worst, ulps(NetTanh.tanh(x), StrictMath.tanh(x)));
      }
    }
    assertTrue(worst <= 4, "worst " + worst + " ulp");
    assertTrue(Double.isNaN(NetTanh.tanh(Double.NaN)));
    assertEquals(1.0, NetTanh.tanh(Double.POSITIVE_INFINITY));
    assertEquals(-1.0, NetTanh.tanh(-40));
  }

  @Test
  void lanesEqualTheScalarFunctionBitForBit() {
    int lanes = NetworkKernel.L;
    Random r = new Random(2);
    double[] in = new double[lanes];
    double[] out = new double[lanes];
    double[] derivative = new double[lanes];
    for (int k = 0; k < 20_000 + SPECIAL.length; k++) {
      for (int l = 0; l < lanes; l++) {
        in[l] = k < SPECIAL.length && l == 0 ? SPECIAL[k]
            : (r.nextDouble() * 2 - 1) * Math.pow(10, r.nextInt(8) - 6) * 25;
      }
      VectorNetTanh.activate(in, out, derivative, lanes);
      for (int l = 0; l < lanes; l++) {
        assertEquals(Double.doubleToRawLongBits(NetTanh.tanh(in[l])),
            Double.doubleToRawLongBits(out[l]), "tanh(" + in[l] + ")");
      }
    }
  }

  private static double ulps(double a, double b) {
    return Math.abs(a - b) / Math.ulp(b);
  }
}
