package dev.brink.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.landscape.Family;
import dev.brink.line.LineExperiment;
import dev.brink.line.LineListener;
import dev.brink.line.LineSpec;
import dev.brink.params.GdConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The bench workloads compute what they claim (at their warm-up size; speed is not tested). */
class WorkloadsTest {

  @Test
  @DisplayName("each standard workload runs and counts the GD steps the science core executes")
  void workloadsCountTheirSteps() throws Exception {
    for (String name : Workloads.STANDARD) {
      Workloads.Result r = Workloads.run(name, 2, true);
      assertEquals(name, r.workload());
      assertTrue(r.gdSteps() > 1_000_000 && r.seconds() > 0, name + ": " + r);
      assertEquals(new GdRunner(1).kernel(), r.kernel());
    }
    Workloads.Result additive = Workloads.run("line-additive", 1, true);
    try (GdRunner runner = new GdRunner(1)) {
      long expected = LineExperiment.run(new LineSpec(GdConfig.builder(Family.ADDITIVE).eps(0.2)
          .lambda(0.1).build(), 14, 0, 1.5), runner, Cancellation.NONE, LineListener.NONE)
          .gdSteps();
      assertEquals(expected, additive.gdSteps());
    }
  }

  @Test
  @DisplayName("view-1080p streams the points plane-1080p computes, coarse level first")
  void viewWorkloadStreamsThePlanesPoints() throws Exception {
    Workloads.Result view = Workloads.run("view-1080p", 2, true);
    Workloads.Result plane = Workloads.run("plane-1080p", 2, true);
    assertEquals(plane.gdSteps(), view.gdSteps());
    assertTrue(view.coarseSeconds() > 0 && view.coarseSeconds() < view.seconds(), view.toString());
    assertTrue(view.ratio() > 0, view.toString());
  }
}
