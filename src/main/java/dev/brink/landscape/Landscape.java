package dev.brink.landscape;

/**
 * One loss function in n dimensions: a family with its parameters. This is the slow, obviously
 * correct path that follows docs/science.md, Loss families, term by term; the GD kernel has
 * fused copies of these formulas and is tested against this class.
 *
 * @param family the loss family
 * @param dim number of coordinates n, at least 1
 * @param eps amplitude of the first cosine (ignored by the quadratic)
 * @param lambda wavelength of the first cosine, k = 2 pi / lambda
 * @param eps2 amplitude of the second cosine (twocos only)
 * @param lambda2 wavelength of the second cosine (twocos only)
 */
public record Landscape(Family family, int dim, double eps, double lambda, double eps2,
    double lambda2) {

  public static final double TWO_PI = 2 * Math.PI;

  /** Convexity threshold of the additive family: f+ is non-convex exactly when theta+ > this. */
  public static final double CRITICAL_ROUGHNESS = 1 / (2 * Math.PI * Math.PI);

  public Landscape {
    if (dim < 1) {
      throw new IllegalArgumentException("dim must be at least 1, got " + dim);
    }
  }

  /** f(x). (Input) x has {@link #dim()} coordinates. Not modified. */
  public double loss(double[] x) {
    checkLength(x);
    double k = TWO_PI / lambda;
    double k2 = TWO_PI / lambda2;
    switch (family) {
      case QUADRATIC: {
        double f = 0;
        for (double xi : x) {
          f += xi * xi;
        }
        return f;
      }
      case ADDITIVE: {
        double f = 0;
        for (double xi : x) {
          f += xi * xi + eps * Trig.cos(k * xi);
        }
        return f;
      }
      case MULTIPLICATIVE: {
        double sq = 0;
        double cos = 0;
        for (double xi : x) {
          sq += xi * xi;
          cos += Trig.cos(k * xi);
        }
        return sq * (1 + eps * cos);
      }
      case TWOCOS: {
        double f = 0;
        for (double xi : x) {
          f += xi * xi + eps * Trig.cos(k * xi) + eps2 * Trig.cos(k2 * xi);
        }
        return f;
      }
      default:
        throw new AssertionError(family);
    }
  }

  /** grad f(x). (Input) x, not modified; (Output) out, same length, overwritten. */
  public void gradient(double[] x, double[] out) {
    checkLength(x);
    checkLength(out);
    double k = TWO_PI / lambda;
    double k2 = TWO_PI / lambda2;
    switch (family) {
      case QUADRATIC:
        for (int i = 0; i < dim; i++) {
          out[i] = 2 * x[i];
        }
        return;
      case ADDITIVE:
        for (int i = 0; i < dim; i++) {
          out[i] = 2 * x[i] - eps * k * Trig.sin(k * x[i]);
        }
        return;
      case MULTIPLICATIVE: {
        double sq = 0;
        double cos = 0;
        for (double xi : x) {
          sq += xi * xi;
          cos += Trig.cos(k * xi);
        }
        for (int i = 0; i < dim; i++) {
          out[i] = 2 * x[i] * (1 + eps * cos) - eps * k * sq * Trig.sin(k * x[i]);
        }
        return;
      }
      case TWOCOS:
        for (int i = 0; i < dim; i++) {
          out[i] = 2 * x[i] - eps * k * Trig.sin(k * x[i]) - eps2 * k2 * Trig.sin(k2 * x[i]);
        }
        return;
      default:
        throw new AssertionError(family);
    }
  }

  /**
   * The roughness that controls the boundary's dimension (paper A): theta+ = eps / lambda^2 for
   * the additive family, theta_x = eps for the multiplicative one, 0 for the quadratic. For
   * twocos it is the largest second-derivative amplitude over 4 pi^2, i.e. eps/lambda^2 +
   * eps2/lambda2^2, which has the same convexity threshold 1/(2 pi^2) as theta+.
   */
  public double roughness() {
    switch (family) {
      case QUADRATIC:
        return 0;
      case ADDITIVE:
        return eps / (lambda * lambda);
      case MULTIPLICATIVE:
        return eps;
      case TWOCOS:
        return eps / (lambda * lambda) + eps2 / (lambda2 * lambda2);
      default:
        throw new AssertionError(family);
    }
  }

  private void checkLength(double[] v) {
    if (v.length != dim) {
      throw new IllegalArgumentException("expected " + dim + " coordinates, got " + v.length);
    }
  }
}
