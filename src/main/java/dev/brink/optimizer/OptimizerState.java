package dev.brink.optimizer;

import java.util.Arrays;

/**
 * One run's optimizer state over some coordinates, and its update rule written out once in
 * plain float64: the reference that the SIMD kernels follow operation by operation (so they
 * agree bit for bit, tested). Each operation is a separate multiplication or addition, no fused
 * multiply-add, so that momentum with beta = 0 takes exactly plain GD's steps (0 v + g = g).
 *
 * The rule gives a direction u for each coordinate:
 * <ul>
 *   <li>gd: u = g
 *   <li>momentum: v = beta v + g, u = v
 *   <li>nesterov: the same, with g taken at {@link #lookahead} x - eta (beta v)
 *   <li>adam: with p1 = beta1^(t+1), p2 = beta2^(t+1) (by repeated multiplication),
 *       m = beta1 m + (1 - beta1) g, s = beta2 s + (1 - beta2) (g g),
 *       u = (m / (1 - p1)) / (sqrt(s / (1 - p2)) + adam-eps)
 * </ul>
 * and the model takes the step as it takes GD's, with u for g: x - eta u for the losses of x,
 * fma(-eta, u, w) for the network's weights. Not thread-safe.
 */
public final class OptimizerState {
  private Optimizer kind;
  private double beta;
  private double beta1;
  private double beta2;
  private double adamEps;
  /** Momentum's velocity, or Adam's first moment. */
  private final double[] v;
  /** Adam's second moment. */
  private final double[] s;
  private double p1;
  private double p2;

  public OptimizerState(OptimizerSpec spec, int size) {
    v = new double[size];
    s = new double[size];
    reset(spec);
  }

  /** The start of a run of this optimizer: its parameters, zero moments, t = 0. */
  public void reset(OptimizerSpec spec) {
    kind = spec.kind();
    beta = spec.beta();
    beta1 = spec.beta1();
    beta2 = spec.beta2();
    adamEps = spec.adamEps();
    reset();
  }

  /** Back to the start of a run: zero moments, t = 0. */
  public void reset() {
    Arrays.fill(v, 0);
    Arrays.fill(s, 0);
    p1 = 1;
    p2 = 1;
  }

  public Optimizer kind() {
    return kind;
  }

  /**
   * Where coordinate i's gradient is taken from iterate value x: x itself, or Nesterov's
   * x - eta (beta v).
   */
  public double lookahead(int i, double eta, double x) {
    return kind == Optimizer.NESTEROV ? x - eta * (beta * v[i]) : x;
  }

  /** Starts step t (Adam's bias corrections advance); call once per step, before direction. */
  public void tick() {
    if (kind == Optimizer.ADAM) {
      p1 = p1 * beta1;
      p2 = p2 * beta2;
    }
  }

  /** Coordinate i's direction u from its gradient g, updating the state. */
  public double direction(int i, double g) {
    switch (kind) {
      case GD:
        return g;
      case MOMENTUM:
      case NESTEROV:
        v[i] = beta * v[i] + g;
        return v[i];
      case ADAM: {
        v[i] = beta1 * v[i] + (1 - beta1) * g;
        s[i] = beta2 * s[i] + (1 - beta2) * (g * g);
        double mhat = v[i] / (1 - p1);
        double shat = s[i] / (1 - p2);
        return mhat / (Math.sqrt(shat) + adamEps);
      }
      default:
        throw new AssertionError(kind);
    }
  }

  /** Momentum's velocity or Adam's first moment of coordinate i. */
  public double first(int i) {
    return v[i];
  }

  /** Adam's second moment of coordinate i (0 for the others). */
  public double second(int i) {
    return s[i];
  }
}
