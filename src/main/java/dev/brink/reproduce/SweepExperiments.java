package dev.brink.reproduce;

import dev.brink.reproduce.Experiments.Part;
import dev.brink.landscape.Family;
import dev.brink.params.GdConfig;
import dev.brink.sweep.CellResult;
import dev.brink.sweep.GridAxis;
import dev.brink.sweep.SweepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Paper A's sweeps: alpha over (eps, lambda) for both families (Figs. 2c-2d and 3a-3b), over
 * the two cosines' amplitudes (Fig. 4a), and over random starts (Figs. S4, S5).
 */
final class SweepExperiments {
  /** 1 / (2 pi^2): the additive loss is convex below this roughness. */
  static final double CONVEX = 1 / (2 * Math.PI * Math.PI);

  private SweepExperiments() {
  }

  static List<Experiment> all() {
    return List.of(Experiments.of("2c-3a", "Figs. 2c and 3a: the additive roughness transition",
            SweepExperiments::additive, p -> Work.sweep(paperGrid(Family.ADDITIVE, p))),
        Experiments.of("2d-3b", "Figs. 2d and 3b: multiplicative, fractal everywhere",
            SweepExperiments::multiplicative,
            p -> Work.sweep(paperGrid(Family.MULTIPLICATIVE, p))),
        Experiments.of("4a", "Fig. 4a: two cosines, fractal outside the convex triangle",
            SweepExperiments::twoCosines, p -> Work.sweep(twoCosineGrid(p))),
        Experiments.of("S4", "Fig. S4: additive, a random start for every learning rate",
            (p, runs) -> randomStarts(p, runs, true), p -> Work.sweep(seedGrid(p, true))),
        Experiments.of("S5", "Fig. S5: multiplicative, a random start for every learning rate",
            (p, runs) -> randomStarts(p, runs, false), p -> Work.sweep(seedGrid(p, false))));
  }

  /** The sweeps' grid, eps = 0.01:0.2 by lambda = 0.01:1: the paper's 10 x 10, or every third. */
  private static SweepSpec paperGrid(Family family, Profile p) {
    String count = p == Profile.SMOKE ? "4" : "10";
    return SweepSpec.of(GdConfig.builder(family).x0(5.0),
        List.of(GridAxis.parse("eps=0.01:0.2:" + count),
            GridAxis.parse("lambda=0.01:1:" + count)), p.pick(18, 18, 20), 0, 1.5, -5, 5);
  }

  private static Part additive(Profile p, Runs runs) {
    SweepSpec spec = paperGrid(Family.ADDITIVE, p);
    List<CellResult> cells = runs.sweep(spec);
    List<Comparison> rows = new ArrayList<>();
    int convex = 0;
    int convexZero = 0;
    int rough = 0;
    int roughHigh = 0;
    double lastFlat = 0;
    double firstFractal = Double.POSITIVE_INFINITY;
    double roughSum = 0;
    for (CellResult c : cells) {
      if (c.theta() <= 0.05) {
        convex++;
        convexZero += c.alpha() == 0 ? 1 : 0;
      }
      if (c.theta() >= 0.1) {
        rough++;
        roughHigh += c.alpha() >= 0.5 ? 1 : 0;
        roughSum += c.alpha();
      }
      if (c.alpha() == 0) {
        lastFlat = Math.max(lastFlat, c.theta());
      } else {
        firstFractal = Math.min(firstFractal, c.theta());
      }
    }
    rows.add(new Comparison("cells with theta+ <= 0.05 where alpha = 0",
        "all (every cell up to theta+ = 0.0659)", convexZero + " of " + convex, "all",
        convexZero == convex));
    rows.add(new Comparison("cells with theta+ >= 0.1 where alpha >= 0.5", "all",
        roughHigh + " of " + rough, "all", roughHigh == rough));
    rows.add(new Comparison("the jump: largest theta+ with alpha = 0, smallest with alpha > 0",
        "0.0659, 0.0693", Compare.num(lastFlat) + ", " + Compare.num(firstFractal),
        "no fractal cell below 1/(2 pi^2) = 0.0507, no flat one above 0.09",
        lastFlat <= 0.09 && firstFractal >= CONVEX));
    double paperRough = paperAdditiveMeanAbove(0.1);
    rows.add(Compare.within("mean alpha over the cells with theta+ >= 0.1",
        Compare.num(paperRough), paperRough, Compare.num(roughSum / rough), roughSum / rough,
        0.06));
    List<Figure.Series> series = new ArrayList<>();
    series.add(thetaSeries("brink", cells));
    series.add(paperAdditiveSeries());
    return new Part(rows, List.of(new Figure.Sweep("fig2c.png", spec, cells),
        new Figure.Chart("fig3a.png", "alpha against the roughness theta+ = eps / lambda^2",
            "theta+", "alpha", true, false, series, CONVEX, "1/(2 pi^2)")));
  }

  private static double paperAdditiveMeanAbove(double theta) {
    double sum = 0;
    int m = 0;
    for (int i = 0; i < PaperNumbers.GRID; i++) {
      for (int j = 0; j < PaperNumbers.GRID; j++) {
        double l = PaperNumbers.lambda(j);
        if (PaperNumbers.eps(i) / (l * l) >= theta) {
          sum += PaperNumbers.ADDITIVE[i][j];
          m++;
        }
      }
    }
    return sum / m;
  }

  private static Figure.Series thetaSeries(String name, List<CellResult> cells) {
    double[] x = new double[cells.size()];
    double[] y = new double[cells.size()];
    double[] e = new double[cells.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = cells.get(i).theta();
      y[i] = cells.get(i).alpha();
      e[i] = cells.get(i).alphaSe();
    }
    return new Figure.Series(name, x, y, e, false);
  }

  private static Figure.Series paperAdditiveSeries() {
    int n = PaperNumbers.GRID * PaperNumbers.GRID;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < PaperNumbers.GRID; i++) {
      for (int j = 0; j < PaperNumbers.GRID; j++) {
        double l = PaperNumbers.lambda(j);
        x[i * PaperNumbers.GRID + j] = PaperNumbers.eps(i) / (l * l);
        y[i * PaperNumbers.GRID + j] = PaperNumbers.ADDITIVE[i][j];
      }
    }
    return new Figure.Series("paper (N = 20)", x, y, null, false);
  }

  private static Part multiplicative(Profile p, Runs runs) {
    SweepSpec spec = paperGrid(Family.MULTIPLICATIVE, p);
    List<CellResult> cells = runs.sweep(spec);
    List<Comparison> rows = new ArrayList<>();
    int above = 0;
    double[] alphas = new double[cells.size()];
    for (int i = 0; i < alphas.length; i++) {
      alphas[i] = cells.get(i).alpha();
      above += alphas[i] > 0.5 ? 1 : 0;
    }
    rows.add(new Comparison("cells where alpha > 0.5", "all (0.74 to 1.04)",
        above + " of " + cells.size(), "all", above == cells.size()));
    double mean = Compare.mean(alphas);
    rows.add(Compare.within("mean alpha", "0.863 ± 0.058 (sd)", PaperNumbers.MULTIPLICATIVE_MEAN,
        Compare.num(mean) + " ± " + Compare.num(Compare.sd(alphas)) + " (sd)", mean, 0.05));
    int rowsOfEps = spec.axes().get(0).count();
    int perRow = cells.size() / rowsOfEps;
    double[] eps = new double[rowsOfEps];
    double[] brinkMean = new double[rowsOfEps];
    double worst = 0;
    StringBuilder paper = new StringBuilder();
    StringBuilder brink = new StringBuilder();
    for (int i = 0; i < rowsOfEps; i++) {
      eps[i] = cells.get(i * perRow).values().get("eps");
      double s = 0;
      for (int j = 0; j < perRow; j++) {
        s += cells.get(i * perRow + j).alpha();
      }
      brinkMean[i] = s / perRow;
      double paperMean = PaperNumbers.MULTIPLICATIVE_MEANS[PaperNumbers.index(eps[i], true)];
      worst = Math.max(worst, Math.abs(brinkMean[i] - paperMean));
      paper.append(i == 0 ? "" : ", ").append(Compare.num(paperMean));
      brink.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", brinkMean[i]));
    }
    rows.add(new Comparison("mean alpha per eps (eps = " + Compare.num(eps[0]) + " to "
        + Compare.num(eps[rowsOfEps - 1]) + ")", paper.toString(), brink.toString(),
        "each ± 0.1", worst <= 0.1));
    double[] paperEps = new double[PaperNumbers.GRID];
    for (int k = 0; k < paperEps.length; k++) {
      paperEps[k] = PaperNumbers.eps(k);
    }
    List<Figure.Series> series = List.of(new Figure.Series("brink", eps, brinkMean, null, true),
        new Figure.Series("paper (N = 20)", paperEps, PaperNumbers.MULTIPLICATIVE_MEANS, null,
            true));
    return new Part(rows, List.of(new Figure.Sweep("fig2d.png", spec, cells),
        new Figure.Chart("fig3b.png", "mean alpha over lambda against theta× = eps", "eps",
            "mean alpha", false, false, series, Double.NaN, "")));
  }

  /**
   * f = x^2 + eps cos(2 pi x / 0.3) + eps2 cos(2 pi x / 0.5): convex while
   * eps / 0.00456 + eps2 / 0.01267 <= 1.
   */
  private static SweepSpec twoCosineGrid(Profile p) {
    int k = p.pick(5, 10, 20);
    return SweepSpec.of(GdConfig.builder(Family.TWOCOS).lambda(0.3).lambda2(0.5).x0(5.0),
        List.of(GridAxis.parse("eps=0:0.008:" + k), GridAxis.parse("eps2=0:0.02:" + k)),
        p.pick(14, 16, 20), 0, 1.5, -5, 5);
  }

  private static Part twoCosines(Profile p, Runs runs) {
    SweepSpec spec = twoCosineGrid(p);
    List<CellResult> cells = runs.sweep(spec);
    double a = 2 / Math.pow(2 * Math.PI / 0.3, 2);
    double b = 2 / Math.pow(2 * Math.PI / 0.5, 2);
    int inside = 0;
    int insideFlat = 0;
    int outside = 0;
    int outsideFractal = 0;
    for (CellResult c : cells) {
      double s = c.values().get("eps") / a + c.values().get("eps2") / b;
      if (s <= 1) {
        inside++;
        insideFlat += c.alpha() == 0 ? 1 : 0;
      } else if (s >= 1.5) {
        outside++;
        outsideFractal += c.alpha() > 0 ? 1 : 0;
      }
    }
    List<Comparison> rows = List.of(
        new Comparison("cells inside the convex triangle (eps/0.00456 + eps2/0.01267 <= 1) "
            + "with alpha = 0", "all", insideFlat + " of " + inside, "all",
            insideFlat == inside),
        new Comparison("cells well outside it (the sum >= 1.5) with alpha > 0",
            "all (alpha 0.3 to 1.05)", outsideFractal + " of " + outside, "all",
            outsideFractal == outside));
    return new Part(rows, List.of(new Figure.Sweep("fig4a.png", spec, cells)));
  }

  /** eps = 0.2, lambda = 0.1, x0 drawn from U(-5, 5) for every learning rate, one seed a cell. */
  private static SweepSpec seedGrid(Profile p, boolean additive) {
    int draws = p.pick(4, 20, 100);
    return SweepSpec.of(GdConfig.builder(additive ? Family.ADDITIVE : Family.MULTIPLICATIVE)
            .eps(0.2).lambda(0.1),
        List.of(GridAxis.parse("seed=0:" + (draws - 1) + ":" + draws)), p.pick(16, 16, 20), 0,
        1.5, -5, 5);
  }

  private static Part randomStarts(Profile p, Runs runs, boolean additive) {
    SweepSpec spec = seedGrid(p, additive);
    int draws = spec.cells();
    List<CellResult> cells = runs.sweep(spec);
    double[] alphas = new double[draws];
    double[] x = new double[draws];
    double[] se = new double[draws];
    for (int i = 0; i < draws; i++) {
      alphas[i] = cells.get(i).alpha();
      se[i] = cells.get(i).alphaSe();
      x[i] = i;
    }
    double mean = Compare.mean(alphas);
    double sd = Compare.sd(alphas);
    double paperMean = additive ? 0.9829 : 1.0004;
    double paperSd = additive ? 0.0789 : 0.0111;
    List<Comparison> rows = List.of(
        Compare.within("mean alpha over " + draws + " draws", Compare.num(paperMean), paperMean,
            Compare.num(mean), mean, Math.max(0.05, 3 * paperSd / Math.sqrt(draws))),
        Compare.within("standard deviation of alpha", Compare.num(paperSd), paperSd,
            Compare.num(sd), sd, 0.1));
    return new Part(rows, List.of(new Figure.Chart("fig" + (additive ? "S4"
            : "S5") + ".png", "alpha for each draw of the random starts", "draw (seed)",
        "alpha", false, false, List.of(new Figure.Series("brink", x, alphas, se, false)),
        Double.NaN, "")));
  }
}
