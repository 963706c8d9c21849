package dev.brink.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.grid.Axis;
import dev.brink.landscape.Family;
import dev.brink.params.GdConfig;
import dev.brink.plane.PlaneExperiment;
import dev.brink.plane.PlaneSpec;
import org.junit.jupiter.api.Test;

/** Family mlp through the runner: the SIMD kernel's outcomes equal the reference loop's. */
class NetworkChunksTest {
  @Test
  void simdAndReferenceChunksGiveTheSameOutcomes() {
    PlaneSpec plane = PlaneSpec.of(GdConfig.builder(Family.MLP).inputs(6).hidden(5).points(11)
        .steps(60).offset(0.01), Axis.parse("x", "eta0:0.1:1e4:log"),
        Axis.parse("y", "eta1:0.1:1e4:log"), 7, 5);
    TrajectoryBatch batch = TrajectoryBatch.of(plane.config(), 35);
    int k = 0;
    for (int row = 0; row < 5; row++) {
      for (int column = 0; column < 7; column++) {
        PlaneExperiment.set(plane, batch, k++, column, row);
      }
    }
    batch.setCount(35);
    Outcomes simd = new Outcomes(35);
    Outcomes reference = new Outcomes(35);
    try (GdRunner a = new GdRunner(2, b -> NetworkChunks.create(b, true));
        GdRunner b = new GdRunner(1, t -> NetworkChunks.create(t, false))) {
      a.run(batch, simd, () -> false);
      b.run(batch, reference, () -> false);
    }
    int divergent = 0;
    for (int i = 0; i < 35; i++) {
      assertEquals(reference.divergent(i), simd.divergent(i), "pixel " + i);
      assertEquals(reference.divergeStep(i), simd.divergeStep(i), "pixel " + i);
      assertEquals(Double.doubleToRawLongBits(reference.speed(i)),
          Double.doubleToRawLongBits(simd.speed(i)), "pixel " + i);
      assertTrue(simd.speed(i) >= 1, "a measure's magnitude is at least v_0 = 1");
      divergent += simd.divergent(i) ? 1 : 0;
    }
    assertTrue(divergent > 0 && divergent < 35, divergent + " of 35 not trainable");
  }
}
