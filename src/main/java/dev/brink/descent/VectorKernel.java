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
 * the core busy while the first waits. Fast loops keep the lanes in registers without masks
 * (one coordinate; n equal coordinates; two coordinates that differ, for the families where
 * that is cheap); every other run, and every lane that ends, goes through a general masked step
 * on the lane arrays. Same rule, outcomes and speed measure as the scalar
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
  /** x[d][lane]: coordinate d of each lane's iterate (swapped with px, see endRound). */
  private double[][] x;
  /** The previous iterate, after a fast round. */
  private double[][] px;
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
  /** One coordinate's loss term and cosine sum term, lane by lane (lossAndGradient). */
  private final double[] term = new double[W];
  private final double[] wave = new double[W];
  /** Whether the current range's runs have all coordinates equal (see coordinatesEqual). */
  private boolean equal;
  private final int[] index = new int[W];
  /** 1 for a lane running a trajectory, 0 for an idle one (read as a mask each step). */
  private final double[] alive = new double[W];

  public VectorKernel(int dim) {
    this.dim = dim;
    x = new double[dim][W];
    px = new double[dim][W];
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
    equal = dim > 1 && coordinatesEqual(b, from, to);
    boolean separable = b.family != Family.MULTIPLICATIVE;
    if (separable && (dim == 1 || equal)) {
      next = b.family == Family.TWOCOS ? runTwoWaves(b, next, to, out) : runRipple(b, next, to, out);
    } else if (dim == 2 && (b.family == Family.ADDITIVE || b.family == Family.QUADRATIC)) {
      next = runRipplePairs(b, next, to, out);
    } else if (b.family == Family.MULTIPLICATIVE && dim == 1) {
      next = runMultiplicative(b, next, to, out);
    } else if (b.family == Family.MULTIPLICATIVE && equal) {
      next = runMultiplicativeEqual(b, next, to, out);
    }
    while (freeSteps(b.steps) >= 0) {
      next = generalStep(b, next, to, out);
    }
  }

  /**
   * Whether every trajectory of the range starts with all coordinates equal and has one
   * learning rate for all: then, for a loss that is a sum over coordinates, every coordinate
   * takes the same operations on the same values at every step, so {@link #runRipple} computes
   * one coordinate for all n (the paper's n-D runs start at x0 = 1/n in every coordinate).
   */
  private boolean coordinatesEqual(TrajectoryBatch b, int from, int to) {
    for (int i = from; i < to; i++) {
      int base = i * dim;
      for (int d = 1; d < dim; d++) {
        if (Double.doubleToRawLongBits(b.x0[base + d]) != Double.doubleToRawLongBits(b.x0[base])
            || Double.doubleToRawLongBits(b.eta[base + d])
                != Double.doubleToRawLongBits(b.eta[base])) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The quadratic and additive families, fast: every lane's state stays in vector registers,
   * the inner loop has no per-lane masks, and it evaluates one sine per step and no cosine.
   * The loss f = sum (x_i^2 + a cos k x_i) (a = eps, or 0 for the quadratic) is needed only for
   * the divergence test, and cos lies in [-1, 1], so f <= sum (x_i^2 + |a|) in floating point
   * too (rounding is monotonic); with n equal coordinates that sum is at most
   * n (1 + 2^-40) (x^2 + |a|). While that bound is within B*n no lane can diverge. The loop runs
   * until a lane reaches T or the bound is crossed; then {@link #endRound} decides with the
   * exact loss.
   *
   * <p>Measured, so kept: each sine is taken before the branch (after it, 30% slower); no
   * vector is passed to a method the JIT might not inline (it would box it: 30% slower); and few
   * vectors are carried from step to step, since each sine call saves and restores them: the
   * step count is t0 + i, and the previous iterate goes to memory, not a register (carried, the
   * same loop took 0.92 s or 1.15 s for the Fig. 2a line depending on the warm-up).
   */
  private int runRipple(TrajectoryBatch b, int next, int to, Outcomes out) {
    final double a = b.family == Family.ADDITIVE ? 1 : 0;
    final DoubleVector limit = DoubleVector.broadcast(S, b.bound * dim);
    final double terms = terms();
    while (true) {
      int free = freeSteps(b.steps);
      if (free < 0) {
        return next;
      }
      // Group a: lanes 0..L-1; group b: lanes L..2L-1.
      DoubleVector xa = lanes(x[0], 0);
      DoubleVector xb = lanes(x[0], L);
      final DoubleVector etaa = lanes(eta[0], 0);
      final DoubleVector etab = lanes(eta[0], L);
      final DoubleVector ka = lanes(k, 0);
      final DoubleVector kb = lanes(k, L);
      final DoubleVector aa = lanes(eps, 0).mul(a);
      final DoubleVector ab = lanes(eps, L).mul(a);
      final DoubleVector absa = aa.abs();
      final DoubleVector absb = ab.abs();
      final DoubleVector aka = aa.mul(ka);
      final DoubleVector akb = ab.mul(kb);
      final DoubleVector t0a = lanes(t, 0);
      final DoubleVector t0b = lanes(t, L);
      DoubleVector ma = lanes(moved, 0);
      DoubleVector mb = lanes(moved, L);
      DoubleVector mta = lanes(movedTime, 0);
      DoubleVector mtb = lanes(movedTime, L);
      final double[] pxs = px[0];
      int i = 0;
      for (; i < free; i++) {
        DoubleVector sa = ka.mul(xa).lanewise(VectorOperators.SIN);
        DoubleVector sb = kb.mul(xb).lanewise(VectorOperators.SIN);
        if (!xa.mul(xa).add(absa).mul(terms).compare(VectorOperators.LE, limit)
            .and(xb.mul(xb).add(absb).mul(terms).compare(VectorOperators.LE, limit))
            .allTrue()) {
          break;
        }
        DoubleVector twoa = xa.mul(2.0);
        DoubleVector twob = xb.mul(2.0);
        DoubleVector stepa = etaa.mul(twoa.sub(aka.mul(sa)));
        DoubleVector stepb = etab.mul(twob.sub(akb.mul(sb)));
        DoubleVector nexta = xa.sub(stepa);
        DoubleVector changea = stepa.mul(twoa.sub(stepa)).abs();
        DoubleVector nextb = xb.sub(stepb);
        DoubleVector changeb = stepb.mul(twob.sub(stepb)).abs();
        ma = ma.add(changea);
        mb = mb.add(changeb);
        mta = mta.add(changea.mul(t0a.add(i)));
        mtb = mtb.add(changeb.mul(t0b.add(i)));
        xa.intoArray(pxs, 0);
        xb.intoArray(pxs, L);
        xa = nexta;
        xb = nextb;
      }
      xa.intoArray(x[0], 0);
      xb.intoArray(x[0], L);
      t0a.add(i).intoArray(t, 0);
      t0b.add(i).intoArray(t, L);
      ma.intoArray(moved, 0);
      mb.intoArray(moved, L);
      mta.intoArray(movedTime, 0);
      mtb.intoArray(movedTime, L);
      next = endRound(b, i > 0, true, next, to, out);
    }
  }

  /**
   * The quadratic and additive families in two dimensions with coordinates that differ (a plane
   * of per-coordinate learning rates), fast, as {@link #runRipple}: four independent chains of
   * one sine per step, both coordinates of both lane groups. Each coordinate steps on its own;
   * they meet only in the bound, sum_i (x_i^2 + |a|), and in the step length, the larger of
   * the two coordinates' steps.
   */
  private int runRipplePairs(TrajectoryBatch b, int next, int to, Outcomes out) {
    final double a = b.family == Family.ADDITIVE ? 1 : 0;
    final DoubleVector limit = DoubleVector.broadcast(S, b.bound * dim);
    while (true) {
      int free = freeSteps(b.steps);
      if (free < 0) {
        return next;
      }
      DoubleVector ua = lanes(x[0], 0);
      DoubleVector ub = lanes(x[0], L);
      DoubleVector va = lanes(x[1], 0);
      DoubleVector vb = lanes(x[1], L);
      final DoubleVector etaua = lanes(eta[0], 0);
      final DoubleVector etaub = lanes(eta[0], L);
      final DoubleVector etava = lanes(eta[1], 0);
      final DoubleVector etavb = lanes(eta[1], L);
      final DoubleVector ka = lanes(k, 0);
      final DoubleVector kb = lanes(k, L);
      final DoubleVector aa = lanes(eps, 0).mul(a);
      final DoubleVector ab = lanes(eps, L).mul(a);
      final DoubleVector absa = aa.abs();
      final DoubleVector absb = ab.abs();
      final DoubleVector aka = aa.mul(ka);
      final DoubleVector akb = ab.mul(kb);
      final DoubleVector t0a = lanes(t, 0);
      final DoubleVector t0b = lanes(t, L);
      DoubleVector ma = lanes(moved, 0);
      DoubleVector mb = lanes(moved, L);
      DoubleVector mta = lanes(movedTime, 0);
      DoubleVector mtb = lanes(movedTime, L);
      final double[] pus = px[0];
      final double[] pvs = px[1];
      int i = 0;
      for (; i < free; i++) {
        DoubleVector sua = ka.mul(ua).lanewise(VectorOperators.SIN);
        DoubleVector sub = kb.mul(ub).lanewise(VectorOperators.SIN);
        DoubleVector sva = ka.mul(va).lanewise(VectorOperators.SIN);
        DoubleVector svb = kb.mul(vb).lanewise(VectorOperators.SIN);
        if (!ua.mul(ua).add(absa).add(va.mul(va).add(absa)).compare(VectorOperators.LE, limit)
            .and(ub.mul(ub).add(absb).add(vb.mul(vb).add(absb))
                .compare(VectorOperators.LE, limit))
            .allTrue()) {
          break;
        }
        DoubleVector stepua = etaua.mul(ua.mul(2.0).sub(aka.mul(sua)));
        DoubleVector stepub = etaub.mul(ub.mul(2.0).sub(akb.mul(sub)));
        DoubleVector stepva = etava.mul(va.mul(2.0).sub(aka.mul(sva)));
        DoubleVector stepvb = etavb.mul(vb.mul(2.0).sub(akb.mul(svb)));
        DoubleVector nextua = ua.sub(stepua);
        DoubleVector nextub = ub.sub(stepub);
        DoubleVector nextva = va.sub(stepva);
        DoubleVector nextvb = vb.sub(stepvb);
        DoubleVector changea = stepua.mul(ua.mul(2.0).sub(stepua)).abs()
            .max(stepva.mul(va.mul(2.0).sub(stepva)).abs());
        DoubleVector changeb = stepub.mul(ub.mul(2.0).sub(stepub)).abs()
            .max(stepvb.mul(vb.mul(2.0).sub(stepvb)).abs());
        ma = ma.add(changea);
        mb = mb.add(changeb);
        mta = mta.add(changea.mul(t0a.add(i)));
        mtb = mtb.add(changeb.mul(t0b.add(i)));
        ua.intoArray(pus, 0);
        ub.intoArray(pus, L);
        va.intoArray(pvs, 0);
        vb.intoArray(pvs, L);
        ua = nextua;
        ub = nextub;
        va = nextva;
        vb = nextvb;
      }
      ua.intoArray(x[0], 0);
      ub.intoArray(x[0], L);
      va.intoArray(x[1], 0);
      vb.intoArray(x[1], L);
      t0a.add(i).intoArray(t, 0);
      t0b.add(i).intoArray(t, L);
      ma.intoArray(moved, 0);
      mb.intoArray(moved, L);
      mta.intoArray(movedTime, 0);
      mtb.intoArray(movedTime, L);
      next = endRound(b, i > 0, false, next, to, out);
    }
  }

  /**
   * The twocos family, fast, as {@link #runRipple}: two sines per step and no cosine, with the
   * bound f <= sum (x_i^2 + |eps| + |eps2|).
   */
  private int runTwoWaves(TrajectoryBatch b, int next, int to, Outcomes out) {
    final DoubleVector limit = DoubleVector.broadcast(S, b.bound * dim);
    final double terms = terms();
    while (true) {
      int free = freeSteps(b.steps);
      if (free < 0) {
        return next;
      }
      DoubleVector xa = lanes(x[0], 0);
      DoubleVector xb = lanes(x[0], L);
      final DoubleVector etaa = lanes(eta[0], 0);
      final DoubleVector etab = lanes(eta[0], L);
      final DoubleVector ka = lanes(k, 0);
      final DoubleVector kb = lanes(k, L);
      final DoubleVector k2a = lanes(k2, 0);
      final DoubleVector k2b = lanes(k2, L);
      final DoubleVector ea = lanes(eps, 0);
      final DoubleVector eb = lanes(eps, L);
      final DoubleVector e2a = lanes(eps2, 0);
      final DoubleVector e2b = lanes(eps2, L);
      final DoubleVector absa = ea.abs();
      final DoubleVector absb = eb.abs();
      final DoubleVector abs2a = e2a.abs();
      final DoubleVector abs2b = e2b.abs();
      final DoubleVector eka = ea.mul(ka);
      final DoubleVector ekb = eb.mul(kb);
      final DoubleVector ek2a = e2a.mul(k2a);
      final DoubleVector ek2b = e2b.mul(k2b);
      final DoubleVector t0a = lanes(t, 0);
      final DoubleVector t0b = lanes(t, L);
      DoubleVector ma = lanes(moved, 0);
      DoubleVector mb = lanes(moved, L);
      DoubleVector mta = lanes(movedTime, 0);
      DoubleVector mtb = lanes(movedTime, L);
      final double[] pxs = px[0];
      int i = 0;
      for (; i < free; i++) {
        DoubleVector sa = ka.mul(xa).lanewise(VectorOperators.SIN);
        DoubleVector sb = kb.mul(xb).lanewise(VectorOperators.SIN);
        DoubleVector s2a = k2a.mul(xa).lanewise(VectorOperators.SIN);
        DoubleVector s2b = k2b.mul(xb).lanewise(VectorOperators.SIN);
        if (!xa.mul(xa).add(absa).add(abs2a).mul(terms).compare(VectorOperators.LE, limit)
            .and(xb.mul(xb).add(absb).add(abs2b).mul(terms).compare(VectorOperators.LE, limit))
            .allTrue()) {
          break;
        }
        // Scalar order: 2x - eps k sin kx - eps2 k2 sin k2x.
        DoubleVector stepa = etaa.mul(xa.mul(2.0).sub(eka.mul(sa)).sub(ek2a.mul(s2a)));
        DoubleVector stepb = etab.mul(xb.mul(2.0).sub(ekb.mul(sb)).sub(ek2b.mul(s2b)));
        DoubleVector nexta = xa.sub(stepa);
        DoubleVector changea = stepa.mul(xa.mul(2.0).sub(stepa)).abs();
        DoubleVector nextb = xb.sub(stepb);
        DoubleVector changeb = stepb.mul(xb.mul(2.0).sub(stepb)).abs();
        ma = ma.add(changea);
        mb = mb.add(changeb);
        mta = mta.add(changea.mul(t0a.add(i)));
        mtb = mtb.add(changeb.mul(t0b.add(i)));
        xa.intoArray(pxs, 0);
        xb.intoArray(pxs, L);
        xa = nexta;
        xb = nextb;
      }
      xa.intoArray(x[0], 0);
      xb.intoArray(x[0], L);
      t0a.add(i).intoArray(t, 0);
      t0b.add(i).intoArray(t, L);
      ma.intoArray(moved, 0);
      mb.intoArray(moved, L);
      mta.intoArray(movedTime, 0);
      mtb.intoArray(movedTime, L);
      next = endRound(b, i > 0, true, next, to, out);
    }
  }

  /**
   * The multiplicative family in one dimension, fast, as {@link #runRipple}; its gradient needs
   * the cosine, so the loss comes at no extra cost and is tested directly. (With n coordinates
   * every gradient needs exact sums over all coordinates, a loop per operation here, which made
   * this loop 25% slower even for n = 1; those runs take the general step.)
   */
  private int runMultiplicative(TrajectoryBatch b, int next, int to, Outcomes out) {
    final DoubleVector limit = DoubleVector.broadcast(S, b.bound);
    while (true) {
      int free = freeSteps(b.steps);
      if (free < 0) {
        return next;
      }
      DoubleVector xa = lanes(x[0], 0);
      DoubleVector xb = lanes(x[0], L);
      final DoubleVector etaa = lanes(eta[0], 0);
      final DoubleVector etab = lanes(eta[0], L);
      final DoubleVector ka = lanes(k, 0);
      final DoubleVector kb = lanes(k, L);
      final DoubleVector ea = lanes(eps, 0);
      final DoubleVector eb = lanes(eps, L);
      final DoubleVector eka = ea.mul(ka);
      final DoubleVector ekb = eb.mul(kb);
      final DoubleVector t0a = lanes(t, 0);
      final DoubleVector t0b = lanes(t, L);
      DoubleVector pa = lanes(prev, 0);
      DoubleVector pb = lanes(prev, L);
      DoubleVector ma = lanes(moved, 0);
      DoubleVector mb = lanes(moved, L);
      DoubleVector mta = lanes(movedTime, 0);
      DoubleVector mtb = lanes(movedTime, L);
      int i = 0;
      for (; i < free; i++) {
        DoubleVector kxa = ka.mul(xa);
        DoubleVector kxb = kb.mul(xb);
        DoubleVector ca = kxa.lanewise(VectorOperators.COS);
        DoubleVector cb = kxb.lanewise(VectorOperators.COS);
        DoubleVector sa = kxa.lanewise(VectorOperators.SIN);
        DoubleVector sb = kxb.lanewise(VectorOperators.SIN);
        DoubleVector sqa = xa.mul(xa);
        DoubleVector sqb = xb.mul(xb);
        // Scalar order: scale = 1 + eps cos kx, f = x^2 scale.
        DoubleVector scalea = ea.mul(ca).add(1.0);
        DoubleVector scaleb = eb.mul(cb).add(1.0);
        DoubleVector fa = sqa.mul(scalea);
        DoubleVector fb = sqb.mul(scaleb);
        if (!fa.compare(VectorOperators.LE, limit).and(fb.compare(VectorOperators.LE, limit))
            .allTrue()) {
          break;
        }
        DoubleVector stepa = etaa.mul(xa.mul(2.0).mul(scalea).sub(eka.mul(sqa).mul(sa)));
        DoubleVector stepb = etab.mul(xb.mul(2.0).mul(scaleb).sub(ekb.mul(sqb).mul(sb)));
        DoubleVector nexta = xa.sub(stepa);
        DoubleVector changea = stepa.mul(xa.mul(2.0).sub(stepa)).abs();
        DoubleVector nextb = xb.sub(stepb);
        DoubleVector changeb = stepb.mul(xb.mul(2.0).sub(stepb)).abs();
        ma = ma.add(changea);
        mb = mb.add(changeb);
        mta = mta.add(changea.mul(t0a.add(i)));
        mtb = mtb.add(changeb.mul(t0b.add(i)));
        pa = fa;
        pb = fb;
        xa = nexta;
        xb = nextb;
      }
      xa.intoArray(x[0], 0);
      xb.intoArray(x[0], L);
      pa.intoArray(prev, 0);
      pb.intoArray(prev, L);
      t0a.add(i).intoArray(t, 0);
      t0b.add(i).intoArray(t, L);
      ma.intoArray(moved, 0);
      mb.intoArray(moved, L);
      mta.intoArray(movedTime, 0);
      mtb.intoArray(movedTime, L);
      next = generalStep(b, next, to, out);
    }
  }

  /**
   * The multiplicative family with n > 1 equal coordinates, as {@link #runMultiplicative}, with
   * one coordinate computed for all: sum_i x_i^2 and sum_i cos k x_i are the sums of n equal
   * terms, added one by one in the scalar kernel's order.
   */
  private int runMultiplicativeEqual(TrajectoryBatch b, int next, int to, Outcomes out) {
    final DoubleVector limit = DoubleVector.broadcast(S, b.bound * dim);
    while (true) {
      int free = freeSteps(b.steps);
      if (free < 0) {
        return next;
      }
      DoubleVector xa = lanes(x[0], 0);
      DoubleVector xb = lanes(x[0], L);
      final DoubleVector etaa = lanes(eta[0], 0);
      final DoubleVector etab = lanes(eta[0], L);
      final DoubleVector ka = lanes(k, 0);
      final DoubleVector kb = lanes(k, L);
      final DoubleVector ea = lanes(eps, 0);
      final DoubleVector eb = lanes(eps, L);
      final DoubleVector eka = ea.mul(ka);
      final DoubleVector ekb = eb.mul(kb);
      final DoubleVector t0a = lanes(t, 0);
      final DoubleVector t0b = lanes(t, L);
      DoubleVector ma = lanes(moved, 0);
      DoubleVector mb = lanes(moved, L);
      DoubleVector mta = lanes(movedTime, 0);
      DoubleVector mtb = lanes(movedTime, L);
      int i = 0;
      for (; i < free; i++) {
        DoubleVector kxa = ka.mul(xa);
        DoubleVector kxb = kb.mul(xb);
        DoubleVector ca = kxa.lanewise(VectorOperators.COS);
        DoubleVector cb = kxb.lanewise(VectorOperators.COS);
        DoubleVector sa = kxa.lanewise(VectorOperators.SIN);
        DoubleVector sb = kxb.lanewise(VectorOperators.SIN);
        DoubleVector xxa = xa.mul(xa);
        DoubleVector xxb = xb.mul(xb);
        DoubleVector sqa = xxa;
        DoubleVector sqb = xxb;
        DoubleVector suma = ca;
        DoubleVector sumb = cb;
        for (int d = 1; d < dim; d++) {
          sqa = sqa.add(xxa);
          sqb = sqb.add(xxb);
          suma = suma.add(ca);
          sumb = sumb.add(cb);
        }
        DoubleVector scalea = ea.mul(suma).add(1.0);
        DoubleVector scaleb = eb.mul(sumb).add(1.0);
        DoubleVector fa = sqa.mul(scalea);
        DoubleVector fb = sqb.mul(scaleb);
        if (!fa.compare(VectorOperators.LE, limit).and(fb.compare(VectorOperators.LE, limit))
            .allTrue()) {
          break;
        }
        DoubleVector stepa = etaa.mul(xa.mul(2.0).mul(scalea).sub(eka.mul(sqa).mul(sa)));
        DoubleVector stepb = etab.mul(xb.mul(2.0).mul(scaleb).sub(ekb.mul(sqb).mul(sb)));
        DoubleVector nexta = xa.sub(stepa);
        DoubleVector changea = stepa.mul(xa.mul(2.0).sub(stepa)).abs();
        DoubleVector nextb = xb.sub(stepb);
        DoubleVector changeb = stepb.mul(xb.mul(2.0).sub(stepb)).abs();
        ma = ma.add(changea);
        mb = mb.add(changeb);
        mta = mta.add(changea.mul(t0a.add(i)));
        mtb = mtb.add(changeb.mul(t0b.add(i)));
        fa.intoArray(prev, 0);
        fb.intoArray(prev, L);
        xa = nexta;
        xb = nextb;
      }
      xa.intoArray(x[0], 0);
      xb.intoArray(x[0], L);
      t0a.add(i).intoArray(t, 0);
      t0b.add(i).intoArray(t, L);
      ma.intoArray(moved, 0);
      mb.intoArray(moved, L);
      mta.intoArray(movedTime, 0);
      mtb.intoArray(movedTime, L);
      copyCoordinate0(x);
      next = generalStep(b, next, to, out);
    }
  }

  /** Copies coordinate 0 of every lane to the other coordinates. */
  private void copyCoordinate0(double[][] iterate) {
    for (int d = 1; d < dim; d++) {
      System.arraycopy(iterate[0], 0, iterate[d], 0, W);
    }
  }

  private static DoubleVector lanes(double[] array, int offset) {
    return DoubleVector.fromArray(S, array, offset);
  }

  /**
   * n (1 + 2^-40): at least the floating-point sum of n equal non-negative terms over one of
   * them (exactly 1 for n = 1).
   */
  private double terms() {
    return dim == 1 ? 1 : dim * (1 + 0x1p-40);
  }

  /**
   * Ends a round of a fast loop of the separable families, which left the iterate in x and the
   * previous one in px (coordinate 0 standing for all when allEqual): sets prev to the exact
   * loss of the previous iterate where a lane may diverge on the general step that follows (its
   * crossing time needs it; where none may, the general step sets prev itself), then takes that
   * step.
   */
  private int endRound(TrajectoryBatch b, boolean stepped, boolean allEqual, int next, int to,
      Outcomes out) {
    if (allEqual) {
      copyCoordinate0(x);
      copyCoordinate0(px);
    }
    if (stepped && mayCross(b)) {
      swapIterates();
      for (int o = 0; o < W; o += L) {
        lossAndGradient(b.family, o);
      }
      System.arraycopy(f, 0, prev, 0, W);
      swapIterates();
    }
    return generalStep(b, next, to, out);
  }

  private void swapIterates() {
    double[][] previous = px;
    px = x;
    x = previous;
  }

  /**
   * Whether some lane's loss may exceed B*n at x: sum_i ((x_i^2 + |eps|) + |eps2|) is a bound
   * for every separable family, in floating point too (each operation of the loss's own sum is
   * monotonic and each term only grew).
   */
  private boolean mayCross(TrajectoryBatch b) {
    double limit = b.bound * dim;
    for (int lane = 0; lane < W; lane++) {
      double bound = 0;
      for (int d = 0; d < dim; d++) {
        double xd = x[d][lane];
        bound += xd * xd + Math.abs(eps[lane]) + Math.abs(eps2[lane]);
      }
      if (!(bound <= limit)) {
        return true;
      }
    }
    return false;
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
      VectorMask<Double> live = lanes(alive, o)
          .compare(VectorOperators.GT, 0.0);
      lossAndGradient(b.family, o);
      DoubleVector fv = lanes(f, o);
      DoubleVector tv = lanes(t, o);
      DoubleVector pv = lanes(prev, o);
      VectorMask<Double> div = fv.compare(VectorOperators.LE, limitV).not().and(live);
      VectorMask<Double> going = live.andNot(div);
      VectorMask<Double> bounded = going.and(tv.compare(VectorOperators.EQ, stepsV));
      VectorMask<Double> step = going.andNot(bounded);
      pv.blend(fv, step).intoArray(prev, o);
      DoubleVector change = DoubleVector.zero(S);
      for (int d = 0; d < dim; d++) {
        DoubleVector xv = lanes(x[d], o);
        DoubleVector sv = lanes(eta[d], o).mul(lanes(g[d], o));
        xv.sub(sv, step).intoArray(x[d], o);
        change = change.max(sv.mul(xv.mul(2.0).sub(sv)).abs());
      }
      lanes(moved, o).add(change, step).intoArray(moved, o);
      lanes(movedTime, o).add(change.mul(tv), step).intoArray(movedTime, o);
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
   * results to the arrays itself: the JIT keeps vectors in registers only where control flow
   * does not merge them, and a server runs every family in one JVM (vectors merged after a
   * branch on the family were boxed, several times slower).
   */
  private void lossAndGradient(Family family, int o) {
    DoubleVector ev = lanes(eps, o);
    DoubleVector kv = lanes(k, o);
    DoubleVector ekv = ev.mul(kv);
    DoubleVector.zero(S).intoArray(f, o);
    switch (family) {
      case MULTIPLICATIVE: {
        // Not a sum over coordinates: the cosines of all coordinates scale every term.
        DoubleVector sq = DoubleVector.zero(S);
        DoubleVector cos = DoubleVector.zero(S);
        for (int d = 0; d < dim; d++) {
          if (computes(d)) {
            DoubleVector xv = lanes(x[d], o);
            xv.mul(xv).intoArray(term, o);
            kv.mul(xv).lanewise(VectorOperators.COS).intoArray(wave, o);
          }
          sq = sq.add(lanes(term, o));
          cos = cos.add(lanes(wave, o));
        }
        DoubleVector scale = ev.mul(cos).add(1.0);
        DoubleVector eks = ekv.mul(sq);
        for (int d = 0; d < dim; d++) {
          if (computes(d)) {
            DoubleVector xv = lanes(x[d], o);
            xv.mul(2.0).mul(scale).sub(eks.mul(kv.mul(xv).lanewise(VectorOperators.SIN)))
                .intoArray(g[d], o);
          } else {
            System.arraycopy(g[0], o, g[d], o, L);
          }
        }
        sq.mul(scale).intoArray(f, o);
        return;
      }
      case TWOCOS: {
        DoubleVector e2v = lanes(eps2, o);
        DoubleVector k2v = lanes(k2, o);
        DoubleVector ek2v = e2v.mul(k2v);
        for (int d = 0; d < dim; d++) {
          if (computes(d)) {
            DoubleVector xv = lanes(x[d], o);
            DoubleVector kx = kv.mul(xv);
            DoubleVector k2x = k2v.mul(xv);
            xv.mul(xv).add(ev.mul(kx.lanewise(VectorOperators.COS)))
                .add(e2v.mul(k2x.lanewise(VectorOperators.COS))).intoArray(term, o);
            xv.mul(2.0).sub(ekv.mul(kx.lanewise(VectorOperators.SIN)))
                .sub(ek2v.mul(k2x.lanewise(VectorOperators.SIN))).intoArray(g[d], o);
          } else {
            System.arraycopy(g[0], o, g[d], o, L);
          }
          lanes(f, o).add(lanes(term, o)).intoArray(f, o);
        }
        return;
      }
      default: {
        // Quadratic and additive: x^2 + a cos kx and 2x - a k sin kx, a = eps or 0.
        DoubleVector av = ev.mul(family == Family.ADDITIVE ? 1 : 0);
        DoubleVector akv = av.mul(kv);
        for (int d = 0; d < dim; d++) {
          if (computes(d)) {
            DoubleVector xv = lanes(x[d], o);
            DoubleVector kx = kv.mul(xv);
            xv.mul(xv).add(av.mul(kx.lanewise(VectorOperators.COS))).intoArray(term, o);
            xv.mul(2.0).sub(akv.mul(kx.lanewise(VectorOperators.SIN))).intoArray(g[d], o);
          } else {
            System.arraycopy(g[0], o, g[d], o, L);
          }
          lanes(f, o).add(lanes(term, o)).intoArray(f, o);
        }
      }
    }
  }

  /**
   * Whether coordinate d's terms are computed; with equal coordinates only coordinate 0's are,
   * and the others reuse them (same operations on the same values), still summed one by one.
   */
  private boolean computes(int d) {
    return d == 0 || !equal;
  }
}
