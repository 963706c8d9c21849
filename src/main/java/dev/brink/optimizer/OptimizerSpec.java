package dev.brink.optimizer;

/**
 * An optimizer with its parameters; those it does not use hold their defaults.
 *
 * @param kind the update rule
 * @param beta momentum and Nesterov's momentum coefficient
 * @param beta1 Adam's decay of the first moment
 * @param beta2 Adam's decay of the second moment
 * @param adamEps Adam's epsilon, added to the root of the second moment
 */
public record OptimizerSpec(Optimizer kind, double beta, double beta1, double beta2,
    double adamEps) {
  public static final double DEFAULT_BETA = 0.9;
  public static final double DEFAULT_BETA1 = 0.9;
  public static final double DEFAULT_BETA2 = 0.999;
  public static final double DEFAULT_ADAM_EPS = 1e-8;

  /** Plain gradient descent. */
  public static final OptimizerSpec GD = new OptimizerSpec(Optimizer.GD, DEFAULT_BETA,
      DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_ADAM_EPS);

  public OptimizerSpec {
    if (kind == null) {
      throw new IllegalArgumentException("optimizer kind required");
    }
  }

  public boolean isGd() {
    return kind == Optimizer.GD;
  }
}
