package dev.brink.reproduce;

import dev.brink.descent.Cancellation;
import dev.brink.fractal.SlopeFit;
import dev.brink.landscape.Family;
import dev.brink.line.LineResult;
import dev.brink.line.LineSpec;
import dev.brink.params.GdConfig;
import java.util.ArrayList;
import java.util.List;

/** Paper A's single lines: Figs. 1d, 2a, 2b and S2, 2^N + 1 learning rates in [0, 1.5]. */
final class LineExperiments {
  private LineExperiments() {
  }

  static List<Experiment> all() {
    return List.of(fig1d(), fig2(true), fig2(false), figS2());
  }

  /** f×, eps = 1e-3: the paper counts divergence as a final loss of 1e16 or more. */
  static Experiment fig1d() {
    return new SingleLine("1d", "Fig. 1d: multiplicative, eps = 0.001, a dimension near 1",
        p -> p.pick(14, 20, 20)) {
      @Override
      GdConfig config() {
        return GdConfig.builder(Family.MULTIPLICATIVE).eps(1e-3).lambda(0.1).x0(1.0)
            .bound(1e16).build();
      }

      @Override
      void compare(LineResult r, List<Comparison> out) {
        SlopeFit fit = fitFrom(r.nb(), 6);
        out.add(Compare.within("alpha, least squares over levels 6.." + (r.nb().length - 1),
            "0.954 (levels 6..20)", 0.954, Compare.pm(fit.slope(), fit.standardError()),
            fit.slope(), 0.1));
      }
    };
  }

  /** Fig. 2a (additive) or 2b (multiplicative): eps = 0.2, lambda = 0.1, x0 = 1, N = 32. */
  static Experiment fig2(boolean additive) {
    String name = additive ? "additive" : "multiplicative";
    return new SingleLine(additive ? "2a" : "2b", "Fig. " + (additive ? "2a" : "2b") + ": "
        + name + ", eps = 0.2, lambda = 0.1, N_B against the level",
        p -> p.pick(16, 22, LineSpec.MAX_LEVELS)) {
      @Override
      GdConfig config() {
        return GdConfig.builder(additive ? Family.ADDITIVE : Family.MULTIPLICATIVE).eps(0.2)
            .lambda(0.1).x0(1.0).build();
      }

      @Override
      void compare(LineResult r, List<Comparison> out) {
        out.add(Compare.threeSigma("alpha (paper: N = 32)", additive ? 0.9956 : 0.8375,
            additive ? 0.0050 : 0.0042, r.alpha().slope(), r.alpha().standardError()));
        // The paper's counts go to level 31 (its level 32 was not computed).
        int top = Math.min(r.nb().length - 1, 31);
        long paper = additive ? PaperNumbers.fig2a(top) : PaperNumbers.fig2b(top);
        // A rerun in another floating-point order changes labels near the chaotic boundary:
        // the paper's own numpy re-check differs from its counts by up to 7%.
        out.add(Compare.relative("N_B at level " + top, paper, r.nb()[top], 0.15));
      }
    };
  }

  /** The control: a pure quadratic has one smooth boundary, N_B = 1 at every level. */
  static Experiment figS2() {
    return new SingleLine("S2", "Fig. S2: pure quadratic, no fractal", p -> 16) {
      @Override
      GdConfig config() {
        return GdConfig.builder(Family.QUADRATIC).x0(1.0).build();
      }

      @Override
      void compare(LineResult r, List<Comparison> out) {
        long most = 0;
        for (long nb : r.nb()) {
          most = Math.max(most, nb);
        }
        out.add(new Comparison("largest N_B over levels 0.." + (r.nb().length - 1), "1",
            Long.toString(most), "exactly", most == 1));
        out.add(new Comparison("alpha", "0", Compare.num(r.alpha().slope()), "exactly",
            r.alpha().slope() == 0));
      }
    };
  }

  /** The least-squares slope of log2 N_B over levels from..N, as the paper's Fig. 1d fit. */
  static SlopeFit fitFrom(long[] nb, int from) {
    int m = Math.max(0, nb.length - from);
    double[] x = new double[m];
    double[] y = new double[m];
    for (int i = 0; i < m; i++) {
      x[i] = from + i;
      y[i] = Math.log(Math.max(1, nb[from + i])) / Math.log(2);
    }
    return SlopeFit.ols(x, y, m);
  }

  /** One line at the profile's N, its figure and its comparisons. */
  private abstract static class SingleLine implements Experiment {
    private final String id;
    private final String title;
    private final java.util.function.Function<Profile, Integer> levels;

    SingleLine(String id, String title,
        java.util.function.Function<Profile, Integer> levels) {
      this.id = id;
      this.title = title;
      this.levels = levels;
    }

    abstract GdConfig config();

    abstract void compare(LineResult r, List<Comparison> out);

    @Override
    public String id() {
      return id;
    }

    @Override
    public String title() {
      return title;
    }

    @Override
    public long work(Profile profile) {
      return Work.line(new LineSpec(config(), levels.apply(profile), 0, 1.5));
    }

    @Override
    public Outcome run(Profile profile, LineEngine lines, Cancellation cancel,
        java.nio.file.Path checkpoints) {
      long start = System.nanoTime();
      Runs runs = new Runs(lines, cancel, checkpoints, id);
      GdConfig c = config();
      int n = levels.apply(profile);
      LineResult r = runs.line(new LineSpec(c, n, 0, 1.5));
      List<Comparison> rows = new ArrayList<>();
      compare(r, rows);
      String setting = Settings.of(c) + ", N = " + n + " (" + ((1L << n) + 1)
          + " learning rates in [0, 1.5])";
      return new Outcome(id, title, setting, rows,
          List.of(new Figure.Line("fig" + id + ".png", r)), runs.gdSteps(),
          (System.nanoTime() - start) / 1e9);
    }
  }
}
