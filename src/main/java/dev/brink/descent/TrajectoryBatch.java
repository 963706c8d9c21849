package dev.brink.descent;

import dev.brink.landscape.Family;
import dev.brink.landscape.Landscape;
import dev.brink.network.NetworkSpec;
import dev.brink.params.GdConfig;

/**
 * Inputs of up to {@link #capacity()} GD trajectories of one family, dimension, step count and
 * bound, each with its own learning rates, start point and loss parameters. Stored as
 * structure-of-arrays so that kernels read them in order; trajectory i, coordinate d lives at
 * index i * dim + d of the per-coordinate arrays. A batch is a reusable workspace: fill it, set
 * {@link #setCount(int)}, run it, refill it. For family mlp a trajectory is a training: dim is 2
 * (the learning rates of layers 0 and 1) and each has an offset; x0 and the loss's parameters
 * take no part.
 */
public final class TrajectoryBatch {
  final Family family;
  final int dim;
  final int steps;
  final double bound;
  final double[] eta;
  final double[] x0;
  final double[] eps;
  final double[] lambda;
  final double[] eps2;
  final double[] lambda2;
  final NetworkSpec network;
  final double[] offset;
  private int count;

  /**
   * @param steps T, the number of GD updates of a bounded run
   * @param bound B; a run diverges when f(x_t) > B * dim (docs/science.md, Gradient descent and
   *     divergence)
   */
  public TrajectoryBatch(Family family, int dim, int steps, double bound, int capacity) {
    this(family, dim, steps, bound, capacity, null);
  }

  /** A batch for up to capacity runs of this config (its eta, x0 and loss still to set). */
  public static TrajectoryBatch of(GdConfig c, int capacity) {
    return new TrajectoryBatch(c.family(), c.dim(), c.steps(), c.bound(), capacity, c.network());
  }

  private TrajectoryBatch(Family family, int dim, int steps, double bound, int capacity,
      NetworkSpec network) {
    if (dim < 1 || steps < 0 || capacity < 1) {
      throw new IllegalArgumentException(
          "dim >= 1, steps >= 0, capacity >= 1 required: " + dim + ", " + steps + ", " + capacity);
    }
    this.family = family;
    this.dim = dim;
    this.steps = steps;
    this.bound = bound;
    this.eta = new double[capacity * dim];
    this.x0 = new double[capacity * dim];
    this.eps = new double[capacity];
    this.lambda = new double[capacity];
    this.eps2 = new double[capacity];
    this.lambda2 = new double[capacity];
    this.network = network;
    this.offset = network == null ? null : new double[capacity];
    if ((network == null) == family.isNetwork()) {
      throw new IllegalArgumentException("family " + family.id() + " with network " + network);
    }
  }

  /** The network of family mlp, else null. */
  public NetworkSpec network() {
    return network;
  }

  /** The offset added to W0 before every step of training i (family mlp). */
  public void setOffset(int i, double value) {
    offset[i] = value;
  }

  public double offset(int i) {
    return offset[i];
  }

  public Family family() {
    return family;
  }

  public int dim() {
    return dim;
  }

  public int steps() {
    return steps;
  }

  public double bound() {
    return bound;
  }

  public int capacity() {
    return eps.length;
  }

  /** Number of trajectories filled in, the first {@code count} slots. */
  public int count() {
    return count;
  }

  public void setCount(int count) {
    if (count < 0 || count > capacity()) {
      throw new IllegalArgumentException("count " + count + " outside 0.." + capacity());
    }
    this.count = count;
  }

  /** Sets every parameter of trajectory i: the same learning rate and start on all coordinates. */
  public void set(int i, double eta, double x0, double eps, double lambda, double eps2,
      double lambda2) {
    setEta(i, eta);
    setX0(i, x0);
    this.eps[i] = eps;
    this.lambda[i] = lambda;
    this.eps2[i] = eps2;
    this.lambda2[i] = lambda2;
  }

  /** The same learning rate on every coordinate of trajectory i. */
  public void setEta(int i, double value) {
    java.util.Arrays.fill(eta, i * dim, (i + 1) * dim, value);
  }

  /** The learning rate of one coordinate of trajectory i. */
  public void setEta(int i, int coordinate, double value) {
    eta[i * dim + coordinate] = value;
  }

  /** The same start value on every coordinate of trajectory i. */
  public void setX0(int i, double value) {
    java.util.Arrays.fill(x0, i * dim, (i + 1) * dim, value);
  }

  /** The start value of one coordinate of trajectory i. */
  public void setX0(int i, int coordinate, double value) {
    x0[i * dim + coordinate] = value;
  }

  public void setEps(int i, double value) {
    eps[i] = value;
  }

  public void setLambda(int i, double value) {
    lambda[i] = value;
  }

  public void setEps2(int i, double value) {
    eps2[i] = value;
  }

  public void setLambda2(int i, double value) {
    lambda2[i] = value;
  }

  public double eta(int i, int coordinate) {
    return eta[i * dim + coordinate];
  }

  public double x0(int i, int coordinate) {
    return x0[i * dim + coordinate];
  }

  /** The loss function of trajectory i, for the slow path and the trajectory inspector. */
  public Landscape landscape(int i) {
    return new Landscape(family, dim, eps[i], lambda[i], eps2[i], lambda2[i]);
  }
}
