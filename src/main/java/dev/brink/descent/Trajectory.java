package dev.brink.descent;

import dev.brink.landscape.Landscape;
import dev.brink.optimizer.Optimizer;
import dev.brink.optimizer.OptimizerSpec;
import dev.brink.optimizer.OptimizerState;
import java.util.Arrays;

/**
 * One GD run, every iterate kept: the slow path. It uses {@link Landscape#loss} and
 * {@link Landscape#gradient} directly, so it is the reference the kernels are tested against, and
 * it is what the trajectory inspector shows.
 *
 * @param x x[t] is x_t for t = 0..last (a copy per step)
 * @param loss loss[t] = f(x_t)
 * @param divergent whether some f(x_t) > B*n or is NaN
 * @param divergeStep the first such t, or T when bounded
 * @param first the optimizer's state at x_t: momentum's velocity v_t or Adam's first moment
 *     m_t (null for plain GD)
 * @param second Adam's second moment s_t at x_t (null for the others)
 */
public record Trajectory(double[][] x, double[] loss, boolean divergent, int divergeStep,
    double[][] first, double[][] second) {

  /**
   * Runs GD from x0 with per-coordinate learning rates eta for {@code steps} updates or until it
   * diverges; the diverging iterate is the last one kept.
   */
  public static Trajectory trace(Landscape landscape, double[] eta, double[] x0, int steps,
      double bound) {
    return trace(landscape, eta, x0, steps, bound, OptimizerSpec.GD);
  }

  /** ... with this optimizer ({@link OptimizerState}'s rule). */
  public static Trajectory trace(Landscape landscape, double[] eta, double[] x0, int steps,
      double bound, OptimizerSpec optimizer) {
    int dim = landscape.dim();
    if (eta.length != dim || x0.length != dim) {
      throw new IllegalArgumentException("eta and x0 need " + dim + " coordinates");
    }
    boolean gd = optimizer.isGd();
    boolean adam = optimizer.kind() == Optimizer.ADAM;
    OptimizerState state = new OptimizerState(optimizer, dim);
    double limit = bound * dim;
    double[][] xs = new double[steps + 1][];
    double[][] firsts = gd ? null : new double[steps + 1][];
    double[][] seconds = adam ? new double[steps + 1][] : null;
    double[] losses = new double[steps + 1];
    double[] x = x0.clone();
    double[] y = new double[dim];
    double[] g = new double[dim];
    for (int t = 0; ; t++) {
      double f = landscape.loss(x);
      xs[t] = x.clone();
      losses[t] = f;
      if (!gd) {
        firsts[t] = new double[dim];
        for (int d = 0; d < dim; d++) {
          firsts[t][d] = state.first(d);
        }
      }
      if (adam) {
        seconds[t] = new double[dim];
        for (int d = 0; d < dim; d++) {
          seconds[t][d] = state.second(d);
        }
      }
      int kept = t + 1;
      if (!(f <= limit)) {
        return new Trajectory(Arrays.copyOf(xs, kept), Arrays.copyOf(losses, kept), true, t,
            gd ? null : Arrays.copyOf(firsts, kept), adam ? Arrays.copyOf(seconds, kept) : null);
      }
      if (t == steps) {
        return new Trajectory(xs, losses, false, steps, firsts, seconds);
      }
      for (int d = 0; d < dim; d++) {
        y[d] = state.lookahead(d, eta[d], x[d]);
      }
      landscape.gradient(y, g);
      state.tick();
      for (int d = 0; d < dim; d++) {
        x[d] -= eta[d] * state.direction(d, g[d]);
      }
    }
  }
}
