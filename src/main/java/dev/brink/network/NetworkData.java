package dev.brink.network;

/**
 * A network's initial weights and data set, and its minibatch sequence, all drawn from the seed
 * by {@link SplitMix64}: normals filling W0 (d x n, row-major: W0[i n + j] joins input i to
 * hidden unit j), W1 (n), X (P x d, row-major), Y (P), in that order, pairs of normals running
 * across the arrays (the second of a last pair is dropped); then, for minibatches, B indices
 * floor(u P) per step, step by step. Immutable once made; shared by every pixel.
 */
public final class NetworkData {
  final NetworkSpec spec;
  final double[] w0;
  final double[] w1;
  final double[] x;
  final double[] y;
  /**
   * X times the activation's input scale A (sqrt(2 / d), or 1 / sqrt(d) for identity): the
   * kernels multiply these, so that u = sum_i (A X_pi) W0_ij needs no multiplication by A per
   * hidden unit, and the gradient sum_p (A X_pi) act'(u_pj) ... none either.
   */
  final double[] xs;
  /** B indices per step for steps 0..steps-1, or null for full batch. */
  final int[] minibatches;
  final int steps;

  private NetworkData(NetworkSpec spec, double[] w0, double[] w1, double[] x, double[] y,
      int[] minibatches, int steps) {
    this.spec = spec;
    this.w0 = w0;
    this.w1 = w1;
    this.x = x;
    this.y = y;
    this.xs = new double[x.length];
    double a = spec.activation().inputScale(spec.inputs());
    for (int k = 0; k < x.length; k++) {
      xs[k] = x[k] * a;
    }
    this.minibatches = minibatches;
    this.steps = steps;
  }

  /** The arrays drawn from the spec's seed, with minibatches for this many steps. */
  public static NetworkData draw(NetworkSpec spec, int steps) {
    int d = spec.inputs();
    int n = spec.hidden();
    int p = spec.points();
    SplitMix64 rng = new SplitMix64(spec.seed());
    double[] w0 = normals(rng, d * n);
    double[] w1 = normals(rng, n);
    double[] x = normals(rng, p * d);
    double[] y = normals(rng, p);
    rng.dropSpare();
    NetworkArrays given = spec.arrays();
    if (given != null) {
      // The seed's normals are drawn all the same, so the minibatches follow the same stream.
      w0 = given.w0().clone();
      w1 = given.w1().clone();
      x = given.x().clone();
      y = given.y().clone();
    }
    int[] batches = null;
    if (spec.minibatch()) {
      batches = new int[steps * spec.batch()];
      for (int k = 0; k < batches.length; k++) {
        batches[k] = (int) Math.floor(rng.nextUniform() * p);
      }
    }
    return new NetworkData(spec, w0, w1, x, y, batches, steps);
  }

  private static double[] normals(SplitMix64 rng, int count) {
    double[] a = new double[count];
    for (int k = 0; k < count; k++) {
      a[k] = rng.nextNormal();
    }
    return a;
  }

  public NetworkSpec spec() {
    return spec;
  }

  /** The initial weights and data as arrays (copies), e.g. to save them for another code. */
  public NetworkArrays arrays() {
    return new NetworkArrays(spec.inputs(), spec.hidden(), spec.points(), w0.clone(),
        w1.clone(), x.clone(), y.clone());
  }

  /** Copies, for tests and exports. */
  public double[] w0() {
    return w0.clone();
  }

  public double[] w1() {
    return w1.clone();
  }

  public double[] x() {
    return x.clone();
  }

  public double[] y() {
    return y.clone();
  }

  /**
   * Each point's weight in step t's gradient (loss = sum_p weight_p (yhat_p - y_p)^2): 1 / P
   * for full batch, (times point p was drawn) / B for a minibatch, 0 for a point not drawn.
   *
   * @param out (Output) P weights
   */
  void weights(int t, double[] out) {
    int p = spec.points();
    if (minibatches == null) {
      java.util.Arrays.fill(out, 0, p, 1.0 / p);
      return;
    }
    java.util.Arrays.fill(out, 0, p, 0.0);
    int b = spec.batch();
    for (int k = t * b; k < (t + 1) * b; k++) {
      out[minibatches[k]] += 1;
    }
    for (int q = 0; q < p; q++) {
      out[q] /= b;
    }
  }
}
