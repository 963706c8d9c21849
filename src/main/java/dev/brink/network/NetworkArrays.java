package dev.brink.network;

import dev.brink.params.InvalidParameterException;

/**
 * A network's initial weights and data given as arrays rather than drawn from a seed (the
 * `--weights` file of another code, e.g. exported from JAX): W0 (d x n, row-major), W1 (n),
 * X (P x d, row-major), Y (P). The shapes give d, n and P.
 */
public record NetworkArrays(int inputs, int hidden, int points, double[] w0, double[] w1,
    double[] x, double[] y) {

  public NetworkArrays {
    check("W0", w0, inputs * hidden, inputs + " x " + hidden);
    check("W1", w1, hidden, String.valueOf(hidden));
    check("X", x, points * inputs, points + " x " + inputs);
    check("Y", y, points, String.valueOf(points));
    for (double[] a : new double[][] {w0, w1, x, y}) {
      for (double v : a) {
        if (!Double.isFinite(v)) {
          throw new InvalidParameterException("weights", "every value must be finite, got " + v);
        }
      }
    }
  }

  private static void check(String name, double[] a, int size, String shape) {
    if (a.length != size) {
      throw new InvalidParameterException("weights", name + " must hold " + shape + " = " + size
          + " values, got " + a.length);
    }
  }
}
