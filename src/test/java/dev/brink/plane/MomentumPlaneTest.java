package dev.brink.plane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.grid.Axis;
import dev.brink.landscape.Family;
import dev.brink.optimizer.Optimizer;
import dev.brink.params.GdConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exact check of docs/science.md, Optimizers: heavy ball on f = x^2 (curvature 2),
 * x_{t+1} - x_t = beta (x_t - x_{t-1}) - 2 eta x_t, has characteristic roots with
 * lambda^2 - (1 + beta - 2 eta) lambda + beta = 0, all inside the unit circle iff
 * 0 < eta < 1 + beta (|beta| < 1).
 */
class MomentumPlaneTest {

  @Test
  @DisplayName("the eta x beta plane of heavy ball on the quadratic obeys 0 < eta < 1 + beta at"
      + " every pixel farther than 0.02 from the two lines")
  void heavyBallRule() {
    // 2000 steps: 0.02 past a line the largest root is about 1 + 0.028 / (1 - beta) in size,
    // so a divergent run passes the bound (|x| > 1e4 from x0 = 1) within 500 steps.
    GdConfig.Builder fixed = GdConfig.builder(Family.QUADRATIC).optimizer(Optimizer.MOMENTUM)
        .steps(2000);
    PlaneSpec spec = PlaneSpec.of(fixed, Axis.parse("x", "eta:-0.25:2.25"),
        Axis.parse("y", "beta:-0.95:0.95"), 256, 256);
    PlaneResult r;
    try (GdRunner runner = GdRunner.forAllCores()) {
      r = PlaneExperiment.run(spec, runner, Cancellation.NONE);
    }
    int checked = 0;
    int convergent = 0;
    for (int j = 0; j < 256; j++) {
      double beta = spec.y().value(j, 256);
      for (int i = 0; i < 256; i++) {
        double eta = spec.x().value(i, 256);
        double fromUpper = Math.abs(eta - (1 + beta)) / Math.sqrt(2);
        if (fromUpper <= 0.02 || Math.abs(eta) <= 0.02) {
          continue;
        }
        boolean converges = eta > 0 && eta < 1 + beta;
        assertEquals(!converges, r.labels().divergent(j * 256 + i),
            "eta " + eta + ", beta " + beta);
        checked++;
        convergent += converges ? 1 : 0;
      }
    }
    assertTrue(checked > 60000, checked + " pixels checked");
    assertTrue(convergent > 20000 && checked - convergent > 20000,
        convergent + " convergent of " + checked);
  }
}
