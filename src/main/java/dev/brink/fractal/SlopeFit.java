package dev.brink.fractal;

/**
 * An ordinary least-squares line y = a + slope * x with the slope's standard error
 * sqrt(SSR / (m - 2) / sum (x - mean x)^2), as numpy.polyfit(..., 1, cov=True) reports it.
 *
 * @param slope the fitted slope, 0 when too few points qualified
 * @param standardError its standard error, 0 when too few points qualified
 * @param points number of points the fit used (m)
 */
public record SlopeFit(double slope, double standardError, int points) {

  /**
   * Fewer qualifying points than this give slope 0 (docs/science.md, Box counting on a line:
   * alpha = 0 below 3 levels).
   */
  public static final int MIN_POINTS = 3;

  public static final SlopeFit NONE = new SlopeFit(0, 0, 0);

  /** OLS over the first {@code m} pairs (x[i], y[i]); {@link #NONE} when m < 3. */
  public static SlopeFit ols(double[] x, double[] y, int m) {
    if (m < MIN_POINTS) {
      return NONE;
    }
    double meanX = 0;
    double meanY = 0;
    for (int i = 0; i < m; i++) {
      meanX += x[i];
      meanY += y[i];
    }
    meanX /= m;
    meanY /= m;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < m; i++) {
      sxx += (x[i] - meanX) * (x[i] - meanX);
      sxy += (x[i] - meanX) * (y[i] - meanY);
    }
    double slope = sxy / sxx;
    double ssr = 0;
    for (int i = 0; i < m; i++) {
      double r = y[i] - (meanY + slope * (x[i] - meanX));
      ssr += r * r;
    }
    return new SlopeFit(slope, Math.sqrt(ssr / (m - 2) / sxx), m);
  }

  /**
   * The boundary dimension alpha of a learning-rate line (docs/science.md, Box counting on a
   * line): the slope of log2 N_B(l) against l over the levels 0..upTo with N_B(l) > 1; 0 when
   * fewer than 3 qualify.
   */
  public static SlopeFit alpha(long[] nb, int upTo) {
    double[] x = new double[upTo + 1];
    double[] y = new double[upTo + 1];
    int m = 0;
    for (int l = 0; l <= upTo; l++) {
      if (nb[l] > 1) {
        x[m] = l;
        y[m] = Math.log(nb[l]) / Math.log(2);
        m++;
      }
    }
    return ols(x, y, m);
  }
}
