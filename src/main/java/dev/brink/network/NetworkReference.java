package dev.brink.network;

import dev.brink.optimizer.Optimizer;
import dev.brink.optimizer.OptimizerSpec;
import dev.brink.optimizer.OptimizerState;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * One pixel's training, a plain loop: the slow path that the SIMD kernel is checked against bit
 * for bit (NetworkKernelTest), and the trace of the trajectory inspector. Its operations, in
 * their order, define the model (docs/science.md, Neural networks): each step adds the offset c
 * to W0 (the author's quirk: every step, so it accumulates), takes the full-batch loss and the
 * gradient (on the step's minibatch, if any) at those weights, and updates each layer with its
 * own learning rate (plain GD, or the optimizer's rule of {@link OptimizerState} on each
 * weight: with Nesterov the loss and gradient are taken at the look-ahead weights, so the
 * losses the measure sees are theirs). The activation's input scale A is taken into X once
 * (u = sum_i (A X_pi) W0_ij), which rounds differently from A times the sum, by an ulp or so.
 */
public final class NetworkReference {
  private NetworkReference() {
  }

  /**
   * A run's outcome and, when asked for, its losses l_0..l_{T-1} and (other optimizers than
   * GD), over all weights, the root mean square of its first moment (momentum's velocity,
   * Adam's m) and, for Adam, the root of the mean second moment, at each step before the
   * update: moments[0], moments[1].
   *
   * @param known the steps after which the result was known: the first t after which every W1
   *     entry was NaN (from there every loss is NaN), else T
   */
  public record Run(boolean trainable, double value, int known, double[] losses,
      double[][] moments) {
    /** A run without the optimizer's state kept. */
    public Run(boolean trainable, double value, int known, double[] losses) {
      this(trainable, value, known, losses, null);
    }
  }

  /**
   * Trains from the data's initial weights for T steps.
   *
   * @param keepLosses whether to return the losses (else {@link Run#losses()} is null)
   */
  public static Run train(NetworkData data, double eta0, double eta1, double offset, int steps,
      boolean keepLosses) {
    return train(data, eta0, eta1, offset, steps, keepLosses, () -> false);
  }

  /**
   * ... checking cancelled before every step (a large network's step takes milliseconds).
   *
   * @throws CancellationException when cancelled said so
   */
  public static Run train(NetworkData data, double eta0, double eta1, double offset, int steps,
      boolean keepLosses, BooleanSupplier cancelled) {
    return train(data, eta0, eta1, offset, OptimizerSpec.GD, steps, keepLosses, cancelled);
  }

  /** ... with this optimizer. */
  public static Run train(NetworkData data, double eta0, double eta1, double offset,
      OptimizerSpec optimizer, int steps, boolean keepLosses, BooleanSupplier cancelled) {
    NetworkSpec s = data.spec;
    int d = s.inputs();
    int n = s.hidden();
    int points = s.points();
    double invN = 1.0 / n;
    double[] w0 = data.w0.clone();
    double[] w1 = data.w1.clone();
    double[] g0 = new double[d * n];
    double[] g1 = new double[n];
    double[] h = new double[n];
    double[] dh = new double[n];
    double[] weight = new double[points];
    double[] losses = keepLosses ? new double[steps] : null;
    // With the losses, the root mean square over all weights of each moment before each update.
    int kept = keepLosses && !optimizer.isGd() ? (optimizer.kind() == Optimizer.ADAM ? 2 : 1) : 0;
    double[][] moments = kept == 0 ? null : new double[kept][steps];
    Convergence measure = new Convergence();
    measure.reset(steps);
    int known = steps;
    boolean gd = optimizer.isGd();
    boolean nesterov = optimizer.kind() == Optimizer.NESTEROV;
    OptimizerState s0 = new OptimizerState(optimizer, d * n);
    OptimizerState s1 = new OptimizerState(optimizer, n);
    double[] a0 = nesterov ? new double[d * n] : w0;
    double[] a1 = nesterov ? new double[n] : w1;
    for (int t = 0; t < steps; t++) {
      if (cancelled.getAsBoolean()) {
        throw new CancellationException("training cancelled");
      }
      for (int k = 0; k < d * n; k++) {
        w0[k] = w0[k] + offset;
      }
      data.weights(t, weight);
      if (nesterov) {
        for (int k = 0; k < d * n; k++) {
          a0[k] = s0.lookahead(k, eta0, w0[k]);
        }
        for (int j = 0; j < n; j++) {
          a1[j] = s1.lookahead(j, eta1, w1[j]);
        }
      }
      double l = lossAndGradient(data, a0, a1, weight, g0, g1, h, dh);
      measure.add(l);
      if (losses != null) {
        losses[t] = l;
      }
      if (moments != null) {
        moments[0][t] = rms(s0, s1, d * n, n, false);
        if (kept == 2) {
          moments[1][t] = rms(s0, s1, d * n, n, true);
        }
      }
      if (gd) {
        for (int k = 0; k < d * n; k++) {
          w0[k] = Math.fma(-eta0, g0[k], w0[k]);
        }
        for (int j = 0; j < n; j++) {
          w1[j] = Math.fma(-eta1, g1[j] * invN, w1[j]);
        }
      } else {
        s0.tick();
        s1.tick();
        for (int k = 0; k < d * n; k++) {
          w0[k] = Math.fma(-eta0, s0.direction(k, g0[k]), w0[k]);
        }
        for (int j = 0; j < n; j++) {
          w1[j] = Math.fma(-eta1, s1.direction(j, g1[j] * invN), w1[j]);
        }
      }
      if (known == steps && allNaN(w1)) {
        known = t + 1;
      }
    }
    return new Run(measure.trainable(), measure.value(), known, losses, moments);
  }

  /**
   * Over both layers' weights: the root mean square of the first moment, or the root of the
   * mean second moment (a gradient's scale as Adam sees it).
   */
  private static double rms(OptimizerState a, OptimizerState b, int na, int nb, boolean second) {
    double sum = 0;
    for (int k = 0; k < na; k++) {
      sum += second ? a.second(k) : a.first(k) * a.first(k);
    }
    for (int k = 0; k < nb; k++) {
      sum += second ? b.second(k) : b.first(k) * b.first(k);
    }
    return Math.sqrt(sum / (na + nb));
  }

  private static boolean allNaN(double[] a) {
    for (double v : a) {
      if (!Double.isNaN(v)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The full-batch loss (1/P) sum_p (yhat_p - y_p)^2 at (w0, w1), and into g0 the gradient of
   * sum_p weight_p (yhat_p - y_p)^2 (the step's loss: full batch or minibatch) with respect to
   * W0, into g1 n times its gradient with respect to W1 (the 1/n is taken at the update).
   *
   * @param h,dh (Output) work arrays of n values
   */
  static double lossAndGradient(NetworkData data, double[] w0, double[] w1, double[] weight,
      double[] g0, double[] g1, double[] h, double[] dh) {
    NetworkSpec s = data.spec;
    int d = s.inputs();
    int n = s.hidden();
    int points = s.points();
    double invN = 1.0 / n;
    java.util.Arrays.fill(g0, 0);
    java.util.Arrays.fill(g1, 0);
    double loss = 0;
    for (int p = 0; p < points; p++) {
      for (int j = 0; j < n; j++) {
        double u = 0;
        for (int i = 0; i < d; i++) {
          u = Math.fma(data.xs[p * d + i], w0[i * n + j], u);
        }
        activate(s.activation(), u, h, dh, j);
      }
      double yhat = 0;
      for (int j = 0; j < n; j++) {
        yhat = Math.fma(h[j], w1[j], yhat);
      }
      yhat = yhat * invN;
      double r = yhat - data.y[p];
      loss = Math.fma(r, r, loss);
      if (weight[p] != 0) {
        double e = r * (2 * weight[p]);
        for (int j = 0; j < n; j++) {
          g1[j] = Math.fma(e, h[j], g1[j]);
          double g = e * (w1[j] * invN) * dh[j];
          for (int i = 0; i < d; i++) {
            g0[i * n + j] = Math.fma(data.xs[p * d + i], g, g0[i * n + j]);
          }
        }
      }
    }
    return loss / points;
  }

  /** h[j] = act(u) and dh[j] = act'(u). */
  static void activate(Activation act, double u, double[] h, double[] dh, int j) {
    switch (act) {
      case TANH: {
        double v = NetTanh.tanh(u);
        h[j] = v;
        dh[j] = Math.fma(-v, v, 1);
        return;
      }
      case RELU:
        h[j] = u > 0 ? u : 0;
        dh[j] = u > 0 ? 1 : 0;
        return;
      default:
        h[j] = u;
        dh[j] = 1;
    }
  }
}
