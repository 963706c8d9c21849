package dev.brink.descent;

import dev.brink.landscape.Landscape;
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
 */
public record Trajectory(double[][] x, double[] loss, boolean divergent, int divergeStep) {

  /**
   * Runs GD from x0 with per-coordinate learning rates eta for {@code steps} updates or until it
   * diverges; the diverging iterate is the last one kept.
   */
  public static Trajectory trace(Landscape landscape, double[] eta, double[] x0, int steps,
      double bound) {
    int dim = landscape.dim();
    if (eta.length != dim || x0.length != dim) {
      throw new IllegalArgumentException("eta and x0 need " + dim + " coordinates");
    }
    double limit = bound * dim;
    double[][] xs = new double[steps + 1][];
    double[] losses = new double[steps + 1];
    double[] x = x0.clone();
    double[] g = new double[dim];
    for (int t = 0; ; t++) {
      double f = landscape.loss(x);
      xs[t] = x.clone();
      losses[t] = f;
      if (!(f <= limit)) {
        return new Trajectory(Arrays.copyOf(xs, t + 1), Arrays.copyOf(losses, t + 1), true, t);
      }
      if (t == steps) {
        return new Trajectory(xs, losses, false, steps);
      }
      landscape.gradient(x, g);
      for (int d = 0; d < dim; d++) {
        x[d] -= eta[d] * g[d];
      }
    }
  }
}
