package dev.brink.reproduce;

/**
 * Paper A's numbers as its author's code and data give them (docs/reproduce.md names the
 * sources): the counts of Figs. 2a and 2b, the additive sweep's table and the multiplicative
 * sweep's means per eps.
 */
final class PaperNumbers {
  /** Fig. 2a, N_B(n) for n = 14..31; N_B = 1 below. */
  private static final long[] FIG2A = {9, 13, 31, 51, 117, 225, 413, 863, 1743, 3585, 7163,
      14169, 28721, 57699, 114843, 231873, 461625, 923487};
  /** Fig. 2b, N_B(n) for n = 0..31. */
  private static final long[] FIG2B = {1, 1, 1, 1, 3, 5, 7, 13, 21, 27, 57, 115, 247, 423, 683,
      1215, 2303, 4245, 7619, 13365, 22885, 40589, 73361, 134187, 244291, 439969, 785943,
      1399357, 2499319, 4501553, 8139197, 14745753};
  /** The sweeps' grid: eps = linspace(0.01, 0.2, 10), lambda = linspace(0.01, 1, 10). */
  static final int GRID = 10;
  /** Fig. 2c: alpha by eps (rows) and lambda (columns) at N = 20, x0 = 5. */
  static final double[][] ADDITIVE = {
      {1.161, 1.049, 1.034, 0.630, 0, 0, 0, 0, 0, 0},
      {0.812, 0.949, 1.037, 1.011, 0.995, 0.873, 0.519, 0, 0, 0},
      {0.927, 0.956, 1.079, 0.972, 1.019, 0.908, 0.971, 0.623, 0, 0},
      {1.048, 0.857, 0.968, 0.991, 0.919, 0.936, 0.849, 0.935, 0.871, 0.246},
      {1.071, 1.047, 1.028, 1.039, 0.910, 0.985, 0.943, 0.869, 0.907, 0.870},
      {0.868, 0.744, 0.865, 0.836, 1.059, 0.883, 0.864, 1.015, 0.878, 0.879},
      {1.001, 0.922, 0.984, 1.008, 0.829, 1.025, 0.863, 0.910, 0.773, 1.017},
      {1.001, 0.972, 0.829, 1.001, 0.898, 0.998, 1.145, 0.815, 1.017, 0.939},
      {0.952, 0.878, 1.023, 0.854, 1.039, 0.805, 0.927, 0.957, 0.980, 0.983},
      {0.968, 0.981, 1.103, 1.159, 0.841, 0.878, 1.051, 0.826, 0.990, 0.889}};
  /** Fig. 2d: mean alpha over lambda for each eps of the grid. */
  static final double[] MULTIPLICATIVE_MEANS = {0.951, 0.892, 0.840, 0.854, 0.842, 0.845,
      0.871, 0.842, 0.832, 0.858};
  static final double MULTIPLICATIVE_MEAN = 0.863;
  /** Fig. 4b and 4c: mean alpha over bins of 5 consecutive n (1-5, 6-10, ..., 96-100). */
  static final double[] ADDITIVE_ND = {1.010, 0.956, 0.959, 0.951, 1.024, 0.932, 0.977, 1.000,
      0.902, 0.929, 0.927, 0.899, 0.937, 0.919, 0.968, 1.095, 0.937, 0.941, 0.948, 0.976};
  static final double[] MULTIPLICATIVE_ND = {0.731, 0.815, 0.845, 0.806, 0.852, 0.909, 0.897,
      0.838, 0.951, 0.932, 0.943, 1.018, 0.901, 0.889, 0.796, 0.962, 0.958, 0.915, 0.914, 1.005};

  private PaperNumbers() {
  }

  static long fig2a(int level) {
    return level < 14 ? 1 : FIG2A[level - 14];
  }

  static long fig2b(int level) {
    return FIG2B[level];
  }

  /** The grid's k-th eps or lambda value. */
  static double eps(int k) {
    return 0.01 + k * (0.2 - 0.01) / (GRID - 1);
  }

  static double lambda(int k) {
    return 0.01 + k * (1.0 - 0.01) / (GRID - 1);
  }

  /** The index of v on a grid axis, or -1 when v is not one of its values. */
  static int index(double v, boolean eps) {
    for (int k = 0; k < GRID; k++) {
      if (Math.abs((eps ? eps(k) : lambda(k)) - v) < 1e-9) {
        return k;
      }
    }
    return -1;
  }
}
