package dev.brink.reproduce;

import dev.brink.descent.Trajectory;
import dev.brink.landscape.Family;
import dev.brink.params.GdConfig;
import dev.brink.reproduce.Experiments.Part;
import java.util.ArrayList;
import java.util.List;

/** Fig. S1: two single runs on f×, eps = 0.2, lambda = 0.1, from x0 = 1: one stays, one blows up. */
final class TrajectoryExperiment {
  private static final double BOUND = 1e10;

  private TrajectoryExperiment() {
  }

  static Experiment figS1() {
    return Experiments.of("S1", "Fig. S1: a bounded and a divergent run", (p, runs) -> {
      GdConfig c = GdConfig.builder(Family.MULTIPLICATIVE).eps(0.2).lambda(0.1).x0(1.0)
          .bound(BOUND).build();
      runs.describe("multiplicative, eps = 0.2, lambda = 0.1, x0 = 1, T = 1000, bound 1e10; "
          + "eta = 0.01 and 0.2");
      Trajectory slow = trace(c, 0.01);
      Trajectory fast = trace(c, 0.2);
      List<Comparison> rows = List.of(
          new Comparison("eta = 0.01", "bounded", outcome(slow), "the same", !slow.divergent()),
          new Comparison("eta = 0.2", "diverges within 10 steps", outcome(fast),
              "the same", fast.divergent() && fast.divergeStep() <= 10));
      List<Figure.Series> series = List.of(series("eta = 0.01", slow), series("eta = 0.2", fast));
      return new Part(rows, List.of(new Figure.Chart("figS1.png", "loss against the step",
          "step", "loss", false, true, series, Double.NaN, "")));
    }, p -> 2L * GdConfig.DEFAULT_STEPS);
  }

  private static Trajectory trace(GdConfig c, double eta) {
    return Trajectory.trace(c.landscape(), new double[] {eta}, new double[] {c.x0()},
        c.steps(), c.bound());
  }

  private static String outcome(Trajectory t) {
    return t.divergent() ? "diverges at step " + t.divergeStep() : "bounded";
  }

  /** The loss at every step kept (the first 60 of a bounded run: it has settled by then). */
  private static Figure.Series series(String name, Trajectory t) {
    int m = Math.min(t.loss().length, t.divergent() ? t.loss().length : 60);
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      if (t.loss()[i] > 0 && Double.isFinite(t.loss()[i])) {
        points.add(new double[] {i, t.loss()[i]});
      }
    }
    double[] x = new double[points.size()];
    double[] y = new double[points.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = points.get(i)[0];
      y[i] = points.get(i)[1];
    }
    return new Figure.Series(name, x, y, null, true);
  }
}
