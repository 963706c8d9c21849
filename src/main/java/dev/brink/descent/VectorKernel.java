package dev.brink.descent;

import dev.brink.landscape.Family;
import dev.brink.landscape.Landscape;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GD kernel of {@link ScalarKernel} on SIMD lanes (jdk.incubator.vector; on x86 its SIN
 * and COS use SVML). Each lane runs one trajectory; a lane whose run ends (diverged, or T
 * steps) is refilled at once with the next trajectory of the range, so vectors stay full while
 * runs stop at different steps. Same rule, outcomes and speed measure as the scalar kernel;
 * sine and cosine differ from Math's in the last bits, so labels near the chaotic boundary
 * may differ as between any two implementations (tested against the scalar kernel and the
 * reference data). Not thread-safe: one instance per thread (it reuses its lane workspace).
 */
public final class VectorKernel {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private final int dim;
  private final double[][] x;
  private final double[][] g;
  private final double[][] eta;
  private final double[] eps = new double[L];
  private final double[] k = new double[L];
  private final double[] eps2 = new double[L];
  private final double[] k2 = new double[L];
  private final double[] t = new double[L];
  private final double[] prev = new double[L];
  private final double[] moved = new double[L];
  private final double[] movedTime = new double[L];
  private final double[] f = new double[L];
  private final int[] index = new int[L];
  /** 1 for a lane running a trajectory, 0 for an idle one (read as a mask each step). */
  private final double[] alive = new double[L];

  public VectorKernel(int dim) {
    this.dim = dim;
    x = new double[dim][L];
    g = new double[dim][L];
    eta = new double[dim][L];
  }

  public static int lanes() {
    return L;
  }

  /** Runs trajectories from..to-1 of the batch into out (slots from..to-1). */
  public void run(TrajectoryBatch b, int from, int to, Outcomes out) {
    if (b.dim != dim) {
      throw new IllegalArgumentException("kernel for dim " + dim + ", batch dim " + b.dim);
    }
    if (dim == 1) {
      runOneDimensional(b, from, to, out);
      return;
    }
    int next = from;
    for (int lane = 0; lane < L; lane++) {
      next = load(b, lane, next, to);
    }
    final double limit = b.bound * dim;
    while (freeSteps(b.steps) >= 0) {
      next = generalStep(b, next, to, out, limit);
    }
  }

  /**
   * One step of every live lane on the lane arrays, with masks: lanes that diverge or reach T
   * are recorded and refilled. Returns the next trajectory index.
   */
  private int generalStep(TrajectoryBatch b, int next, int to, Outcomes out, double limit) {
    final DoubleVector limitV = DoubleVector.broadcast(S, limit);
    final DoubleVector stepsV = DoubleVector.broadcast(S, b.steps);
    final DoubleVector zero = DoubleVector.zero(S);
    VectorMask<Double> live = liveMask();
    DoubleVector fv = lossAndGradient(b.family);
    DoubleVector tv = DoubleVector.fromArray(S, t, 0);
    DoubleVector pv = DoubleVector.fromArray(S, prev, 0);
    VectorMask<Double> div = fv.compare(VectorOperators.LE, limitV).not().and(live);
    VectorMask<Double> going = live.andNot(div);
    DoubleVector change = fv.sub(pv).abs();
    VectorMask<Double> accumulate = going.and(tv.compare(VectorOperators.GT, zero));
    DoubleVector.fromArray(S, moved, 0).add(change, accumulate).intoArray(moved, 0);
    DoubleVector.fromArray(S, movedTime, 0).add(change.mul(tv), accumulate)
        .intoArray(movedTime, 0);
    VectorMask<Double> bounded = going.and(tv.compare(VectorOperators.EQ, stepsV));
    VectorMask<Double> step = going.andNot(bounded);
    fv.intoArray(f, 0);
    pv.blend(fv, step).intoArray(prev, 0);
    for (int d = 0; d < dim; d++) {
      DoubleVector xv = DoubleVector.fromArray(S, x[d], 0);
      DoubleVector ev = DoubleVector.fromArray(S, eta[d], 0);
      DoubleVector gv = DoubleVector.fromArray(S, g[d], 0);
      xv.sub(ev.mul(gv), step).intoArray(x[d], 0);
    }
    tv.add(1.0, step).intoArray(t, 0);
    if (div.anyTrue() || bounded.anyTrue()) {
      next = finish(b, div, bounded, next, to, out, limit);
    }
    return next;
  }

  /**
   * The common one-coordinate case, fast: every lane's state stays in vector registers, and the
   * inner loop has no per-lane masks. It runs as many steps as every live lane can take before
   * one of them reaches T (or until one diverges); then one general masked step on the lane
   * arrays settles the lanes that end there and refills them.
   */
  private void runOneDimensional(TrajectoryBatch b, int from, int to, Outcomes out) {
    int next = from;
    for (int lane = 0; lane < L; lane++) {
      next = load(b, lane, next, to);
    }
    final Family family = b.family;
    final double limit = b.bound;
    final DoubleVector limitV = DoubleVector.broadcast(S, limit);
    final DoubleVector ones = DoubleVector.broadcast(S, 1.0);
    double[] xs = x[0];
    double[] etas = eta[0];
    while (true) {
      int free = freeSteps(b.steps);
      if (free < 0) {
        return;
      }
      DoubleVector xv = DoubleVector.fromArray(S, xs, 0);
      DoubleVector etav = DoubleVector.fromArray(S, etas, 0);
      DoubleVector ev = DoubleVector.fromArray(S, eps, 0);
      DoubleVector kv = DoubleVector.fromArray(S, k, 0);
      DoubleVector e2v = DoubleVector.fromArray(S, eps2, 0);
      DoubleVector k2v = DoubleVector.fromArray(S, k2, 0);
      DoubleVector ekv = ev.mul(kv);
      DoubleVector ek2v = e2v.mul(k2v);
      DoubleVector tv = DoubleVector.fromArray(S, t, 0);
      DoubleVector pv = DoubleVector.fromArray(S, prev, 0);
      DoubleVector mv = DoubleVector.fromArray(S, moved, 0);
      DoubleVector mtv = DoubleVector.fromArray(S, movedTime, 0);
      // 0 on lanes at t = 0, whose first loss change is not a change (as the scalar kernel).
      DoubleVector wv = DoubleVector.zero(S).blend(ones, tv.compare(VectorOperators.GT, 0.0));
      for (int i = 0; i < free; i++) {
        DoubleVector fv;
        DoubleVector gv;
        switch (family) {
          case QUADRATIC:
            fv = xv.mul(xv);
            gv = xv.mul(2.0);
            break;
          case ADDITIVE: {
            DoubleVector kx = kv.mul(xv);
            fv = xv.mul(xv).add(ev.mul(kx.lanewise(VectorOperators.COS)));
            gv = xv.mul(2.0).sub(ekv.mul(kx.lanewise(VectorOperators.SIN)));
            break;
          }
          case MULTIPLICATIVE: {
            DoubleVector kx = kv.mul(xv);
            DoubleVector sq = xv.mul(xv);
            DoubleVector scale = ev.mul(kx.lanewise(VectorOperators.COS)).add(1.0);
            fv = sq.mul(scale);
            gv = xv.mul(2.0).mul(scale).sub(ekv.mul(sq).mul(kx.lanewise(VectorOperators.SIN)));
            break;
          }
          case TWOCOS: {
            DoubleVector kx = kv.mul(xv);
            DoubleVector k2x = k2v.mul(xv);
            fv = xv.mul(xv).add(ev.mul(kx.lanewise(VectorOperators.COS)))
                .add(e2v.mul(k2x.lanewise(VectorOperators.COS)));
            gv = xv.mul(2.0).sub(ekv.mul(kx.lanewise(VectorOperators.SIN)))
                .sub(ek2v.mul(k2x.lanewise(VectorOperators.SIN)));
            break;
          }
          default:
            throw new AssertionError(family);
        }
        if (!fv.compare(VectorOperators.LE, limitV).allTrue()) {
          break;
        }
        DoubleVector change = fv.sub(pv).abs();
        mv = mv.add(change.mul(wv));
        mtv = mtv.add(change.mul(tv));
        wv = ones;
        pv = fv;
        xv = xv.sub(etav.mul(gv));
        tv = tv.add(1.0);
      }
      xv.intoArray(xs, 0);
      tv.intoArray(t, 0);
      pv.intoArray(prev, 0);
      mv.intoArray(moved, 0);
      mtv.intoArray(movedTime, 0);
      next = generalStep(b, next, to, out, limit);
    }
  }

  /**
   * Steps every live lane can take before one reaches T: min(T - t) over them; -1 when no
   * lane is live.
   */
  private int freeSteps(int steps) {
    int free = -1;
    for (int lane = 0; lane < L; lane++) {
      if (alive[lane] > 0) {
        int left = steps - (int) t[lane];
        free = free < 0 ? left : Math.min(free, left);
      }
    }
    return free;
  }

  /** Records the lanes that diverged or reached T, and refills them; returns the next index. */
  private int finish(TrajectoryBatch b, VectorMask<Double> div, VectorMask<Double> bounded,
      int next, int to, Outcomes out, double limit) {
    for (int lane = 0; lane < L; lane++) {
      if (div.laneIsSet(lane)) {
        int i = index[lane];
        int ti = (int) t[lane];
        out.divergent[i] = true;
        out.divergeStep[i] = ti;
        out.speed[i] = 1 + ScalarKernel.crossingTime(ti, f[lane], prev[lane], limit);
        next = load(b, lane, next, to);
      } else if (bounded.laneIsSet(lane)) {
        int i = index[lane];
        out.divergent[i] = false;
        out.divergeStep[i] = b.steps;
        out.speed[i] = moved[lane] > 0 ? movedTime[lane] / moved[lane] : 0;
        next = load(b, lane, next, to);
      }
    }
    return next;
  }

  private VectorMask<Double> liveMask() {
    return DoubleVector.fromArray(S, alive, 0).compare(VectorOperators.GT, 0.0);
  }

  /** Loads trajectory `next` into a lane (or idles it past `to`); returns the next index. */
  private int load(TrajectoryBatch b, int lane, int next, int to) {
    if (next >= to) {
      index[lane] = -1;
      alive[lane] = 0;
      for (int d = 0; d < dim; d++) {
        x[d][lane] = 0;
        eta[d][lane] = 0;
      }
      eps[lane] = 0;
      k[lane] = 1;
      eps2[lane] = 0;
      k2[lane] = 1;
      return next;
    }
    index[lane] = next;
    alive[lane] = 1;
    for (int d = 0; d < dim; d++) {
      x[d][lane] = b.x0[next * dim + d];
      eta[d][lane] = b.eta[next * dim + d];
    }
    eps[lane] = b.eps[next];
    k[lane] = Landscape.TWO_PI / b.lambda[next];
    eps2[lane] = b.eps2[next];
    k2[lane] = Landscape.TWO_PI / b.lambda2[next];
    t[lane] = 0;
    prev[lane] = 0;
    moved[lane] = 0;
    movedTime[lane] = 0;
    return next + 1;
  }

  /** f on all lanes, gradients into g; the formulas of {@link ScalarKernel#lossAndGradient}. */
  private DoubleVector lossAndGradient(Family family) {
    DoubleVector ev = DoubleVector.fromArray(S, eps, 0);
    DoubleVector kv = DoubleVector.fromArray(S, k, 0);
    DoubleVector f = DoubleVector.zero(S);
    switch (family) {
      case QUADRATIC:
        for (int d = 0; d < dim; d++) {
          DoubleVector xv = DoubleVector.fromArray(S, x[d], 0);
          f = f.add(xv.mul(xv));
          xv.mul(2.0).intoArray(g[d], 0);
        }
        return f;
      case ADDITIVE: {
        DoubleVector ek = ev.mul(kv);
        for (int d = 0; d < dim; d++) {
          DoubleVector xv = DoubleVector.fromArray(S, x[d], 0);
          DoubleVector kx = kv.mul(xv);
          f = f.add(xv.mul(xv).add(ev.mul(kx.lanewise(VectorOperators.COS))));
          xv.mul(2.0).sub(ek.mul(kx.lanewise(VectorOperators.SIN))).intoArray(g[d], 0);
        }
        return f;
      }
      case MULTIPLICATIVE: {
        DoubleVector sq = DoubleVector.zero(S);
        DoubleVector cos = DoubleVector.zero(S);
        for (int d = 0; d < dim; d++) {
          DoubleVector xv = DoubleVector.fromArray(S, x[d], 0);
          sq = sq.add(xv.mul(xv));
          cos = cos.add(kv.mul(xv).lanewise(VectorOperators.COS));
        }
        DoubleVector scale = ev.mul(cos).add(1.0);
        DoubleVector eks = ev.mul(kv).mul(sq);
        for (int d = 0; d < dim; d++) {
          DoubleVector xv = DoubleVector.fromArray(S, x[d], 0);
          xv.mul(2.0).mul(scale).sub(eks.mul(kv.mul(xv).lanewise(VectorOperators.SIN)))
              .intoArray(g[d], 0);
        }
        return sq.mul(scale);
      }
      case TWOCOS: {
        DoubleVector e2 = DoubleVector.fromArray(S, eps2, 0);
        DoubleVector k2v = DoubleVector.fromArray(S, k2, 0);
        DoubleVector ek = ev.mul(kv);
        DoubleVector ek2 = e2.mul(k2v);
        for (int d = 0; d < dim; d++) {
          DoubleVector xv = DoubleVector.fromArray(S, x[d], 0);
          DoubleVector kx = kv.mul(xv);
          DoubleVector k2x = k2v.mul(xv);
          f = f.add(xv.mul(xv).add(ev.mul(kx.lanewise(VectorOperators.COS)))
              .add(e2.mul(k2x.lanewise(VectorOperators.COS))));
          xv.mul(2.0).sub(ek.mul(kx.lanewise(VectorOperators.SIN)))
              .sub(ek2.mul(k2x.lanewise(VectorOperators.SIN))).intoArray(g[d], 0);
        }
        return f;
      }
      default:
        throw new AssertionError(family);
    }
  }
}
