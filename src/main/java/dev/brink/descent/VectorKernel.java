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
 * runs stop at different steps. Two groups of lanes step together: each step of one group is a
 * chain of dependent operations (sine, gradient, update), and a second independent chain keeps
 * the core busy while the first waits. Same rule, outcomes and speed measure as the scalar
 * kernel; sine and cosine differ from Math's in the last bits (and between the JIT's SVML code
 * and the interpreter's fallback), so labels near the chaotic boundary may differ as between
 * any two implementations (tested against the scalar kernel and the reference data). Not
 * thread-safe: one instance per thread (it reuses its lane workspace).
 */
public final class VectorKernel {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Lanes in all: two groups of one vector each. */
  private static final int W = 2 * L;

  private final int dim;
  private final double[][] x;
  private final double[][] g;
  private final double[][] eta;
  private final double[] eps = new double[W];
  private final double[] k = new double[W];
  private final double[] eps2 = new double[W];
  private final double[] k2 = new double[W];
  private final double[] t = new double[W];
  private final double[] prev = new double[W];
  private final double[] moved = new double[W];
  private final double[] movedTime = new double[W];
  private final double[] f = new double[W];
  private final int[] index = new int[W];
  /** 1 for a lane running a trajectory, 0 for an idle one (read as a mask each step). */
  private final double[] alive = new double[W];

  public VectorKernel(int dim) {
    this.dim = dim;
    x = new double[dim][W];
    g = new double[dim][W];
    eta = new double[dim][W];
  }

  public static int lanes() {
    return L;
  }

  /** Runs trajectories from..to-1 of the batch into out (slots from..to-1). */
  public void run(TrajectoryBatch b, int from, int to, Outcomes out) {
    if (b.dim != dim) {
      throw new IllegalArgumentException("kernel for dim " + dim + ", batch dim " + b.dim);
    }
    int next = from;
    for (int lane = 0; lane < W; lane++) {
      next = load(b, lane, next, to);
    }
    if (dim == 1 && b.family != Family.TWOCOS) {
      runOneWave(b, next, to, out);
      return;
    }
    while (freeSteps(b.steps) >= 0) {
      next = generalStep(b, next, to, out);
    }
  }

  /**
   * One coordinate of a one-wave family (quadratic, additive, multiplicative), fast: every
   * lane's state stays in vector registers and the inner loop has no per-lane masks. It runs
   * as many steps as every live lane can take before one of them reaches T, or until one
   * diverges; then one general masked step on the lane arrays settles the lanes that end there
   * and refills them.
   *
   * <p>The three families share one branch-free formula, f = x^2 (1 + me cos kx) + a cos kx and
   * f' = 2x (1 + me cos kx) - (a k + me k x^2) sin kx, with me = eps for the multiplicative family
   * and a = eps for the additive one (else 0). With those zeros it is each family's formula
   * operation for operation, as in the scalar kernel (x * 1 and y + 0 are exact). No branch on
   * the family inside the loop: the JIT keeps vectors in registers only where control flow does
   * not merge them, and a server runs every family in one JVM.
   */
  private void runOneWave(TrajectoryBatch b, int next, int to, Outcomes out) {
    final double multiplicative = b.family == Family.MULTIPLICATIVE ? 1 : 0;
    final double additive = b.family == Family.ADDITIVE ? 1 : 0;
    final DoubleVector limit = DoubleVector.broadcast(S, b.bound);
    final DoubleVector ones = DoubleVector.broadcast(S, 1.0);
    final DoubleVector zero = DoubleVector.zero(S);
    final double[] xs = x[0];
    final double[] etas = eta[0];
    while (true) {
      int free = freeSteps(b.steps);
      if (free < 0) {
        return;
      }
      // Group a: lanes 0..L-1; group b: lanes L..2L-1.
      DoubleVector xa = DoubleVector.fromArray(S, xs, 0);
      DoubleVector xb = DoubleVector.fromArray(S, xs, L);
      final DoubleVector etaa = DoubleVector.fromArray(S, etas, 0);
      final DoubleVector etab = DoubleVector.fromArray(S, etas, L);
      final DoubleVector ka = DoubleVector.fromArray(S, k, 0);
      final DoubleVector kb = DoubleVector.fromArray(S, k, L);
      final DoubleVector ea = DoubleVector.fromArray(S, eps, 0);
      final DoubleVector eb = DoubleVector.fromArray(S, eps, L);
      final DoubleVector mea = ea.mul(multiplicative);
      final DoubleVector meb = eb.mul(multiplicative);
      final DoubleVector aa = ea.mul(additive);
      final DoubleVector ab = eb.mul(additive);
      final DoubleVector meka = mea.mul(ka);
      final DoubleVector mekb = meb.mul(kb);
      final DoubleVector aka = aa.mul(ka);
      final DoubleVector akb = ab.mul(kb);
      DoubleVector ta = DoubleVector.fromArray(S, t, 0);
      DoubleVector tb = DoubleVector.fromArray(S, t, L);
      DoubleVector pa = DoubleVector.fromArray(S, prev, 0);
      DoubleVector pb = DoubleVector.fromArray(S, prev, L);
      DoubleVector ma = DoubleVector.fromArray(S, moved, 0);
      DoubleVector mb = DoubleVector.fromArray(S, moved, L);
      DoubleVector mta = DoubleVector.fromArray(S, movedTime, 0);
      DoubleVector mtb = DoubleVector.fromArray(S, movedTime, L);
      // 0 on lanes at t = 0, whose first loss change is not a change (as the scalar kernel).
      DoubleVector wa = zero.blend(ones, ta.compare(VectorOperators.GT, 0.0));
      DoubleVector wb = zero.blend(ones, tb.compare(VectorOperators.GT, 0.0));
      for (int i = 0; i < free; i++) {
        DoubleVector kxa = ka.mul(xa);
        DoubleVector kxb = kb.mul(xb);
        DoubleVector ca = kxa.lanewise(VectorOperators.COS);
        DoubleVector cb = kxb.lanewise(VectorOperators.COS);
        DoubleVector sa = kxa.lanewise(VectorOperators.SIN);
        DoubleVector sb = kxb.lanewise(VectorOperators.SIN);
        DoubleVector xxa = xa.mul(xa);
        DoubleVector xxb = xb.mul(xb);
        DoubleVector scalea = mea.mul(ca).add(1.0);
        DoubleVector scaleb = meb.mul(cb).add(1.0);
        DoubleVector fa = xxa.mul(scalea).add(aa.mul(ca));
        DoubleVector fb = xxb.mul(scaleb).add(ab.mul(cb));
        if (!fa.compare(VectorOperators.LE, limit).and(fb.compare(VectorOperators.LE, limit))
            .allTrue()) {
          break;
        }
        DoubleVector ga = xa.mul(2.0).mul(scalea).sub(aka.add(meka.mul(xxa)).mul(sa));
        DoubleVector gb = xb.mul(2.0).mul(scaleb).sub(akb.add(mekb.mul(xxb)).mul(sb));
        DoubleVector changea = fa.sub(pa).abs();
        DoubleVector changeb = fb.sub(pb).abs();
        ma = ma.add(changea.mul(wa));
        mb = mb.add(changeb.mul(wb));
        mta = mta.add(changea.mul(ta));
        mtb = mtb.add(changeb.mul(tb));
        wa = ones;
        wb = ones;
        pa = fa;
        pb = fb;
        xa = xa.sub(etaa.mul(ga));
        xb = xb.sub(etab.mul(gb));
        ta = ta.add(1.0);
        tb = tb.add(1.0);
      }
      xa.intoArray(xs, 0);
      xb.intoArray(xs, L);
      ta.intoArray(t, 0);
      tb.intoArray(t, L);
      pa.intoArray(prev, 0);
      pb.intoArray(prev, L);
      ma.intoArray(moved, 0);
      mb.intoArray(moved, L);
      mta.intoArray(movedTime, 0);
      mtb.intoArray(movedTime, L);
      next = generalStep(b, next, to, out);
    }
  }

  /**
   * Steps every live lane can take before one reaches T: min(T - t) over them; -1 when no
   * lane is live.
   */
  private int freeSteps(int steps) {
    int free = -1;
    for (int lane = 0; lane < W; lane++) {
      if (alive[lane] > 0) {
        int left = steps - (int) t[lane];
        free = free < 0 ? left : Math.min(free, left);
      }
    }
    return free;
  }

  /**
   * One step of every live lane on the lane arrays, with masks: lanes that diverge or reach T
   * are recorded and refilled. Returns the next trajectory index.
   */
  private int generalStep(TrajectoryBatch b, int next, int to, Outcomes out) {
    final double limit = b.bound * dim;
    final DoubleVector limitV = DoubleVector.broadcast(S, limit);
    final DoubleVector stepsV = DoubleVector.broadcast(S, b.steps);
    for (int o = 0; o < W; o += L) {
      VectorMask<Double> live = DoubleVector.fromArray(S, alive, o)
          .compare(VectorOperators.GT, 0.0);
      lossAndGradient(b.family, o);
      DoubleVector fv = DoubleVector.fromArray(S, f, o);
      DoubleVector tv = DoubleVector.fromArray(S, t, o);
      DoubleVector pv = DoubleVector.fromArray(S, prev, o);
      VectorMask<Double> div = fv.compare(VectorOperators.LE, limitV).not().and(live);
      VectorMask<Double> going = live.andNot(div);
      DoubleVector change = fv.sub(pv).abs();
      VectorMask<Double> accumulate = going.and(tv.compare(VectorOperators.GT, 0.0));
      DoubleVector.fromArray(S, moved, o).add(change, accumulate).intoArray(moved, o);
      DoubleVector.fromArray(S, movedTime, o).add(change.mul(tv), accumulate)
          .intoArray(movedTime, o);
      VectorMask<Double> bounded = going.and(tv.compare(VectorOperators.EQ, stepsV));
      VectorMask<Double> step = going.andNot(bounded);
      pv.blend(fv, step).intoArray(prev, o);
      for (int d = 0; d < dim; d++) {
        DoubleVector xv = DoubleVector.fromArray(S, x[d], o);
        DoubleVector ev = DoubleVector.fromArray(S, eta[d], o);
        DoubleVector gv = DoubleVector.fromArray(S, g[d], o);
        xv.sub(ev.mul(gv), step).intoArray(x[d], o);
      }
      tv.add(1.0, step).intoArray(t, o);
      if (div.anyTrue() || bounded.anyTrue()) {
        next = finish(b, o, div, bounded, next, to, out, limit);
      }
    }
    return next;
  }

  /**
   * Records the lanes of the group at offset o that diverged or reached T, and refills them;
   * returns the next index.
   */
  private int finish(TrajectoryBatch b, int o, VectorMask<Double> div,
      VectorMask<Double> bounded, int next, int to, Outcomes out, double limit) {
    for (int l = 0; l < L; l++) {
      int lane = o + l;
      if (div.laneIsSet(l)) {
        int i = index[lane];
        int ti = (int) t[lane];
        out.divergent[i] = true;
        out.divergeStep[i] = ti;
        out.speed[i] = 1 + ScalarKernel.crossingTime(ti, f[lane], prev[lane], limit);
        next = load(b, lane, next, to);
      } else if (bounded.laneIsSet(l)) {
        int i = index[lane];
        out.divergent[i] = false;
        out.divergeStep[i] = b.steps;
        out.speed[i] = moved[lane] > 0 ? movedTime[lane] / moved[lane] : 0;
        next = load(b, lane, next, to);
      }
    }
    return next;
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

  /**
   * f of the lanes at offset o into f, their gradients into g; the formulas of
   * {@link ScalarKernel#lossAndGradient}, coordinate by coordinate. Each family writes its
   * results to the arrays itself (see {@link #runOneWave} on why no vectors meet after a
   * branch).
   */
  private void lossAndGradient(Family family, int o) {
    DoubleVector ev = DoubleVector.fromArray(S, eps, o);
    DoubleVector kv = DoubleVector.fromArray(S, k, o);
    DoubleVector ekv = ev.mul(kv);
    DoubleVector.zero(S).intoArray(f, o);
    switch (family) {
      case MULTIPLICATIVE: {
        // Not a sum over coordinates: the cosines of all coordinates scale every term.
        DoubleVector sq = DoubleVector.zero(S);
        DoubleVector cos = DoubleVector.zero(S);
        for (int d = 0; d < dim; d++) {
          DoubleVector xv = DoubleVector.fromArray(S, x[d], o);
          sq = sq.add(xv.mul(xv));
          cos = cos.add(kv.mul(xv).lanewise(VectorOperators.COS));
        }
        DoubleVector scale = ev.mul(cos).add(1.0);
        DoubleVector eks = ekv.mul(sq);
        for (int d = 0; d < dim; d++) {
          DoubleVector xv = DoubleVector.fromArray(S, x[d], o);
          xv.mul(2.0).mul(scale).sub(eks.mul(kv.mul(xv).lanewise(VectorOperators.SIN)))
              .intoArray(g[d], o);
        }
        sq.mul(scale).intoArray(f, o);
        return;
      }
      case TWOCOS: {
        DoubleVector e2v = DoubleVector.fromArray(S, eps2, o);
        DoubleVector k2v = DoubleVector.fromArray(S, k2, o);
        DoubleVector ek2v = e2v.mul(k2v);
        for (int d = 0; d < dim; d++) {
          DoubleVector xv = DoubleVector.fromArray(S, x[d], o);
          DoubleVector kx = kv.mul(xv);
          DoubleVector k2x = k2v.mul(xv);
          DoubleVector.fromArray(S, f, o).add(xv.mul(xv).add(ev.mul(kx.lanewise(
                  VectorOperators.COS))).add(e2v.mul(k2x.lanewise(VectorOperators.COS))))
              .intoArray(f, o);
          xv.mul(2.0).sub(ekv.mul(kx.lanewise(VectorOperators.SIN)))
              .sub(ek2v.mul(k2x.lanewise(VectorOperators.SIN))).intoArray(g[d], o);
        }
        return;
      }
      default: {
        // Quadratic and additive: x^2 + a cos kx and 2x - a k sin kx, a = eps or 0.
        DoubleVector av = ev.mul(family == Family.ADDITIVE ? 1 : 0);
        DoubleVector akv = av.mul(kv);
        for (int d = 0; d < dim; d++) {
          DoubleVector xv = DoubleVector.fromArray(S, x[d], o);
          DoubleVector kx = kv.mul(xv);
          DoubleVector.fromArray(S, f, o).add(xv.mul(xv).add(av.mul(kx.lanewise(
              VectorOperators.COS)))).intoArray(f, o);
          xv.mul(2.0).sub(akv.mul(kx.lanewise(VectorOperators.SIN))).intoArray(g[d], o);
        }
      }
    }
  }
}
