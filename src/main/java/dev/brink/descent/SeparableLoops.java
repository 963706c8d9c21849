package dev.brink.descent;

import static dev.brink.descent.LaneWorkspace.L;
import static dev.brink.descent.LaneWorkspace.S;
import static dev.brink.descent.LaneWorkspace.W;

import dev.brink.landscape.Family;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link VectorKernel}'s fast loops for the separable families (quadratic, additive, twocos):
 * every lane's state stays in vector registers, the inner loop has no per-lane masks, and no
 * cosine is taken (see {@link #ripple}). Each loop runs rounds until no lane is live; a round
 * ends when a lane reaches T or may diverge, and {@link LaneWorkspace#endRound} settles it.
 *
 * <p>Each loop spells out its own round set-up and stores, as {@link MultiplicativeLoops} does:
 * a helper taking or returning several vectors is not always inlined in methods this large,
 * and a vector passed to a call that is not inlined is boxed (measured: 30% slower).
 */
final class SeparableLoops {
  private SeparableLoops() {
  }

  /**
   * The quadratic and additive families, fast: every lane's state stays in vector registers,
   * the inner loop has no per-lane masks, and it evaluates one sine per step and no cosine.
   * The loss f = sum (x_i^2 + a cos k x_i) (a = eps, or 0 for the quadratic) is needed only for
   * the divergence test, and cos lies in [-1, 1], so f <= sum (x_i^2 + |a|) in floating point
   * too (rounding is monotonic); with n equal coordinates that sum is at most
   * n (1 + 2^-40) (x^2 + |a|). While that bound is within B*n no lane can diverge. The loop runs
   * until a lane reaches T or the bound is crossed; then {@link LaneWorkspace#endRound}
   * decides with the exact loss.
   *
   * <p>Measured, so kept: each sine is taken before the branch (after it, 30% slower); no
   * vector is passed to a method the JIT might not inline (it would box it: 30% slower); and few
   * vectors are carried from step to step, since each sine call saves and restores them: the
   * step count is t0 + i, and the previous iterate goes to memory, not a register (carried, the
   * same loop took 0.92 s or 1.15 s for the Fig. 2a line depending on the warm-up).
   */
  static int ripple(LaneWorkspace ws, TrajectoryBatch b, int next, int to, Outcomes out) {
    final double a = b.family == Family.ADDITIVE ? 1 : 0;
    final DoubleVector limit = DoubleVector.broadcast(S, b.bound * ws.dim);
    final double terms = terms(ws.dim);
    while (true) {
      int free = ws.freeSteps(b.steps);
      if (free < 0) {
        return next;
      }
      // Group a: lanes 0..L-1; group b: lanes L..2L-1.
      DoubleVector xa = DoubleVector.fromArray(S, ws.x[0], 0);
      DoubleVector xb = DoubleVector.fromArray(S, ws.x[0], L);
      final DoubleVector etaa = DoubleVector.fromArray(S, ws.eta[0], 0);
      final DoubleVector etab = DoubleVector.fromArray(S, ws.eta[0], L);
      final DoubleVector ka = DoubleVector.fromArray(S, ws.k, 0);
      final DoubleVector kb = DoubleVector.fromArray(S, ws.k, L);
      final DoubleVector aa = DoubleVector.fromArray(S, ws.eps, 0).mul(a);
      final DoubleVector ab = DoubleVector.fromArray(S, ws.eps, L).mul(a);
      final DoubleVector absa = aa.abs();
      final DoubleVector absb = ab.abs();
      final DoubleVector aka = aa.mul(ka);
      final DoubleVector akb = ab.mul(kb);
      final DoubleVector t0a = DoubleVector.fromArray(S, ws.t, 0);
      final DoubleVector t0b = DoubleVector.fromArray(S, ws.t, L);
      DoubleVector ma = DoubleVector.fromArray(S, ws.moved, 0);
      DoubleVector mb = DoubleVector.fromArray(S, ws.moved, L);
      DoubleVector mta = DoubleVector.fromArray(S, ws.movedTime, 0);
      DoubleVector mtb = DoubleVector.fromArray(S, ws.movedTime, L);
      final double[] pxs = ws.px[0];
      final double[] waves = ws.waves;
      int i = 0;
      for (; i < free; i++) {
        ka.mul(xa).intoArray(waves, 0);
        kb.mul(xb).intoArray(waves, L);
        VectorTrig.sin(waves, 0, W);
        DoubleVector sa = DoubleVector.fromArray(S, waves, 0);
        DoubleVector sb = DoubleVector.fromArray(S, waves, L);
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
      xa.intoArray(ws.x[0], 0);
      xb.intoArray(ws.x[0], L);
      t0a.add(i).intoArray(ws.t, 0);
      t0b.add(i).intoArray(ws.t, L);
      ma.intoArray(ws.moved, 0);
      mb.intoArray(ws.moved, L);
      mta.intoArray(ws.movedTime, 0);
      mtb.intoArray(ws.movedTime, L);
      next = ws.endRound(b, i > 0, next, to, out);
    }
  }

  /**
   * The quadratic and additive families in two dimensions with coordinates that differ (a plane
   * of per-coordinate learning rates), fast, as {@link #ripple}: four independent chains of
   * one sine per step, both coordinates of both lane groups. Each coordinate steps on its own;
   * they meet only in the bound, sum_i (x_i^2 + |a|), and in the step length, the larger of
   * the two coordinates' steps.
   */
  static int pairs(LaneWorkspace ws, TrajectoryBatch b, int next, int to, Outcomes out) {
    final double a = b.family == Family.ADDITIVE ? 1 : 0;
    final DoubleVector limit = DoubleVector.broadcast(S, b.bound * ws.dim);
    while (true) {
      int free = ws.freeSteps(b.steps);
      if (free < 0) {
        return next;
      }
      DoubleVector ua = DoubleVector.fromArray(S, ws.x[0], 0);
      DoubleVector ub = DoubleVector.fromArray(S, ws.x[0], L);
      DoubleVector va = DoubleVector.fromArray(S, ws.x[1], 0);
      DoubleVector vb = DoubleVector.fromArray(S, ws.x[1], L);
      final DoubleVector etaua = DoubleVector.fromArray(S, ws.eta[0], 0);
      final DoubleVector etaub = DoubleVector.fromArray(S, ws.eta[0], L);
      final DoubleVector etava = DoubleVector.fromArray(S, ws.eta[1], 0);
      final DoubleVector etavb = DoubleVector.fromArray(S, ws.eta[1], L);
      final DoubleVector ka = DoubleVector.fromArray(S, ws.k, 0);
      final DoubleVector kb = DoubleVector.fromArray(S, ws.k, L);
      final DoubleVector aa = DoubleVector.fromArray(S, ws.eps, 0).mul(a);
      final DoubleVector ab = DoubleVector.fromArray(S, ws.eps, L).mul(a);
      final DoubleVector absa = aa.abs();
      final DoubleVector absb = ab.abs();
      final DoubleVector aka = aa.mul(ka);
      final DoubleVector akb = ab.mul(kb);
      final DoubleVector t0a = DoubleVector.fromArray(S, ws.t, 0);
      final DoubleVector t0b = DoubleVector.fromArray(S, ws.t, L);
      DoubleVector ma = DoubleVector.fromArray(S, ws.moved, 0);
      DoubleVector mb = DoubleVector.fromArray(S, ws.moved, L);
      DoubleVector mta = DoubleVector.fromArray(S, ws.movedTime, 0);
      DoubleVector mtb = DoubleVector.fromArray(S, ws.movedTime, L);
      final double[] pus = ws.px[0];
      final double[] pvs = ws.px[1];
      final double[] waves = ws.waves;
      int i = 0;
      for (; i < free; i++) {
        ka.mul(ua).intoArray(waves, 0);
        kb.mul(ub).intoArray(waves, L);
        ka.mul(va).intoArray(waves, W);
        kb.mul(vb).intoArray(waves, W + L);
        VectorTrig.sin(waves, 0, 2 * W);
        DoubleVector sua = DoubleVector.fromArray(S, waves, 0);
        DoubleVector sub = DoubleVector.fromArray(S, waves, L);
        DoubleVector sva = DoubleVector.fromArray(S, waves, W);
        DoubleVector svb = DoubleVector.fromArray(S, waves, W + L);
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
      ua.intoArray(ws.x[0], 0);
      ub.intoArray(ws.x[0], L);
      va.intoArray(ws.x[1], 0);
      vb.intoArray(ws.x[1], L);
      t0a.add(i).intoArray(ws.t, 0);
      t0b.add(i).intoArray(ws.t, L);
      ma.intoArray(ws.moved, 0);
      mb.intoArray(ws.moved, L);
      mta.intoArray(ws.movedTime, 0);
      mtb.intoArray(ws.movedTime, L);
      next = ws.endRound(b, i > 0, next, to, out);
    }
  }

  /**
   * The twocos family, fast, as {@link #ripple}: two sines per step and no cosine, with the
   * bound f <= sum (x_i^2 + |eps| + |eps2|).
   */
  static int twoWaves(LaneWorkspace ws, TrajectoryBatch b, int next, int to, Outcomes out) {
    final DoubleVector limit = DoubleVector.broadcast(S, b.bound * ws.dim);
    final double terms = terms(ws.dim);
    while (true) {
      int free = ws.freeSteps(b.steps);
      if (free < 0) {
        return next;
      }
      DoubleVector xa = DoubleVector.fromArray(S, ws.x[0], 0);
      DoubleVector xb = DoubleVector.fromArray(S, ws.x[0], L);
      final DoubleVector etaa = DoubleVector.fromArray(S, ws.eta[0], 0);
      final DoubleVector etab = DoubleVector.fromArray(S, ws.eta[0], L);
      final DoubleVector ka = DoubleVector.fromArray(S, ws.k, 0);
      final DoubleVector kb = DoubleVector.fromArray(S, ws.k, L);
      final DoubleVector k2a = DoubleVector.fromArray(S, ws.k2, 0);
      final DoubleVector k2b = DoubleVector.fromArray(S, ws.k2, L);
      final DoubleVector ea = DoubleVector.fromArray(S, ws.eps, 0);
      final DoubleVector eb = DoubleVector.fromArray(S, ws.eps, L);
      final DoubleVector e2a = DoubleVector.fromArray(S, ws.eps2, 0);
      final DoubleVector e2b = DoubleVector.fromArray(S, ws.eps2, L);
      final DoubleVector absa = ea.abs();
      final DoubleVector absb = eb.abs();
      final DoubleVector abs2a = e2a.abs();
      final DoubleVector abs2b = e2b.abs();
      final DoubleVector eka = ea.mul(ka);
      final DoubleVector ekb = eb.mul(kb);
      final DoubleVector ek2a = e2a.mul(k2a);
      final DoubleVector ek2b = e2b.mul(k2b);
      final DoubleVector t0a = DoubleVector.fromArray(S, ws.t, 0);
      final DoubleVector t0b = DoubleVector.fromArray(S, ws.t, L);
      DoubleVector ma = DoubleVector.fromArray(S, ws.moved, 0);
      DoubleVector mb = DoubleVector.fromArray(S, ws.moved, L);
      DoubleVector mta = DoubleVector.fromArray(S, ws.movedTime, 0);
      DoubleVector mtb = DoubleVector.fromArray(S, ws.movedTime, L);
      final double[] pxs = ws.px[0];
      final double[] waves = ws.waves;
      int i = 0;
      for (; i < free; i++) {
        ka.mul(xa).intoArray(waves, 0);
        kb.mul(xb).intoArray(waves, L);
        k2a.mul(xa).intoArray(waves, W);
        k2b.mul(xb).intoArray(waves, W + L);
        VectorTrig.sin(waves, 0, 2 * W);
        DoubleVector sa = DoubleVector.fromArray(S, waves, 0);
        DoubleVector sb = DoubleVector.fromArray(S, waves, L);
        DoubleVector s2a = DoubleVector.fromArray(S, waves, W);
        DoubleVector s2b = DoubleVector.fromArray(S, waves, W + L);
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
      xa.intoArray(ws.x[0], 0);
      xb.intoArray(ws.x[0], L);
      t0a.add(i).intoArray(ws.t, 0);
      t0b.add(i).intoArray(ws.t, L);
      ma.intoArray(ws.moved, 0);
      mb.intoArray(ws.moved, L);
      mta.intoArray(ws.movedTime, 0);
      mtb.intoArray(ws.movedTime, L);
      next = ws.endRound(b, i > 0, next, to, out);
    }
  }

  /**
   * The twocos family in two dimensions with coordinates that differ, fast, as {@link #pairs}
   * with the second wave of {@link #twoWaves}: eight independent sines per step, both waves of
   * both coordinates of both lane groups, and the bound sum_i ((x_i^2 + |eps|) + |eps2|).
   */
  static int wavePairs(LaneWorkspace ws, TrajectoryBatch b, int next, int to, Outcomes out) {
    final DoubleVector limit = DoubleVector.broadcast(S, b.bound * 2);
    while (true) {
      int free = ws.freeSteps(b.steps);
      if (free < 0) {
        return next;
      }
      DoubleVector ua = DoubleVector.fromArray(S, ws.x[0], 0);
      DoubleVector ub = DoubleVector.fromArray(S, ws.x[0], L);
      DoubleVector va = DoubleVector.fromArray(S, ws.x[1], 0);
      DoubleVector vb = DoubleVector.fromArray(S, ws.x[1], L);
      final DoubleVector etaua = DoubleVector.fromArray(S, ws.eta[0], 0);
      final DoubleVector etaub = DoubleVector.fromArray(S, ws.eta[0], L);
      final DoubleVector etava = DoubleVector.fromArray(S, ws.eta[1], 0);
      final DoubleVector etavb = DoubleVector.fromArray(S, ws.eta[1], L);
      final DoubleVector ka = DoubleVector.fromArray(S, ws.k, 0);
      final DoubleVector kb = DoubleVector.fromArray(S, ws.k, L);
      final DoubleVector k2a = DoubleVector.fromArray(S, ws.k2, 0);
      final DoubleVector k2b = DoubleVector.fromArray(S, ws.k2, L);
      final DoubleVector ea = DoubleVector.fromArray(S, ws.eps, 0);
      final DoubleVector eb = DoubleVector.fromArray(S, ws.eps, L);
      final DoubleVector e2a = DoubleVector.fromArray(S, ws.eps2, 0);
      final DoubleVector e2b = DoubleVector.fromArray(S, ws.eps2, L);
      final DoubleVector absa = ea.abs();
      final DoubleVector absb = eb.abs();
      final DoubleVector abs2a = e2a.abs();
      final DoubleVector abs2b = e2b.abs();
      final DoubleVector eka = ea.mul(ka);
      final DoubleVector ekb = eb.mul(kb);
      final DoubleVector ek2a = e2a.mul(k2a);
      final DoubleVector ek2b = e2b.mul(k2b);
      final DoubleVector t0a = DoubleVector.fromArray(S, ws.t, 0);
      final DoubleVector t0b = DoubleVector.fromArray(S, ws.t, L);
      DoubleVector ma = DoubleVector.fromArray(S, ws.moved, 0);
      DoubleVector mb = DoubleVector.fromArray(S, ws.moved, L);
      DoubleVector mta = DoubleVector.fromArray(S, ws.movedTime, 0);
      DoubleVector mtb = DoubleVector.fromArray(S, ws.movedTime, L);
      final double[] pus = ws.px[0];
      final double[] pvs = ws.px[1];
      final double[] waves = ws.waves;
      int i = 0;
      for (; i < free; i++) {
        ka.mul(ua).intoArray(waves, 0);
        kb.mul(ub).intoArray(waves, L);
        ka.mul(va).intoArray(waves, W);
        kb.mul(vb).intoArray(waves, W + L);
        k2a.mul(ua).intoArray(waves, 2 * W);
        k2b.mul(ub).intoArray(waves, 2 * W + L);
        k2a.mul(va).intoArray(waves, 3 * W);
        k2b.mul(vb).intoArray(waves, 3 * W + L);
        VectorTrig.sin(waves, 0, 4 * W);
        DoubleVector sua = DoubleVector.fromArray(S, waves, 0);
        DoubleVector sub = DoubleVector.fromArray(S, waves, L);
        DoubleVector sva = DoubleVector.fromArray(S, waves, W);
        DoubleVector svb = DoubleVector.fromArray(S, waves, W + L);
        DoubleVector s2ua = DoubleVector.fromArray(S, waves, 2 * W);
        DoubleVector s2ub = DoubleVector.fromArray(S, waves, 2 * W + L);
        DoubleVector s2va = DoubleVector.fromArray(S, waves, 3 * W);
        DoubleVector s2vb = DoubleVector.fromArray(S, waves, 3 * W + L);
        if (!ua.mul(ua).add(absa).add(abs2a).add(va.mul(va).add(absa).add(abs2a))
            .compare(VectorOperators.LE, limit)
            .and(ub.mul(ub).add(absb).add(abs2b).add(vb.mul(vb).add(absb).add(abs2b))
                .compare(VectorOperators.LE, limit))
            .allTrue()) {
          break;
        }
        DoubleVector stepua = etaua.mul(ua.mul(2.0).sub(eka.mul(sua)).sub(ek2a.mul(s2ua)));
        DoubleVector stepub = etaub.mul(ub.mul(2.0).sub(ekb.mul(sub)).sub(ek2b.mul(s2ub)));
        DoubleVector stepva = etava.mul(va.mul(2.0).sub(eka.mul(sva)).sub(ek2a.mul(s2va)));
        DoubleVector stepvb = etavb.mul(vb.mul(2.0).sub(ekb.mul(svb)).sub(ek2b.mul(s2vb)));
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
        ua = ua.sub(stepua);
        ub = ub.sub(stepub);
        va = va.sub(stepva);
        vb = vb.sub(stepvb);
      }
      ua.intoArray(ws.x[0], 0);
      ub.intoArray(ws.x[0], L);
      va.intoArray(ws.x[1], 0);
      vb.intoArray(ws.x[1], L);
      t0a.add(i).intoArray(ws.t, 0);
      t0b.add(i).intoArray(ws.t, L);
      ma.intoArray(ws.moved, 0);
      mb.intoArray(ws.moved, L);
      mta.intoArray(ws.movedTime, 0);
      mtb.intoArray(ws.movedTime, L);
      next = ws.endRound(b, i > 0, next, to, out);
    }
  }

  /**
   * n (1 + 2^-40): at least the floating-point sum of n equal non-negative terms over one of
   * them (exactly 1 for n = 1).
   */
  static double terms(int dim) {
    return dim == 1 ? 1 : dim * (1 + 0x1p-40);
  }
}
