package dev.brink.descent;

import dev.brink.landscape.Family;
import dev.brink.landscape.Landscape;
import dev.brink.network.NetworkSpec;
import dev.brink.optimizer.Optimizer;
import dev.brink.optimizer.OptimizerSpec;
import dev.brink.params.GdConfig;

/**
 * Inputs of up to {@link #capacity()} GD trajectories of one family, dimension, step count and
 * bound, each with its own learning rates, start point and loss parameters. Stored as
 * structure-of-arrays so that kernels read them in order; trajectory i, coordinate d lives at
 * index i * dim + d of the per-coordinate arrays. A batch is a reusable workspace: fill it, set
 * {@link #setCount(int)}, run it, refill it. For family mlp a trajectory is a training: dim is 2
 * (the learning rates of layers 0 and 1) and each has an offset; x0 and the loss's parameters
 * take no part. The optimizer is the batch's; its parameters (beta, beta1, beta2, adam-eps) are
 * per trajectory, so that a plane can put them on an axis.
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
  final Optimizer optimizer;
  final double[] beta;
  final double[] beta1;
  final double[] beta2;
  final double[] adamEps;
  private int count;

  /**
   * @param steps T, the number of GD updates of a bounded run
   * @param bound B; a run diverges when f(x_t) > B * dim (docs/science.md, Gradient descent and
   *     divergence)
   */
  public TrajectoryBatch(Family family, int dim, int steps, double bound, int capacity) {
    this(family, dim, steps, bound, capacity, null, Optimizer.GD);
  }

  /** ... with this optimizer (its parameters are each trajectory's: {@link #setOptimizer}). */
  public TrajectoryBatch(Family family, int dim, int steps, double bound, int capacity,
      Optimizer optimizer) {
    this(family, dim, steps, bound, capacity, null, optimizer);
  }

  /** A batch for up to capacity runs of this config (its eta, x0 and loss still to set). */
  public static TrajectoryBatch of(GdConfig c, int capacity) {
    return new TrajectoryBatch(c.family(), c.dim(), c.steps(), c.bound(), capacity, c.network(),
        c.optimizer().kind());
  }

  private TrajectoryBatch(Family family, int dim, int steps, double bound, int capacity,
      NetworkSpec network, Optimizer optimizer) {
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
    this.optimizer = optimizer;
    this.beta = filled(capacity, OptimizerSpec.DEFAULT_BETA);
    this.beta1 = filled(capacity, OptimizerSpec.DEFAULT_BETA1);
    this.beta2 = filled(capacity, OptimizerSpec.DEFAULT_BETA2);
    this.adamEps = filled(capacity, OptimizerSpec.DEFAULT_ADAM_EPS);
    if ((network == null) == family.isNetwork()) {
      throw new IllegalArgumentException("family " + family.id() + " with network " + network);
    }
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  /** The optimizer of every trajectory. */
  public Optimizer optimizer() {
    return optimizer;
  }

  /** Trajectory i's optimizer parameters (the batch's kind). */
  public void setOptimizer(int i, OptimizerSpec o) {
    if (o.kind() != optimizer) {
      throw new IllegalArgumentException("batch of " + optimizer.id() + ", not " + o.kind().id());
    }
    beta[i] = o.beta();
    beta1[i] = o.beta1();
    beta2[i] = o.beta2();
    adamEps[i] = o.adamEps();
  }

  /** Trajectory i's optimizer with its parameters. */
  public OptimizerSpec optimizer(int i) {
    return new OptimizerSpec(optimizer, beta[i], beta1[i], beta2[i], adamEps[i]);
  }

  public void setBeta(int i, double value) {
    beta[i] = value;
  }

  public void setBeta1(int i, double value) {
    beta1[i] = value;
  }

  public void setBeta2(int i, double value) {
    beta2[i] = value;
  }

  public void setAdamEps(int i, double value) {
    adamEps[i] = value;
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

  /**
   * Every parameter of trajectory i from a config: learning rate and start on all coordinates,
   * the loss's parameters, the offset (family mlp) and the optimizer's parameters.
   */
  public void set(int i, GdConfig c) {
    set(i, c.eta(), c.x0(), c.eps(), c.lambda(), c.eps2(), c.lambda2());
    if (network != null) {
      setOffset(i, c.network().offset());
    }
    setOptimizer(i, c.optimizer());
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
