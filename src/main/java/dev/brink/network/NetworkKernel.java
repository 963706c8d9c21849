package dev.brink.network;

import dev.brink.optimizer.Optimizer;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link NetworkReference}'s training on SIMD lanes, one pixel per lane: the same operations in
 * the same order lane by lane, so every lane equals the reference bit for bit
 * (NetworkKernelTest). All pixels share X, so a step is two GEMM-shaped products, X W0 forward
 * and X^T G backward, with the pixels' weights side by side in the lanes. Both run on blocks of
 * 4 data points x 4 hidden units (16 accumulators in registers, each weight vector loaded once
 * for 4 points, each X value broadcast once for 4 units); per block of points the forward pass,
 * the activation, the output and the backward pass follow each other while the block is in the
 * first-level cache. Nothing is allocated per step. Not thread-safe: one instance per thread.
 *
 * <p>A run stops early only where its result is then known exactly: once every W1 entry of a
 * lane is NaN, every later output, loss and W1 is NaN whatever W0 holds, so every later
 * normalised loss is 1e6; when all lanes of a group are there, the remaining steps are fed to
 * the measure as NaN losses without computing them (NetworkKernelTest checks against full runs).
 *
 * <p>Other optimizers than GD update the weights by {@link dev.brink.optimizer.OptimizerState}'s
 * rule lane by lane, with each lane's own parameters; their moments live beside the weights.
 * With Nesterov the iterate is kept apart (it0, it1) and the step runs at the look-ahead
 * weights, written into w0 and w1 before it.
 */
public final class NetworkKernel {
  static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  /** Pixels per group: one per lane. */
  public static final int L = S.length();
  private static final int Q = 4;

  private final NetworkData data;
  private final int d;
  private final int n;
  private final int points;
  private final Activation act;
  private final double invN;
  private final boolean earlyStop;
  private final double[] w0;
  private final double[] g0;
  private final double[] w1;
  private final double[] g1;
  private final double[] w1s;
  private final double[] z;
  private final double[] h;
  private final double[] dh;
  private final double[] g;
  private final double[] weight;
  private final double[] lane = new double[L];
  /** 1 for each lane whose W1 is all NaN (its result is known), else 0: {@link #w1Nan}. */
  private final double[] nanW1 = new double[L];
  /** The step's sum of squared errors, lane by lane. */
  private final double[] lossSum = new double[L];
  /** The block's sums sum_j h W1, point by point. */
  private final double[] lane4 = new double[Q * L];
  private final double[] eta0 = new double[L];
  private final double[] eta1 = new double[L];
  private final double[] offset = new double[L];
  private final int[] known = new int[L];
  private final Optimizer optimizer;
  private final boolean nesterov;
  /** The iterate: w0 and w1 themselves, except with Nesterov. */
  private final double[] it0;
  private final double[] it1;
  /** Momentum's velocity or Adam's first moment, and Adam's second, of every weight. */
  private final double[] v0;
  private final double[] v1;
  private final double[] s0;
  private final double[] s1;
  /** Each lane's optimizer parameters and Adam's powers p = beta^t. */
  private final double[] beta = new double[L];
  private final double[] beta1 = new double[L];
  private final double[] beta2 = new double[L];
  private final double[] adamEps = new double[L];
  private final double[] p1 = new double[L];
  private final double[] p2 = new double[L];
  /** runAll: each lane's pixel (-1 idle) and the steps it has taken. */
  private final int[] pixel = new int[L];
  private final int[] stepOf = new int[L];
  private final Convergence[] measures = new Convergence[L];

  public NetworkKernel(NetworkData data) {
    this(data, Optimizer.GD, true);
  }

  /** ... training with this optimizer. */
  public NetworkKernel(NetworkData data, Optimizer optimizer) {
    this(data, optimizer, true);
  }

  /** ... that never stops a run early when earlyStop is false (tests compare the two). */
  NetworkKernel(NetworkData data, Optimizer optimizer, boolean earlyStop) {
    this.data = data;
    this.optimizer = optimizer;
    this.nesterov = optimizer == Optimizer.NESTEROV;
    this.earlyStop = earlyStop;
    NetworkSpec s = data.spec;
    d = s.inputs();
    n = s.hidden();
    points = s.points();
    act = s.activation();
    invN = 1.0 / n;
    w0 = new double[d * n * L];
    g0 = new double[d * n * L];
    w1 = new double[n * L];
    g1 = new double[n * L];
    w1s = new double[n * L];
    z = new double[Q * n * L];
    h = new double[Q * n * L];
    dh = new double[Q * n * L];
    g = new double[Q * n * L];
    weight = new double[points];
    for (int k = 0; k < L; k++) {
      measures[k] = new Convergence();
    }
    it0 = nesterov ? new double[w0.length] : w0;
    it1 = nesterov ? new double[w1.length] : w1;
    boolean moments = optimizer != Optimizer.GD;
    boolean adam = optimizer == Optimizer.ADAM;
    v0 = moments ? new double[w0.length] : null;
    v1 = moments ? new double[w1.length] : null;
    s0 = adam ? new double[w0.length] : null;
    s1 = adam ? new double[w1.length] : null;
  }

  /**
   * Trains pixels 0..count-1 (count <= L) with these learning rates and offsets for T steps; a
   * lane past count repeats the last pixel. Read the results with {@link #trainable},
   * {@link #value} and {@link #known}.
   */
  public void run(double[] eta0s, double[] eta1s, double[] offsets, int count, int steps) {
    run(eta0s, eta1s, offsets, null, count, steps, () -> false);
  }

  /**
   * ... checking cancelled before every step: a step of the largest network allowed takes
   * milliseconds, so a chunk must not run on after its view is gone.
   *
   * @param params each pixel's optimizer parameters {beta, beta1, beta2, adam-eps} (null for
   *     GD)
   * @throws CancellationException when cancelled said so
   */
  public void run(double[] eta0s, double[] eta1s, double[] offsets, double[][] params,
      int count, int steps, BooleanSupplier cancelled) {
    if (count < 1 || count > L) {
      throw new IllegalArgumentException("1 to " + L + " pixels, got " + count);
    }
    if (steps > data.steps) {
      throw new IllegalArgumentException("data drawn for " + data.steps + " steps, not " + steps);
    }
    for (int k = 0; k < L; k++) {
      int from = Math.min(k, count - 1);
      eta0[k] = -eta0s[from];
      eta1[k] = -eta1s[from];
      offset[k] = offsets[from];
      known[k] = steps;
      measures[k].reset(steps);
      resetOptimizer(k, params, from);
    }
    spread(data.w0, it0);
    spread(data.w1, it1);
    if (v0 != null) {
      Arrays.fill(v0, 0);
      Arrays.fill(v1, 0);
    }
    if (s0 != null) {
      Arrays.fill(s0, 0);
      Arrays.fill(s1, 0);
    }
    for (int t = 0; t < steps; t++) {
      checkCancelled(cancelled);
      shift();
      lookahead();
      data.weights(t, weight);
      step();
      DoubleVector.fromArray(S, lossSum, 0).div(points).intoArray(lane, 0);
      for (int k = 0; k < L; k++) {
        measures[k].add(lane[k]);
      }
      update();
      if (allKnown(t + 1) && earlyStop && t + 1 < steps) {
        for (int k = 0; k < L; k++) {
          while (measures[k].seen() < steps) {
            measures[k].add(Double.NaN);
          }
        }
        return;
      }
    }
  }

  /**
   * Trains pixels 0..count-1 (any number) into the result arrays, slot by slot. On full batch
   * every step weighs the points alike, so lanes need not step together: a lane whose run ends
   * (T steps, or its result known early) takes the next pixel at once, and no lane computes
   * for a run already decided while others finish. Minibatch runs go in groups of L.
   */
  public void runAll(double[] eta0s, double[] eta1s, double[] offsets, double[][] params,
      int count, int steps, boolean[] trainableOut, double[] valueOut, int[] knownOut,
      BooleanSupplier cancelled) {
    if (steps > data.steps) {
      throw new IllegalArgumentException("data drawn for " + data.steps + " steps, not " + steps);
    }
    if (data.minibatches != null) {
      double[] e0 = new double[L];
      double[] e1 = new double[L];
      double[] c = new double[L];
      double[][] q = params == null ? null : new double[params.length][L];
      for (int g = 0; g < count; g += L) {
        int m = Math.min(L, count - g);
        System.arraycopy(eta0s, g, e0, 0, m);
        System.arraycopy(eta1s, g, e1, 0, m);
        System.arraycopy(offsets, g, c, 0, m);
        for (int r = 0; q != null && r < q.length; r++) {
          System.arraycopy(params[r], g, q[r], 0, m);
        }
        run(e0, e1, c, q, m, steps, cancelled);
        for (int k = 0; k < m; k++) {
          trainableOut[g + k] = trainable(k);
          valueOut[g + k] = value(k);
          knownOut[g + k] = known(k);
        }
      }
      return;
    }
    int next = 0;
    int active = 0;
    for (int k = 0; k < L; k++) {
      int p = next < count ? next++ : -1;
      load(k, p, eta0s, eta1s, offsets, params, steps);
      active += p >= 0 ? 1 : 0;
    }
    data.weights(0, weight);
    while (active > 0) {
      checkCancelled(cancelled);
      shift();
      lookahead();
      step();
      DoubleVector.fromArray(S, lossSum, 0).div(points).intoArray(lane, 0);
      update();
      w1Nan();
      for (int k = 0; k < L; k++) {
        int p = pixel[k];
        if (p < 0) {
          continue;
        }
        measures[k].add(lane[k]);
        int done = ++stepOf[k];
        if (known[k] == steps && nanW1[k] > 0) {
          known[k] = done;
        }
        if (done == steps || (earlyStop && known[k] < steps)) {
          while (measures[k].seen() < steps) {
            measures[k].add(Double.NaN);
          }
          trainableOut[p] = measures[k].trainable();
          valueOut[p] = measures[k].value();
          knownOut[p] = known[k];
          int q = next < count ? next++ : -1;
          load(k, q, eta0s, eta1s, offsets, params, steps);
          active -= q < 0 ? 1 : 0;
        }
      }
    }
  }

  private static void checkCancelled(BooleanSupplier cancelled) {
    if (cancelled.getAsBoolean()) {
      throw new CancellationException("training cancelled");
    }
  }

  /** Lane k starts pixel p's run from the initial weights (p < 0: the lane idles). */
  private void load(int k, int p, double[] eta0s, double[] eta1s, double[] offsets,
      double[][] params, int steps) {
    pixel[k] = p;
    stepOf[k] = 0;
    known[k] = steps;
    measures[k].reset(steps);
    eta0[k] = p < 0 ? 0 : -eta0s[p];
    eta1[k] = p < 0 ? 0 : -eta1s[p];
    offset[k] = p < 0 ? 0 : offsets[p];
    for (int i = 0; i < data.w0.length; i++) {
      it0[i * L + k] = data.w0[i];
    }
    for (int j = 0; j < data.w1.length; j++) {
      it1[j * L + k] = data.w1[j];
    }
    resetOptimizer(k, params, Math.max(p, 0));
    for (int i = 0; v0 != null && i < data.w0.length; i++) {
      v0[i * L + k] = 0;
      if (s0 != null) {
        s0[i * L + k] = 0;
      }
    }
    for (int j = 0; v1 != null && j < data.w1.length; j++) {
      v1[j * L + k] = 0;
      if (s1 != null) {
        s1[j * L + k] = 0;
      }
    }
  }

  /** Lane k's optimizer parameters: those of pixel p (none for GD), t = 0. */
  private void resetOptimizer(int k, double[][] params, int p) {
    if (optimizer != Optimizer.GD && params == null) {
      throw new IllegalArgumentException(optimizer.id() + " needs its parameters");
    }
    beta[k] = params == null ? 0 : params[0][p];
    beta1[k] = params == null ? 0 : params[1][p];
    beta2[k] = params == null ? 0 : params[2][p];
    adamEps[k] = params == null ? 0 : params[3][p];
    p1[k] = 1;
    p2[k] = 1;
  }

  /**
   * nanW1[k] = 1 where every W1 entry (of the iterate) of lane k is NaN, else 0: a 0/1 vector
   * and compares (NaN is the value not equal to itself), as masks combined by and, or asked
   * for a lane, are not compiled to vector code by JDK 17 and allocate at every step.
   */
  private void w1Nan() {
    DoubleVector all = DoubleVector.broadcast(S, 1.0);
    for (int o = 0; o < it1.length; o += L) {
      DoubleVector w = DoubleVector.fromArray(S, it1, o);
      all = all.blend(0.0, w.compare(VectorOperators.EQ, w));
    }
    all.intoArray(nanW1, 0);
  }

  /** Nesterov: the step's weights w = it - eta (beta v), lane by lane. */
  private void lookahead() {
    if (!nesterov) {
      return;
    }
    DoubleVector negEta0 = DoubleVector.fromArray(S, eta0, 0);
    DoubleVector negEta1 = DoubleVector.fromArray(S, eta1, 0);
    DoubleVector b = DoubleVector.fromArray(S, beta, 0);
    DoubleVector e0 = negEta0.neg();
    DoubleVector e1 = negEta1.neg();
    for (int o = 0; o < w0.length; o += L) {
      DoubleVector.fromArray(S, it0, o)
          .sub(e0.mul(b.mul(DoubleVector.fromArray(S, v0, o)))).intoArray(w0, o);
    }
    for (int o = 0; o < w1.length; o += L) {
      DoubleVector.fromArray(S, it1, o)
          .sub(e1.mul(b.mul(DoubleVector.fromArray(S, v1, o)))).intoArray(w1, o);
    }
  }

  public boolean trainable(int k) {
    return measures[k].trainable();
  }

  public double value(int k) {
    return measures[k].value();
  }

  /** Steps after which lane k's result was known: T, or fewer for a run stopped early. */
  public int known(int k) {
    return known[k];
  }

  private void spread(double[] from, double[] to) {
    for (int k = 0; k < from.length; k++) {
      for (int l = 0; l < L; l++) {
        to[k * L + l] = from[k];
      }
    }
  }

  /** W0 += c, the author's per-step offset (on the iterate). */
  private void shift() {
    DoubleVector off = DoubleVector.fromArray(S, offset, 0);
    for (int o = 0; o < it0.length; o += L) {
      DoubleVector.fromArray(S, it0, o).add(off).intoArray(it0, o);
    }
  }

  /**
   * One step's loss sum (into lossSum) and gradients, block of points by block. The sum goes
   * through an array, not through the methods' arguments and results: a vector passed to or
   * returned by a method the JIT does not inline is boxed, once per block of points.
   */
  private void step() {
    java.util.Arrays.fill(g0, 0);
    java.util.Arrays.fill(g1, 0);
    for (int o = 0; o < w1.length; o += L) {
      DoubleVector.fromArray(S, w1, o).mul(invN).intoArray(w1s, o);
    }
    java.util.Arrays.fill(lossSum, 0);
    for (int p0 = 0; p0 < points; p0 += Q) {
      int m = Math.min(Q, points - p0);
      forward(p0, m);
      output(p0, m);
      backward(p0, m);
    }
  }

  private void forward(int p0, int m) {
    int j = 0;
    if (m == Q) {
      for (; j + 4 <= n; j += 4) {
        forward4x4(p0, j);
      }
    }
    for (; j < n; j++) {
      for (int q = 0; q < m; q++) {
        forward1(p0 + q, q, j);
      }
    }
    int count = m * n * L;
    switch (act) {
      case TANH:
        VectorNetTanh.activate(z, h, dh, count);
        break;
      case RELU:
        relu(count);
        break;
      default:
        identity(count);
    }
  }

  /**
   * z[q][j..j+3] = sum_i X[p0+q][i] W0[i][j..j+3] for q = 0..3, i in order. The 16
   * accumulators are written out one by one (here and in backward4x4): vectors held in an array
   * or carried by a loop over them are boxed, and the block is the kernel's hot loop.
   */
  private void forward4x4(int p0, int j) {
    double[] x = data.xs;
    DoubleVector a00 = DoubleVector.zero(S);
    DoubleVector a01 = a00;
    DoubleVector a02 = a00;
    DoubleVector a03 = a00;
    DoubleVector a10 = a00;
    DoubleVector a11 = a00;
    DoubleVector a12 = a00;
    DoubleVector a13 = a00;
    DoubleVector a20 = a00;
    DoubleVector a21 = a00;
    DoubleVector a22 = a00;
    DoubleVector a23 = a00;
    DoubleVector a30 = a00;
    DoubleVector a31 = a00;
    DoubleVector a32 = a00;
    DoubleVector a33 = a00;
    int r0 = p0 * d;
    for (int i = 0; i < d; i++) {
      int o = (i * n + j) * L;
      DoubleVector v0 = DoubleVector.fromArray(S, w0, o);
      DoubleVector v1 = DoubleVector.fromArray(S, w0, o + L);
      DoubleVector v2 = DoubleVector.fromArray(S, w0, o + 2 * L);
      DoubleVector v3 = DoubleVector.fromArray(S, w0, o + 3 * L);
      DoubleVector x0 = DoubleVector.broadcast(S, x[r0 + i]);
      DoubleVector x1 = DoubleVector.broadcast(S, x[r0 + d + i]);
      DoubleVector x2 = DoubleVector.broadcast(S, x[r0 + 2 * d + i]);
      DoubleVector x3 = DoubleVector.broadcast(S, x[r0 + 3 * d + i]);
      a00 = x0.fma(v0, a00);
      a01 = x0.fma(v1, a01);
      a02 = x0.fma(v2, a02);
      a03 = x0.fma(v3, a03);
      a10 = x1.fma(v0, a10);
      a11 = x1.fma(v1, a11);
      a12 = x1.fma(v2, a12);
      a13 = x1.fma(v3, a13);
      a20 = x2.fma(v0, a20);
      a21 = x2.fma(v1, a21);
      a22 = x2.fma(v2, a22);
      a23 = x2.fma(v3, a23);
      a30 = x3.fma(v0, a30);
      a31 = x3.fma(v1, a31);
      a32 = x3.fma(v2, a32);
      a33 = x3.fma(v3, a33);
    }
    int stride = n * L;
    int o = j * L;
    a00.intoArray(z, o);
    a01.intoArray(z, o + L);
    a02.intoArray(z, o + 2 * L);
    a03.intoArray(z, o + 3 * L);
    o += stride;
    a10.intoArray(z, o);
    a11.intoArray(z, o + L);
    a12.intoArray(z, o + 2 * L);
    a13.intoArray(z, o + 3 * L);
    o += stride;
    a20.intoArray(z, o);
    a21.intoArray(z, o + L);
    a22.intoArray(z, o + 2 * L);
    a23.intoArray(z, o + 3 * L);
    o += stride;
    a30.intoArray(z, o);
    a31.intoArray(z, o + L);
    a32.intoArray(z, o + 2 * L);
    a33.intoArray(z, o + 3 * L);
  }

  /** z[q][j] for one point and unit (the blocks' remainders). */
  private void forward1(int p, int q, int j) {
    DoubleVector a = DoubleVector.zero(S);
    for (int i = 0; i < d; i++) {
      a = DoubleVector.broadcast(S, data.xs[p * d + i])
          .fma(DoubleVector.fromArray(S, w0, (i * n + j) * L), a);
    }
    a.intoArray(z, (q * n + j) * L);
  }

  private void relu(int count) {
    DoubleVector zero = DoubleVector.zero(S);
    DoubleVector a = DoubleVector.broadcast(S, 1.0);
    for (int o = 0; o < count; o += L) {
      DoubleVector u = DoubleVector.fromArray(S, z, o);
      VectorMask<Double> on = u.compare(VectorOperators.GT, 0.0);
      zero.blend(u, on).intoArray(h, o);
      zero.blend(a, on).intoArray(dh, o);
    }
  }

  private void identity(int count) {
    DoubleVector one = DoubleVector.broadcast(S, 1.0);
    for (int o = 0; o < count; o += L) {
      DoubleVector.fromArray(S, z, o).intoArray(h, o);
      one.intoArray(dh, o);
    }
  }

  /**
   * The outputs of points p0..p0+m-1, their squared errors added to the loss in order, and for
   * each point in the step's gradient, its share of the W1 gradient and g = dloss/du.
   */
  private void output(int p0, int m) {
    if (m == Q && weight[p0] != 0 && weight[p0 + 1] != 0 && weight[p0 + 2] != 0
        && weight[p0 + 3] != 0) {
      output4(p0);
      return;
    }
    DoubleVector loss = DoubleVector.fromArray(S, lossSum, 0);
    if (m == Q) {
      outputs4();
    } else {
      for (int q = 0; q < m; q++) {
        output1(q);
      }
    }
    for (int q = 0; q < m; q++) {
      int base = q * n * L;
      DoubleVector r = DoubleVector.fromArray(S, lane4, q * L).mul(invN).sub(data.y[p0 + q]);
      loss = r.fma(r, loss);
      double w = weight[p0 + q];
      if (w != 0) {
        DoubleVector e = r.mul(2 * w);
        for (int j = 0; j < n; j++) {
          int o = base + j * L;
          DoubleVector hj = DoubleVector.fromArray(S, h, o);
          e.fma(hj, DoubleVector.fromArray(S, g1, j * L)).intoArray(g1, j * L);
          e.mul(DoubleVector.fromArray(S, w1s, j * L)).mul(DoubleVector.fromArray(S, dh, o))
              .intoArray(g, o);
        }
      }
    }
    loss.intoArray(lossSum, 0);
  }

  /**
   * {@link #output} for a block of four points all in the step's gradient: the same operations,
   * unit by unit with the four points side by side, so that each unit's W1 gradient is loaded
   * and stored once rather than four times.
   */
  private void output4(int p0) {
    outputs4();
    DoubleVector loss = DoubleVector.fromArray(S, lossSum, 0);
    DoubleVector r0 = DoubleVector.fromArray(S, lane4, 0).mul(invN).sub(data.y[p0]);
    DoubleVector r1 = DoubleVector.fromArray(S, lane4, L).mul(invN).sub(data.y[p0 + 1]);
    DoubleVector r2 = DoubleVector.fromArray(S, lane4, 2 * L).mul(invN).sub(data.y[p0 + 2]);
    DoubleVector r3 = DoubleVector.fromArray(S, lane4, 3 * L).mul(invN).sub(data.y[p0 + 3]);
    r3.fma(r3, r2.fma(r2, r1.fma(r1, r0.fma(r0, loss)))).intoArray(lossSum, 0);
    DoubleVector e0 = r0.mul(2 * weight[p0]);
    DoubleVector e1 = r1.mul(2 * weight[p0 + 1]);
    DoubleVector e2 = r2.mul(2 * weight[p0 + 2]);
    DoubleVector e3 = r3.mul(2 * weight[p0 + 3]);
    int stride = n * L;
    for (int j = 0; j < n; j++) {
      int o = j * L;
      DoubleVector w = DoubleVector.fromArray(S, w1s, o);
      DoubleVector h0 = DoubleVector.fromArray(S, h, o);
      DoubleVector h1 = DoubleVector.fromArray(S, h, o + stride);
      DoubleVector h2 = DoubleVector.fromArray(S, h, o + 2 * stride);
      DoubleVector h3 = DoubleVector.fromArray(S, h, o + 3 * stride);
      e3.fma(h3, e2.fma(h2, e1.fma(h1, e0.fma(h0, DoubleVector.fromArray(S, g1, o)))))
          .intoArray(g1, o);
      e0.mul(w).mul(DoubleVector.fromArray(S, dh, o)).intoArray(g, o);
      e1.mul(w).mul(DoubleVector.fromArray(S, dh, o + stride)).intoArray(g, o + stride);
      e2.mul(w).mul(DoubleVector.fromArray(S, dh, o + 2 * stride)).intoArray(g, o + 2 * stride);
      e3.mul(w).mul(DoubleVector.fromArray(S, dh, o + 3 * stride)).intoArray(g, o + 3 * stride);
    }
  }

  /** sum_j h[q][j] W1[j] for q = 0..3 into lane4, four independent chains side by side. */
  private void outputs4() {
    int stride = n * L;
    DoubleVector y0 = DoubleVector.zero(S);
    DoubleVector y1 = y0;
    DoubleVector y2 = y0;
    DoubleVector y3 = y0;
    for (int j = 0; j < n; j++) {
      int o = j * L;
      DoubleVector w = DoubleVector.fromArray(S, w1, o);
      y0 = DoubleVector.fromArray(S, h, o).fma(w, y0);
      y1 = DoubleVector.fromArray(S, h, o + stride).fma(w, y1);
      y2 = DoubleVector.fromArray(S, h, o + 2 * stride).fma(w, y2);
      y3 = DoubleVector.fromArray(S, h, o + 3 * stride).fma(w, y3);
    }
    y0.intoArray(lane4, 0);
    y1.intoArray(lane4, L);
    y2.intoArray(lane4, 2 * L);
    y3.intoArray(lane4, 3 * L);
  }

  private void output1(int q) {
    int base = q * n * L;
    DoubleVector yhat = DoubleVector.zero(S);
    for (int j = 0; j < n; j++) {
      yhat = DoubleVector.fromArray(S, h, base + j * L)
          .fma(DoubleVector.fromArray(S, w1, j * L), yhat);
    }
    yhat.intoArray(lane4, q * L);
  }

  /** g0 += X^T g over the block's points that are in the step's gradient, in order. */
  private void backward(int p0, int m) {
    boolean all = m == Q;
    for (int q = 0; q < m && all; q++) {
      all = weight[p0 + q] != 0;
    }
    int j = 0;
    if (all) {
      for (; j + 4 <= n; j += 4) {
        backward4x4(p0, j);
      }
    }
    for (int q = 0; q < m; q++) {
      if (weight[p0 + q] != 0) {
        for (int jj = all ? j : 0; jj < n; jj++) {
          backward1(p0 + q, q, jj);
        }
      }
    }
  }

  private void backward4x4(int p0, int j) {
    int stride = n * L;
    int o = j * L;
    DoubleVector c00 = DoubleVector.fromArray(S, g, o);
    DoubleVector c01 = DoubleVector.fromArray(S, g, o + L);
    DoubleVector c02 = DoubleVector.fromArray(S, g, o + 2 * L);
    DoubleVector c03 = DoubleVector.fromArray(S, g, o + 3 * L);
    o += stride;
    DoubleVector c10 = DoubleVector.fromArray(S, g, o);
    DoubleVector c11 = DoubleVector.fromArray(S, g, o + L);
    DoubleVector c12 = DoubleVector.fromArray(S, g, o + 2 * L);
    DoubleVector c13 = DoubleVector.fromArray(S, g, o + 3 * L);
    o += stride;
    DoubleVector c20 = DoubleVector.fromArray(S, g, o);
    DoubleVector c21 = DoubleVector.fromArray(S, g, o + L);
    DoubleVector c22 = DoubleVector.fromArray(S, g, o + 2 * L);
    DoubleVector c23 = DoubleVector.fromArray(S, g, o + 3 * L);
    o += stride;
    DoubleVector c30 = DoubleVector.fromArray(S, g, o);
    DoubleVector c31 = DoubleVector.fromArray(S, g, o + L);
    DoubleVector c32 = DoubleVector.fromArray(S, g, o + 2 * L);
    DoubleVector c33 = DoubleVector.fromArray(S, g, o + 3 * L);
    double[] x = data.xs;
    int r0 = p0 * d;
    for (int i = 0; i < d; i++) {
      DoubleVector x0 = DoubleVector.broadcast(S, x[r0 + i]);
      DoubleVector x1 = DoubleVector.broadcast(S, x[r0 + d + i]);
      DoubleVector x2 = DoubleVector.broadcast(S, x[r0 + 2 * d + i]);
      DoubleVector x3 = DoubleVector.broadcast(S, x[r0 + 3 * d + i]);
      int a = (i * n + j) * L;
      x3.fma(c30, x2.fma(c20, x1.fma(c10, x0.fma(c00, DoubleVector.fromArray(S, g0, a)))))
          .intoArray(g0, a);
      x3.fma(c31, x2.fma(c21, x1.fma(c11, x0.fma(c01, DoubleVector.fromArray(S, g0, a + L)))))
          .intoArray(g0, a + L);
      x3.fma(c32, x2.fma(c22, x1.fma(c12,
          x0.fma(c02, DoubleVector.fromArray(S, g0, a + 2 * L))))).intoArray(g0, a + 2 * L);
      x3.fma(c33, x2.fma(c23, x1.fma(c13,
          x0.fma(c03, DoubleVector.fromArray(S, g0, a + 3 * L))))).intoArray(g0, a + 3 * L);
    }
  }

  private void backward1(int p, int q, int j) {
    DoubleVector c = DoubleVector.fromArray(S, g, (q * n + j) * L);
    for (int i = 0; i < d; i++) {
      int a = (i * n + j) * L;
      DoubleVector.broadcast(S, data.xs[p * d + i]).fma(c, DoubleVector.fromArray(S, g0, a))
          .intoArray(g0, a);
    }
  }

  private void update() {
    if (optimizer != Optimizer.GD) {
      optimizerUpdate();
      return;
    }
    DoubleVector negEta0 = DoubleVector.fromArray(S, eta0, 0);
    DoubleVector negEta1 = DoubleVector.fromArray(S, eta1, 0);
    for (int o = 0; o < w0.length; o += L) {
      negEta0.fma(DoubleVector.fromArray(S, g0, o), DoubleVector.fromArray(S, w0, o))
          .intoArray(w0, o);
    }
    for (int o = 0; o < w1.length; o += L) {
      negEta1.fma(DoubleVector.fromArray(S, g1, o).mul(invN), DoubleVector.fromArray(S, w1, o))
          .intoArray(w1, o);
    }
  }

  /** The iterate steps by the optimizer's rule (OptimizerState's operations, lane by lane). */
  /**
   * Adam's step of one layer's weights w with moments m and s, gradient scale * grad (times 1
   * is exact), rates negEta, and this step's powers in p1 and p2. It takes arrays and doubles,
   * not vectors: vector arguments of a method the JIT does not inline are boxed at every call
   * (NetworkAllocationTest).
   */
  private void adam(double[] w, double[] m, double[] s, double[] grad, double scale,
      double[] negEta) {
    DoubleVector eta = DoubleVector.fromArray(S, negEta, 0);
    DoubleVector b1 = DoubleVector.fromArray(S, beta1, 0);
    DoubleVector b2 = DoubleVector.fromArray(S, beta2, 0);
    DoubleVector c1 = DoubleVector.fromArray(S, p1, 0).neg().add(1.0);
    DoubleVector c2 = DoubleVector.fromArray(S, p2, 0).neg().add(1.0);
    DoubleVector e = DoubleVector.fromArray(S, adamEps, 0);
    for (int o = 0; o < w.length; o += L) {
      DoubleVector g = DoubleVector.fromArray(S, grad, o).mul(scale);
      DoubleVector mv = b1.mul(DoubleVector.fromArray(S, m, o)).add(b1.neg().add(1.0).mul(g));
      DoubleVector sv = b2.mul(DoubleVector.fromArray(S, s, o))
          .add(b2.neg().add(1.0).mul(g.mul(g)));
      mv.intoArray(m, o);
      sv.intoArray(s, o);
      DoubleVector u = mv.div(c1).div(sv.div(c2).sqrt().add(e));
      eta.fma(u, DoubleVector.fromArray(S, w, o)).intoArray(w, o);
    }
  }

  private void optimizerUpdate() {
    // The rates negated, as GD's update takes them: w = fma(-eta, u, w).
    DoubleVector e0 = DoubleVector.fromArray(S, eta0, 0);
    DoubleVector e1 = DoubleVector.fromArray(S, eta1, 0);
    DoubleVector b = DoubleVector.fromArray(S, beta, 0);
    if (optimizer == Optimizer.ADAM) {
      DoubleVector b1 = DoubleVector.fromArray(S, beta1, 0);
      DoubleVector b2 = DoubleVector.fromArray(S, beta2, 0);
      DoubleVector.fromArray(S, p1, 0).mul(b1).intoArray(p1, 0);
      DoubleVector.fromArray(S, p2, 0).mul(b2).intoArray(p2, 0);
      adam(it0, v0, s0, g0, 1.0, eta0);
      adam(it1, v1, s1, g1, invN, eta1);
      return;
    }
    for (int o = 0; o < it0.length; o += L) {
      DoubleVector v = b.mul(DoubleVector.fromArray(S, v0, o))
          .add(DoubleVector.fromArray(S, g0, o));
      v.intoArray(v0, o);
      e0.fma(v, DoubleVector.fromArray(S, it0, o)).intoArray(it0, o);
    }
    for (int o = 0; o < it1.length; o += L) {
      DoubleVector v = b.mul(DoubleVector.fromArray(S, v1, o))
          .add(DoubleVector.fromArray(S, g1, o).mul(invN));
      v.intoArray(v1, o);
      e1.fma(v, DoubleVector.fromArray(S, it1, o)).intoArray(it1, o);
    }
  }

  /**
   * Marks lanes whose W1 is all NaN as known after this many steps; whether every lane is
   * known.
   */
  private boolean allKnown(int stepsDone) {
    w1Nan();
    boolean all = true;
    for (int k = 0; k < L; k++) {
      boolean nan = nanW1[k] > 0;
      if (nan && known[k] > stepsDone) {
        known[k] = stepsDone;
      }
      all &= nan;
    }
    return all;
  }
}
