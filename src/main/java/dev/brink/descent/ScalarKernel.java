package dev.brink.descent;

import dev.brink.landscape.Family;
import dev.brink.landscape.Landscape;
import dev.brink.landscape.Trig;
import dev.brink.optimizer.Optimizer;
import dev.brink.optimizer.OptimizerState;

/**
 * The plain float64 GD kernel: x_{t+1} = x_t - eta * grad f(x_t) for t = 0..T-1, divergent at
 * the first t in 0..T with !(f(x_t) <= B*n) (docs/science.md, Gradient descent and divergence;
 * NaN counts as divergent), which stops the run. Loss and gradient are fused so each step
 * evaluates every sine and cosine once; the arithmetic is written in the same order as
 * {@link Landscape}, so the two agree bit for bit (tested). It is the reference for faster
 * kernels and the fallback where they are absent.
 The speed measure is defined in {@link Outcomes}.
 */
public final class ScalarKernel {
  private ScalarKernel() {
  }

  /**
   * Runs trajectories from..to-1 of a batch.
   *
   * @param batch (Input) not modified
   * @param out (Output) slots from..to-1 overwritten
   * @param work scratch of at least {@link #workSize} doubles, overwritten
   */
  public static void run(TrajectoryBatch batch, int from, int to, Outcomes out, double[] work) {
    int dim = batch.dim;
    if (from < 0 || to > batch.count() || to > out.capacity() || work.length < workSize(dim)) {
      throw new IllegalArgumentException("range " + from + ".." + to + " does not fit");
    }
    if (from >= to) {
      return;
    }
    OptimizerState state = new OptimizerState(batch.optimizer(from), dim);
    for (int i = from; i < to; i++) {
      state.reset(batch.optimizer(i));
      runOne(batch, i, out, work, state);
    }
  }

  /**
   * Scratch doubles a run of dim coordinates needs: x and its gradient, Nesterov's look-ahead
   * point and its gradient.
   */
  public static int workSize(int dim) {
    return 4 * dim;
  }

  /**
   * One run. The loss at x_t decides divergence and the speed, the gradient is taken where the
   * optimizer says (Nesterov: at x - eta beta v, in work[2 dim..3 dim), its gradient after it),
   * and each coordinate steps by eta times the optimizer's direction (GD's: the gradient).
   */
  private static void runOne(TrajectoryBatch b, int i, Outcomes out, double[] work,
      OptimizerState state) {
    final int dim = b.dim;
    final int steps = b.steps;
    final int base = i * dim;
    final double limit = b.bound * dim;
    final Family family = b.family;
    final double eps = b.eps[i];
    final double k = Landscape.TWO_PI / b.lambda[i];
    final double eps2 = b.eps2[i];
    final double k2 = Landscape.TWO_PI / b.lambda2[i];
    final boolean nesterov = b.optimizer == Optimizer.NESTEROV;
    // work[0..dim) holds x, work[dim..2dim) the gradient (Nesterov's: work[3dim..4dim)).
    final int g = nesterov ? 3 * dim : dim;
    System.arraycopy(b.x0, base, work, 0, dim);
    double previous = 0;
    double moved = 0;
    double movedTime = 0;
    for (int t = 0; ; t++) {
      double f = lossAndGradient(family, dim, work, 0, eps, k, eps2, k2);
      if (!(f <= limit)) {
        out.divergent[i] = true;
        out.divergeStep[i] = t;
        out.speed[i] = 1 + crossingTime(t, f, previous, limit);
        return;
      }
      if (t == steps) {
        out.divergent[i] = false;
        out.divergeStep[i] = steps;
        out.speed[i] = moved > 0 ? movedTime / moved : 0;
        return;
      }
      previous = f;
      if (nesterov) {
        for (int d = 0; d < dim; d++) {
          work[2 * dim + d] = state.lookahead(d, b.eta[base + d], work[d]);
        }
        lossAndGradient(family, dim, work, 2 * dim, eps, k, eps2, k2);
      }
      state.tick();
      double change = 0;
      for (int d = 0; d < dim; d++) {
        double x = work[d];
        double step = b.eta[base + d] * state.direction(d, work[g + d]);
        work[d] = x - step;
        // x_t^2 - x_{t+1}^2, the change of the loss's quadratic part.
        change = Math.max(change, Math.abs(step * (2 * x - step)));
      }
      moved += change;
      movedTime += t * change;
    }
  }

  /**
   * The time at which the loss crossed the limit, assuming geometric growth from step t-1 to t:
   * t - log(f / limit) / log(f / |previous|), or t when that is undefined.
   */
  static double crossingTime(int t, double f, double previous, double limit) {
    double before = Math.abs(previous);
    if (t == 0 || f == Double.POSITIVE_INFINITY || !(before > 0) || !(f > before)) {
      return t;
    }
    double fraction = Math.log(f / limit) / Math.log(f / before);
    return t - Math.min(1.0, Math.max(0.0, fraction));
  }

  /**
   * f(x) with its gradient written to work[at + dim..at + 2dim); x is work[at..at + dim). Same
   * operations, in the same order, as {@link Landscape#loss} and {@link Landscape#gradient}.
   */
  static double lossAndGradient(Family family, int dim, double[] work, int at, double eps,
      double k, double eps2, double k2) {
    switch (family) {
      case QUADRATIC: {
        double f = 0;
        for (int d = 0; d < dim; d++) {
          double x = work[at + d];
          f += x * x;
          work[at + dim + d] = 2 * x;
        }
        return f;
      }
      case ADDITIVE: {
        double f = 0;
        for (int d = 0; d < dim; d++) {
          double x = work[at + d];
          double kx = k * x;
          f += x * x + eps * Trig.cos(kx);
          work[at + dim + d] = 2 * x - eps * k * Trig.sin(kx);
        }
        return f;
      }
      case MULTIPLICATIVE: {
        double sq = 0;
        double cos = 0;
        for (int d = 0; d < dim; d++) {
          double x = work[at + d];
          sq += x * x;
          cos += Trig.cos(k * x);
        }
        double scale = 1 + eps * cos;
        for (int d = 0; d < dim; d++) {
          double x = work[at + d];
          work[at + dim + d] = 2 * x * scale - eps * k * sq * Trig.sin(k * x);
        }
        return sq * scale;
      }
      case TWOCOS: {
        double f = 0;
        for (int d = 0; d < dim; d++) {
          double x = work[at + d];
          double kx = k * x;
          double k2x = k2 * x;
          f += x * x + eps * Trig.cos(kx) + eps2 * Trig.cos(k2x);
          work[at + dim + d] = 2 * x - eps * k * Trig.sin(kx) - eps2 * k2 * Trig.sin(k2x);
        }
        return f;
      }
      default:
        throw new AssertionError(family);
    }
  }
}
