package dev.brink.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.landscape.Family;
import dev.brink.line.LineExperiment;
import dev.brink.line.LineListener;
import dev.brink.params.GdConfig;
import dev.brink.sweep.CellResult;
import dev.brink.sweep.GridAxis;
import dev.brink.sweep.SweepSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sweep of family mlp over its data seed: each cell its own network, no roughness. */
class NetworkSweepTest {
  @Test
  void seedAxisDrawsEachCellsNetworkAndThetaStaysEmpty() {
    SweepSpec spec = SweepSpec.of(GdConfig.builder(Family.MLP).inputs(3).hidden(4).points(6)
        .steps(30), List.of(GridAxis.parse("seed=5:7:3")), 6, 0.1, 200, -1, 1);
    assertEquals(3, spec.cells());
    CellResult last = null;
    try (GdRunner runner = new GdRunner(2)) {
      for (int i = 0; i < 3; i++) {
        assertEquals(5 + i, spec.line(i).config().network().seed());
        last = CellResult.of(spec, i, LineExperiment.run(spec.line(i), runner,
            Cancellation.NONE, LineListener.NONE));
        assertTrue(Double.isNaN(last.theta()));
      }
    }
    CellResult back = SweepJson.cellFromJson(SweepJson.cell(last), spec);
    assertTrue(Double.isNaN(back.theta()), "theta is null in JSON and NaN again when read");
    assertTrue(SweepJson.cell(last).get("theta").isNull());
    assertEquals(last.alpha(), back.alpha());
    String row = SweepJson.csv(spec, List.of(last)).split("\n")[1];
    assertTrue(row.startsWith("2,7,,"), row);
  }
}
