package dev.brink.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brink.params.InvalidParameterException;
import org.junit.jupiter.api.Test;

/** The data from the seed, pinned by values an independent Python implementation drew. */
class NetworkDataTest {
  @Test
  void splitMix64MatchesItsPublishedSequence() {
    SplitMix64 g = new SplitMix64(0);
    assertEquals(0xe220a8397b1dcdafL, g.nextLong());
    assertEquals(0x6e789e6aa1b965f4L, g.nextLong());
    assertEquals(0x06c45d188009454fL, g.nextLong());
  }

  @Test
  void defaultDataFromSeedZeroArePinned() {
    NetworkData data = NetworkData.draw(NetworkSpec.of(null, null, null, null, null, null, 0),
        1);
    assertEquals(272, data.spec().points());
    double[] w0 = data.w0();
    double[] w1 = data.w1();
    double[] x = data.x();
    double[] y = data.y();
    assertEquals(-0x1.e247d108691cfp+0, w0[0]);
    assertEquals(0x1.324cc9d28c888p-4, w0[255]);
    assertEquals(0x1.efae7af6f6410p-1, w1[0]);
    assertEquals(-0x1.f9c281ed1250bp-2, w1[15]);
    assertEquals(-0x1.9de07dc5950fep-3, x[0]);
    assertEquals(0x1.dd25a189e9fa3p-2, x[4351]);
    assertEquals(-0x1.2175e8b50fd74p-3, y[0]);
    assertEquals(0x1.dddc1336c694dp-2, y[271]);
  }

  @Test
  void minibatchWeightsCountDrawsAndSumToOne() {
    NetworkSpec spec = new NetworkSpec(3, 2, 5, Activation.TANH, 7, 4, 0);
    NetworkData data = NetworkData.draw(spec, 10);
    double[] w = new double[5];
    for (int t = 0; t < 10; t++) {
      data.weights(t, w);
      double sum = 0;
      for (double v : w) {
        assertEquals(0, (v * 4) % 1, "a count over B: " + v);
        sum += v;
      }
      assertEquals(1, sum, 1e-15);
    }
    NetworkData full = NetworkData.draw(new NetworkSpec(3, 2, 5, Activation.TANH, 7, 0, 0), 10);
    full.weights(3, w);
    for (double v : w) {
      assertEquals(0.2, v);
    }
  }

  @Test
  void badShapesAreRefusedByName() {
    assertEquals("hidden", assertThrows(InvalidParameterException.class,
        () -> NetworkSpec.of(null, 0, null, null, null, null, 0)).field());
    assertEquals("points", assertThrows(InvalidParameterException.class,
        () -> NetworkSpec.of(1024, 1024, 4096, null, null, null, 0)).field());
    assertEquals("seed", assertThrows(InvalidParameterException.class,
        () -> NetworkSpec.of(null, null, null, null, -1L, null, 0)).field());
    assertEquals("offset", assertThrows(InvalidParameterException.class,
        () -> NetworkSpec.of(null, null, null, null, null, null, Double.NaN)).field());
  }
}
