package dev.brink.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reference's gradients against central finite differences of the loss written out
 * independently (with Math.tanh), for every activation, full batch and minibatch, and a
 * training's first steps with an offset against the same written-out model.
 */
class NetworkGradientTest {
  /** sum_p weight_p (yhat_p - y_p)^2, straight from the model's definition. */
  static double loss(NetworkData data, double[] w0, double[] w1, double[] weight) {
    NetworkSpec s = data.spec;
    int d = s.inputs();
    int n = s.hidden();
    double sum = 0;
    for (int p = 0; p < s.points(); p++) {
      double yhat = 0;
      for (int j = 0; j < n; j++) {
        double z = 0;
        for (int i = 0; i < d; i++) {
          z += data.x[p * d + i] * w0[i * n + j];
        }
        z /= Math.sqrt(d);
        double h;
        switch (s.activation()) {
          case TANH:
            h = Math.tanh(Math.sqrt(2) * z);
            break;
          case RELU:
            h = Math.max(0, Math.sqrt(2) * z);
            break;
          default:
            h = z;
        }
        yhat += h * w1[j];
      }
      yhat /= n;
      double r = yhat - data.y[p];
      sum += weight[p] * r * r;
    }
    return sum;
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void gradientsMatchCentralDifferences(Activation act) {
    for (int batch : new int[] {0, 4}) {
      NetworkData data = NetworkData.draw(new NetworkSpec(5, 6, 9, act, 3, batch, 0), 2);
      double[] weight = new double[9];
      data.weights(1, weight);
      double[] w0 = data.w0();
      double[] w1 = data.w1();
      double[] g0 = new double[w0.length];
      double[] g1 = new double[w1.length];
      NetworkReference.lossAndGradient(data, w0, w1, weight, g0, g1, new double[6],
          new double[6]);
      for (int k = 0; k < w0.length; k++) {
        assertEquals(difference(data, w0, w1, weight, w0, k), g0[k], 1e-7 * (1 + Math.abs(g0[k])),
            act + " batch " + batch + " dW0[" + k + "]");
      }
      for (int j = 0; j < w1.length; j++) {
        assertEquals(difference(data, w0, w1, weight, w1, j), g1[j] / 6,
            1e-7 * (1 + Math.abs(g1[j])), act + " batch " + batch + " dW1[" + j + "]");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void trainingWithAnOffsetShiftsW0EveryStep(Activation act) {
    double c = 0.3;
    double eta0 = 0.7;
    double eta1 = 1.9;
    NetworkData data = NetworkData.draw(new NetworkSpec(5, 6, 9, act, 4, 0, c), 3);
    NetworkReference.Run run = NetworkReference.train(data, eta0, eta1, c, 3, true);
    double[] full = new double[9];
    java.util.Arrays.fill(full, 1.0 / 9);
    double[] w0 = data.w0();
    double[] w1 = data.w1();
    for (int t = 0; t < 3; t++) {
      for (int k = 0; k < w0.length; k++) {
        w0[k] += c;
      }
      assertEquals(loss(data, w0, w1, full), run.losses()[t], 1e-9 * run.losses()[t],
          act + " l_" + t);
      double[] n0 = w0.clone();
      double[] n1 = w1.clone();
      for (int k = 0; k < w0.length; k++) {
        n0[k] -= eta0 * difference(data, w0, w1, full, w0, k);
      }
      for (int j = 0; j < w1.length; j++) {
        n1[j] -= eta1 * difference(data, w0, w1, full, w1, j);
      }
      w0 = n0;
      w1 = n1;
    }
  }

  /** d loss / d a[k] by central differences (a is w0 or w1, restored after). */
  private static double difference(NetworkData data, double[] w0, double[] w1, double[] weight,
      double[] a, int k) {
    double v = a[k];
    double step = 1e-6 * Math.max(1, Math.abs(v));
    a[k] = v + step;
    double up = loss(data, w0, w1, weight);
    a[k] = v - step;
    double down = loss(data, w0, w1, weight);
    a[k] = v;
    return (up - down) / (2 * step);
  }
}
