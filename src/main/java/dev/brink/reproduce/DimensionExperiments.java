package dev.brink.reproduce;

import dev.brink.fractal.SlopeFit;
import dev.brink.landscape.Family;
import dev.brink.line.LineResult;
import dev.brink.line.LineSpec;
import dev.brink.params.GdConfig;
import dev.brink.reproduce.Experiments.Part;
import java.util.ArrayList;
import java.util.List;

/**
 * Figs. 4b and 4c: alpha against the dimension n, eps = 0.2, lambda = 0.1, every coordinate
 * starting at 1/n, divergence at f > 1e8 n. With that symmetric start all coordinates stay
 * equal, so the additive n-D line is the 1-D line from 1/n and the multiplicative one has an
 * effective eps of n eps (docs/science.md): alpha is flat in n for the first and grows for the
 * second.
 */
final class DimensionExperiments {
  private DimensionExperiments() {
  }

  static List<Experiment> all() {
    return List.of(
        Experiments.of("4b", "Fig. 4b: additive in n dimensions, alpha flat in n",
            (p, runs) -> dimensions(p, runs, true), p -> work(p, true)),
        Experiments.of("4c", "Fig. 4c: multiplicative in n dimensions, alpha grows with n",
            (p, runs) -> dimensions(p, runs, false), p -> work(p, false)));
  }

  private static int levels(Profile p, boolean additive) {
    return additive ? p.pick(16, 18, 20) : p.pick(14, 16, 16);
  }

  private static long work(Profile p, boolean additive) {
    long n = 0;
    for (int d : dims(p)) {
      n += d;
    }
    return n * ((1L << levels(p, additive)) + 1) * GdConfig.DEFAULT_STEPS;
  }

  private static int[] dims(Profile p) {
    if (p == Profile.PAPER) {
      int[] all = new int[100];
      for (int i = 0; i < all.length; i++) {
        all[i] = i + 1;
      }
      return all;
    }
    return p.pick(new int[] {1, 3, 60}, new int[] {1, 2, 3, 4, 5, 10, 20, 40, 60, 80, 100},
        null);
  }

  private static Part dimensions(Profile p, Runs runs, boolean additive) {
    int[] dims = dims(p);
    int levels = levels(p, additive);
    double[] n = new double[dims.length];
    double[] alpha = new double[dims.length];
    double[] se = new double[dims.length];
    for (int i = 0; i < dims.length; i++) {
      GdConfig c = GdConfig.builder(additive ? Family.ADDITIVE : Family.MULTIPLICATIVE)
          .eps(0.2).lambda(0.1).dim(dims[i]).x0(1.0 / dims[i]).build();
      LineResult r = runs.line(new LineSpec(c, levels, 0, 1.5));
      n[i] = dims[i];
      alpha[i] = r.alpha().slope();
      se[i] = r.alpha().standardError();
    }
    runs.describe((additive ? "additive" : "multiplicative") + ", eps = 0.2, lambda = 0.1, n = "
        + list(dims) + ", x0 = 1/n, T = 1000, bound 1e8 n, N = " + levels + (additive ? ""
        : ". For n >= 5 the loss is unbounded below (n eps >= 1) and runs that fall away end "
        + "in NaN: brink counts a NaN loss as divergent, the paper's n-D script (loss > 1e8 n, "
        + "false for NaN) as bounded, so at large n the two count different boundaries"));
    double[] paper = additive ? PaperNumbers.ADDITIVE_ND : PaperNumbers.MULTIPLICATIVE_ND;
    double[] bins = new double[paper.length];
    for (int k = 0; k < bins.length; k++) {
      bins[k] = 5 * k + 3;
    }
    List<Comparison> rows = new ArrayList<>();
    if (additive) {
      double mean = Compare.mean(alpha);
      rows.add(Compare.within("mean alpha over n", "0.95 (0.85 to 1.15 for every n)", 0.95,
          Compare.num(mean), mean, 0.07));
      double change = SlopeFit.ols(n, alpha, n.length).slope() * 99;
      rows.add(Compare.within("trend: the fitted change of alpha from n = 1 to 100",
          "none", 0, Compare.num(change), change, 0.15));
    } else {
      double small = meanWhere(n, alpha, 1, 5);
      double large = meanWhere(n, alpha, 50, 100);
      rows.add(Compare.within("mean alpha for n <= 5", "0.731", 0.731, Compare.num(small),
          small, 0.1));
      double paperLarge = Compare.mean(java.util.Arrays.copyOfRange(paper, 10, 20));
      rows.add(Compare.within("mean alpha for n >= 50", Compare.num(paperLarge), paperLarge,
          Compare.num(large), large, 0.1));
    }
    List<Figure.Series> series = List.of(new Figure.Series("brink", n, alpha, se, false),
        new Figure.Series("paper, means over 5 consecutive n", bins, paper, null, true));
    return new Part(rows, List.of(new Figure.Chart("fig" + (additive ? "4b" : "4c") + ".png",
        "alpha against the dimension n", "n", "alpha", false, false, series, Double.NaN, "")));
  }

  private static double meanWhere(double[] n, double[] alpha, double from, double to) {
    double s = 0;
    int m = 0;
    for (int i = 0; i < n.length; i++) {
      if (n[i] >= from && n[i] <= to) {
        s += alpha[i];
        m++;
      }
    }
    return m == 0 ? Double.NaN : s / m;
  }

  private static String list(int[] dims) {
    if (dims.length > 12) {
      return dims[0] + ".." + dims[dims.length - 1];
    }
    StringBuilder s = new StringBuilder();
    for (int d : dims) {
      s.append(s.length() == 0 ? "" : ", ").append(d);
    }
    return s.toString();
  }
}
