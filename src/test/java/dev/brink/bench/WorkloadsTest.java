package dev.brink.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.descent.GdRunner;
import dev.brink.descent.Trajectory;
import dev.brink.landscape.Family;
import dev.brink.landscape.Landscape;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The bench workloads compute what they claim (at their warm-up size; speed is not tested). */
class WorkloadsTest {

  @Test
  @DisplayName("each standard workload runs on the runner's kernel and counts its GD steps")
  void workloadsCountTheirSteps() throws Exception {
    for (String name : Workloads.STANDARD) {
      Workloads.Result r = Workloads.run(name, 2, true);
      assertEquals(name, r.workload());
      assertTrue(r.gdSteps() > 1_000_000 && r.seconds() > 0, name + ": " + r);
      assertEquals(new GdRunner(1).kernel(), r.kernel());
    }
  }

  @Test
  @DisplayName("line-additive's GD steps are those of its 2^14 + 1 runs, each traced alone on "
      + "the slow path")
  void lineAdditiveCountsEveryRunsSteps() throws Exception {
    // The warm-up line: Fig. 2a's loss (additive, eps 0.2, lambda 0.1; x0 1, T 1000, B 1e8)
    // at eta_j = 1.5 j / 2^14, which are exact in float64 and so numpy.linspace's values. The
    // kernels equal Trajectory bit for bit (ScalarKernelTest, VectorKernelTest), so the sums
    // agree exactly, not just in size: this counts steps without levels, chunks or batches.
    Landscape loss = new Landscape(Family.ADDITIVE, 1, 0.2, 0.1, 0, 1);
    int intervals = 1 << 14;
    long steps = 0;
    int divergent = 0;
    for (int j = 0; j <= intervals; j++) {
      Trajectory run = Trajectory.trace(loss, new double[] {1.5 * j / intervals},
          new double[] {1}, 1000, 1e8);
      // A run executes as many updates as its divergence step: T when it stays bounded.
      steps += run.divergeStep();
      divergent += run.divergent() ? 1 : 0;
    }
    assertTrue(divergent > 0 && divergent <= intervals,
        divergent + " divergent runs: runs that stop early and runs of T steps both count");
    assertEquals(steps, Workloads.run("line-additive", 2, true).gdSteps());
  }

  @Test
  @DisplayName("view-1080p streams the points plane-1080p computes, coarse level first")
  void viewWorkloadStreamsThePlanesPoints() throws Exception {
    Workloads.Result view = Workloads.run("view-1080p", 2, true);
    Workloads.Result plane = Workloads.run("plane-1080p", 2, true);
    assertEquals(plane.gdSteps(), view.gdSteps());
    assertTrue(view.coarseSeconds() > 0 && view.coarseSeconds() < view.seconds(), view.toString());
  }
}
