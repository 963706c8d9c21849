package dev.brink.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brink.landscape.Trig;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The lane-by-lane sine and cosine equal the scalar ones bit for bit, whatever the JIT does. */
class VectorTrigTest {
  private static final int W = LaneWorkspace.W;

  @Test
  @DisplayName("every lane equals Trig.sin and Trig.cos bit for bit, interpreted and compiled")
  void equalsScalar() {
    Random random = new Random(2);
    double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, 0x1p50, -0x1p49,
        Math.PI / 2, -Math.PI, 1e-300, Double.MIN_VALUE, 3e15, -7e15};
    // 20000 rounds: the first run in the interpreter, the last in C2's compiled code.
    for (int round = 0; round < 20_000; round++) {
      double[] x = new double[W];
      for (int i = 0; i < W; i++) {
        x[i] = round < special.length && i == 0 ? special[round]
            : Math.pow(10, 12 * random.nextDouble() - 4) * (random.nextBoolean() ? 1 : -1);
      }
      double[] s = x.clone();
      double[] c = x.clone();
      VectorTrig.sin(s, 0, W);
      VectorTrig.cos(c, 0, W);
      for (int i = 0; i < W; i++) {
        assertEquals(Double.doubleToRawLongBits(Trig.sin(x[i])), Double.doubleToRawLongBits(s[i]),
            "sin " + x[i]);
        assertEquals(Double.doubleToRawLongBits(Trig.cos(x[i])), Double.doubleToRawLongBits(c[i]),
            "cos " + x[i]);
      }
    }
  }

  @Test
  @DisplayName("a range touches only its own lanes")
  void range() {
    double[] a = new double[W];
    java.util.Arrays.fill(a, 1.0);
    VectorTrig.sin(a, LaneWorkspace.L, W);
    for (int i = 0; i < W; i++) {
      assertEquals(i < LaneWorkspace.L ? 1.0 : Trig.sin(1.0), a[i], "lane " + i);
    }
  }
}
