package dev.brink.reproduce;

import dev.brink.landscape.Family;
import dev.brink.line.LineResult;
import dev.brink.line.LineSpec;
import dev.brink.params.GdConfig;
import dev.brink.reproduce.Experiments.Part;
import java.util.ArrayList;
import java.util.List;

/**
 * Fig. S3: multiplicative with tiny eps = 10^(-10 + 8i/9), i = 0..9, x0 = 5, under the bounds
 * 1e3 to 1e6: flat for eps <= 1e-8, fractal from 1.7e-4, and a transition between that moves to
 * smaller eps as the bound grows (eps_c ~ lambda^2 / (2 pi^2 B)).
 */
final class ThresholdExperiment {
  private static final double[] BOUNDS = {1e3, 1e4, 1e5, 1e6};

  private ThresholdExperiment() {
  }

  static List<Experiment> all() {
    return List.of(Experiments.of("S3", "Fig. S3: tiny eps, multiplicative, against the bound",
        ThresholdExperiment::run, ThresholdExperiment::work));
  }

  private static int[] epsIndex(Profile p) {
    return p.pick(new int[] {0, 5, 9}, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
        new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  }

  private static double[] lambdas(Profile p) {
    return p.pick(new double[] {0.01, 1}, new double[] {0.01, 0.34, 0.67, 1},
        linspace(0.01, 1, 10));
  }

  private static double[] bounds(Profile p) {
    return p.pick(new double[] {1e3, 1e6}, BOUNDS, BOUNDS);
  }

  private static int levels(Profile p) {
    return p.pick(14, 16, 20);
  }

  private static long work(Profile p) {
    return (long) epsIndex(p).length * lambdas(p).length * bounds(p).length
        * ((1L << levels(p)) + 1) * GdConfig.DEFAULT_STEPS;
  }

  private static Part run(Profile p, Runs runs) {
    int[] epsIndex = epsIndex(p);
    double[] lambdas = lambdas(p);
    double[] bounds = bounds(p);
    int levels = levels(p);
    int flatCells = 0;
    int flatZero = 0;
    int roughCells = 0;
    int roughHigh = 0;
    int[] fractal = new int[bounds.length];
    List<Figure.Series> series = new ArrayList<>();
    for (int b = 0; b < bounds.length; b++) {
      double[] x = new double[epsIndex.length];
      double[] y = new double[epsIndex.length];
      for (int e = 0; e < epsIndex.length; e++) {
        double eps = Math.pow(10, -10 + 8.0 * epsIndex[e] / 9);
        double sum = 0;
        for (double lambda : lambdas) {
          GdConfig c = GdConfig.builder(Family.MULTIPLICATIVE).eps(eps).lambda(lambda).x0(5.0)
              .bound(bounds[b]).build();
          LineResult r = runs.line(new LineSpec(c, levels, 0, 1.5));
          double a = r.alpha().slope();
          sum += a;
          fractal[b] += a > 0 ? 1 : 0;
          if (eps <= 1e-8) {
            flatCells++;
            flatZero += a == 0 ? 1 : 0;
          } else if (eps >= 1.7e-4) {
            roughCells++;
            roughHigh += a >= 0.5 ? 1 : 0;
          }
        }
        x[e] = eps;
        y[e] = sum / lambdas.length;
      }
      series.add(new Figure.Series("bound " + Compare.num(bounds[b]), x, y, null, true));
    }
    runs.describe("multiplicative, eps = 10^(-10 + 8i/9) for i in " + java.util.Arrays.toString(
        epsIndex) + ", lambda in " + java.util.Arrays.toString(lambdas) + ", x0 = 5, bounds "
        + java.util.Arrays.toString(bounds) + ", T = 1000, N = " + levels);
    StringBuilder counts = new StringBuilder();
    boolean grows = true;
    for (int b = 0; b < bounds.length; b++) {
      counts.append(b == 0 ? "" : ", ").append(fractal[b]);
      grows &= b == 0 || fractal[b] >= fractal[b - 1];
    }
    List<Comparison> rows = List.of(
        new Comparison("cells with eps <= 1e-8 where alpha = 0", "all", flatZero + " of "
            + flatCells, "all", flatZero == flatCells),
        new Comparison("cells with eps >= 1.7e-4 where alpha >= 0.5", "all (0.9 to 1.0)",
            roughHigh + " of " + roughCells, "all", roughHigh == roughCells),
        new Comparison("fractal cells for each bound, smallest first",
            "more as the bound grows", counts.toString(), "never fewer", grows
            && fractal[bounds.length - 1] > fractal[0]));
    return new Part(rows, List.of(new Figure.Chart("figS3.png",
        "mean alpha over lambda against eps, one curve per bound", "eps", "mean alpha", true,
        false, series, Double.NaN, "")));
  }

  private static double[] linspace(double a, double b, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = a + i * (b - a) / (n - 1);
    }
    return v;
  }
}
