package dev.brink.reproduce;

import java.util.Locale;

/** The comparisons' wording and arithmetic, one place for all experiments. */
final class Compare {
  private Compare() {
  }

  static String num(double v) {
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    return String.format(Locale.ROOT, a >= 1e5 || a < 1e-3 ? "%.3g" : "%.4g", v);
  }

  static String pm(double v, double se) {
    return String.format(Locale.ROOT, "%.4f ± %.4f", v, se);
  }

  /** brink's value within tol of the paper's. */
  static Comparison within(String quantity, String paper, double paperValue, String brink,
      double brinkValue, double tol) {
    return new Comparison(quantity, paper, brink, "± " + num(tol),
        Math.abs(brinkValue - paperValue) <= tol);
  }

  /**
   * Two estimates with standard errors: agree when they differ by at most three standard
   * errors of the difference.
   */
  static Comparison threeSigma(String quantity, double paper, double paperSe, double brink,
      double brinkSe) {
    double tol = 3 * Math.hypot(paperSe, brinkSe);
    return new Comparison(quantity, pm(paper, paperSe), pm(brink, brinkSe),
        "3 standard errors of the difference (± " + num(tol) + ")",
        Math.abs(brink - paper) <= tol);
  }

  /**
   * brink's count within a relative tolerance of the paper's, or within three times its square
   * root where that is wider (small counts vary as counts do).
   */
  static Comparison relative(String quantity, long paper, long brink, double rel) {
    double tol = Math.max(rel * paper, 3 * Math.sqrt(paper));
    return new Comparison(quantity, Long.toString(paper), Long.toString(brink),
        String.format(Locale.ROOT, "± %.0f%% or 3 sqrt(N_B), here ± %.0f", rel * 100, tol),
        Math.abs(brink - paper) <= tol);
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.length == 0 ? Double.NaN : s / v.length;
  }

  static double sd(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return v.length < 2 ? 0 : Math.sqrt(s / (v.length - 1));
  }
}
