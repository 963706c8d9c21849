package dev.brink.descent;

import static dev.brink.descent.LaneWorkspace.L;
import static dev.brink.descent.LaneWorkspace.S;
import static dev.brink.descent.LaneWorkspace.W;

import dev.brink.landscape.Family;
import dev.brink.optimizer.Optimizer;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link VectorKernel}'s fast loops for momentum and Nesterov on the separable families with one
 * coordinate or n equal ones ({@link SeparableLoops#ripple} and {@link SeparableLoops#twoWaves}
 * with each lane's velocity in a register too), and for heavy ball and Nesterov on the
 * multiplicative family in one dimension ({@link MultiplicativeLoops#oneCoordinate}'s). Deliberate copies of those
 * loops (the hot loops of momentum's lines and planes): a shared one would need a branch on the
 * optimizer inside the step, and vectors merged after a branch are boxed. OptimizerKernelTest
 * checks each against the scalar kernel.
 */
final class MomentumLoops {
  private MomentumLoops() {
  }

  /**
   * One sine per step, at x for momentum and at the look-ahead point x - eta (beta v) for
   * Nesterov (momentum computes the same expression with beta 0, which is x exactly while v is
   * finite, and a lane whose v is not finite is past the bound); the bound of the loss at x, as
   * in ripple, ends a round where a lane may diverge.
   */
  static int ripple(LaneWorkspace ws, TrajectoryBatch b, int next, int to, Outcomes out) {
    final double a = b.family == Family.ADDITIVE ? 1 : 0;
    final double ahead = b.optimizer == Optimizer.NESTEROV ? 1 : 0;
    final DoubleVector limit = DoubleVector.broadcast(S, b.bound * ws.dim);
    final double terms = SeparableLoops.terms(ws.dim);
    while (true) {
      int free = ws.freeSteps(b.steps);
      if (free < 0) {
        return next;
      }
      DoubleVector xa = DoubleVector.fromArray(S, ws.x[0], 0);
      DoubleVector xb = DoubleVector.fromArray(S, ws.x[0], L);
      DoubleVector va = DoubleVector.fromArray(S, ws.v[0], 0);
      DoubleVector vb = DoubleVector.fromArray(S, ws.v[0], L);
      final DoubleVector etaa = DoubleVector.fromArray(S, ws.eta[0], 0);
      final DoubleVector etab = DoubleVector.fromArray(S, ws.eta[0], L);
      final DoubleVector betaa = DoubleVector.fromArray(S, ws.beta, 0);
      final DoubleVector betab = DoubleVector.fromArray(S, ws.beta, L);
      final DoubleVector lookaheada = betaa.mul(ahead);
      final DoubleVector lookaheadb = betab.mul(ahead);
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
        DoubleVector ya = xa.sub(etaa.mul(lookaheada.mul(va)));
        DoubleVector yb = xb.sub(etab.mul(lookaheadb.mul(vb)));
        ka.mul(ya).intoArray(waves, 0);
        kb.mul(yb).intoArray(waves, L);
        VectorTrig.sin(waves, 0, W);
        DoubleVector sa = DoubleVector.fromArray(S, waves, 0);
        DoubleVector sb = DoubleVector.fromArray(S, waves, L);
        if (!xa.mul(xa).add(absa).mul(terms).compare(VectorOperators.LE, limit)
            .and(xb.mul(xb).add(absb).mul(terms).compare(VectorOperators.LE, limit))
            .allTrue()) {
          break;
        }
        va = betaa.mul(va).add(ya.mul(2.0).sub(aka.mul(sa)));
        vb = betab.mul(vb).add(yb.mul(2.0).sub(akb.mul(sb)));
        DoubleVector stepa = etaa.mul(va);
        DoubleVector stepb = etab.mul(vb);
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
      va.intoArray(ws.v[0], 0);
      vb.intoArray(ws.v[0], L);
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
   * The twocos family, as {@link #ripple} with {@link SeparableLoops#twoWaves}' second wave: two
   * sines per step at x (momentum) or at the look-ahead point (Nesterov), and the bound
   * f <= sum (x_i^2 + |eps| + |eps2|) at x.
   */
  static int twoWaves(LaneWorkspace ws, TrajectoryBatch b, int next, int to, Outcomes out) {
    final double ahead = b.optimizer == Optimizer.NESTEROV ? 1 : 0;
    final DoubleVector limit = DoubleVector.broadcast(S, b.bound * ws.dim);
    final double terms = SeparableLoops.terms(ws.dim);
    while (true) {
      int free = ws.freeSteps(b.steps);
      if (free < 0) {
        return next;
      }
      DoubleVector xa = DoubleVector.fromArray(S, ws.x[0], 0);
      DoubleVector xb = DoubleVector.fromArray(S, ws.x[0], L);
      DoubleVector va = DoubleVector.fromArray(S, ws.v[0], 0);
      DoubleVector vb = DoubleVector.fromArray(S, ws.v[0], L);
      final DoubleVector etaa = DoubleVector.fromArray(S, ws.eta[0], 0);
      final DoubleVector etab = DoubleVector.fromArray(S, ws.eta[0], L);
      final DoubleVector betaa = DoubleVector.fromArray(S, ws.beta, 0);
      final DoubleVector betab = DoubleVector.fromArray(S, ws.beta, L);
      final DoubleVector lookaheada = betaa.mul(ahead);
      final DoubleVector lookaheadb = betab.mul(ahead);
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
        DoubleVector ya = xa.sub(etaa.mul(lookaheada.mul(va)));
        DoubleVector yb = xb.sub(etab.mul(lookaheadb.mul(vb)));
        ka.mul(ya).intoArray(waves, 0);
        kb.mul(yb).intoArray(waves, L);
        k2a.mul(ya).intoArray(waves, W);
        k2b.mul(yb).intoArray(waves, W + L);
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
        // Scalar order: 2y - eps k sin ky - eps2 k2 sin k2y.
        va = betaa.mul(va).add(ya.mul(2.0).sub(eka.mul(sa)).sub(ek2a.mul(s2a)));
        vb = betab.mul(vb).add(yb.mul(2.0).sub(ekb.mul(sb)).sub(ek2b.mul(s2b)));
        DoubleVector stepa = etaa.mul(va);
        DoubleVector stepb = etab.mul(vb);
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
      va.intoArray(ws.v[0], 0);
      vb.intoArray(ws.v[0], L);
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
   * Heavy ball on the multiplicative family in one dimension, as
   * {@link MultiplicativeLoops#oneCoordinate} with the velocity in a register: the gradient at
   * x needs the cosine there, so the exact loss is tested, and a round ends with settle.
   * (Nesterov takes its gradient elsewhere than its loss: {@link #nesterovMultiplicative}.)
   */
  static int multiplicative(LaneWorkspace ws, TrajectoryBatch b, int next, int to,
      Outcomes out) {
    final DoubleVector limit = DoubleVector.broadcast(S, b.bound);
    while (true) {
      int free = ws.freeSteps(b.steps);
      if (free < 0) {
        return next;
      }
      DoubleVector xa = DoubleVector.fromArray(S, ws.x[0], 0);
      DoubleVector xb = DoubleVector.fromArray(S, ws.x[0], L);
      DoubleVector va = DoubleVector.fromArray(S, ws.v[0], 0);
      DoubleVector vb = DoubleVector.fromArray(S, ws.v[0], L);
      final DoubleVector etaa = DoubleVector.fromArray(S, ws.eta[0], 0);
      final DoubleVector etab = DoubleVector.fromArray(S, ws.eta[0], L);
      final DoubleVector betaa = DoubleVector.fromArray(S, ws.beta, 0);
      final DoubleVector betab = DoubleVector.fromArray(S, ws.beta, L);
      final DoubleVector ka = DoubleVector.fromArray(S, ws.k, 0);
      final DoubleVector kb = DoubleVector.fromArray(S, ws.k, L);
      final DoubleVector ea = DoubleVector.fromArray(S, ws.eps, 0);
      final DoubleVector eb = DoubleVector.fromArray(S, ws.eps, L);
      final DoubleVector eka = ea.mul(ka);
      final DoubleVector ekb = eb.mul(kb);
      final DoubleVector t0a = DoubleVector.fromArray(S, ws.t, 0);
      final DoubleVector t0b = DoubleVector.fromArray(S, ws.t, L);
      DoubleVector pa = DoubleVector.fromArray(S, ws.prev, 0);
      DoubleVector pb = DoubleVector.fromArray(S, ws.prev, L);
      DoubleVector ma = DoubleVector.fromArray(S, ws.moved, 0);
      DoubleVector mb = DoubleVector.fromArray(S, ws.moved, L);
      DoubleVector mta = DoubleVector.fromArray(S, ws.movedTime, 0);
      DoubleVector mtb = DoubleVector.fromArray(S, ws.movedTime, L);
      final double[] waves = ws.waves;
      final double[] cosines = ws.cosines;
      int i = 0;
      for (; i < free; i++) {
        ka.mul(xa).intoArray(waves, 0);
        kb.mul(xb).intoArray(waves, L);
        VectorTrig.sinCos(waves, cosines, 0, W);
        DoubleVector ca = DoubleVector.fromArray(S, cosines, 0);
        DoubleVector cb = DoubleVector.fromArray(S, cosines, L);
        DoubleVector sa = DoubleVector.fromArray(S, waves, 0);
        DoubleVector sb = DoubleVector.fromArray(S, waves, L);
        DoubleVector sqa = xa.mul(xa);
        DoubleVector sqb = xb.mul(xb);
        DoubleVector scalea = ea.mul(ca).add(1.0);
        DoubleVector scaleb = eb.mul(cb).add(1.0);
        DoubleVector fa = sqa.mul(scalea);
        DoubleVector fb = sqb.mul(scaleb);
        if (!fa.compare(VectorOperators.LE, limit).and(fb.compare(VectorOperators.LE, limit))
            .allTrue()) {
          fa.intoArray(ws.f, 0);
          fb.intoArray(ws.f, L);
          break;
        }
        // Scalar order: g = 2 x scale - eps k x^2 sin kx, v = beta v + g.
        va = betaa.mul(va).add(xa.mul(2.0).mul(scalea).sub(eka.mul(sqa).mul(sa)));
        vb = betab.mul(vb).add(xb.mul(2.0).mul(scaleb).sub(ekb.mul(sqb).mul(sb)));
        DoubleVector stepa = etaa.mul(va);
        DoubleVector stepb = etab.mul(vb);
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
      xa.intoArray(ws.x[0], 0);
      xb.intoArray(ws.x[0], L);
      va.intoArray(ws.v[0], 0);
      vb.intoArray(ws.v[0], L);
      pa.intoArray(ws.prev, 0);
      pb.intoArray(ws.prev, L);
      t0a.add(i).intoArray(ws.t, 0);
      t0b.add(i).intoArray(ws.t, L);
      ma.intoArray(ws.moved, 0);
      mb.intoArray(ws.moved, L);
      mta.intoArray(ws.movedTime, 0);
      mtb.intoArray(ws.movedTime, L);
      next = ws.settle(b, i == free, next, to, out);
    }
  }

  /**
   * Nesterov on the multiplicative family in one dimension: one sine-cosine pair per step, at
   * the look-ahead point y = x - eta (beta v), for the gradient there. The loss at x is not
   * computed: x^2 (1 + |eps|) bounds it (in floating point too: eps cos kx <= |eps|, and each
   * operation is monotonic), and a round ends where that bound passes B, as in ripple, with
   * endRound's exact step (which also takes the exact loss of the previous iterate, for the
   * crossing time). A copy of ripple's frame (see the class comment) with this family's
   * gradient, in the scalar kernel's order: g = 2 y scale - eps k y^2 sin ky.
   */
  static int nesterovMultiplicative(LaneWorkspace ws, TrajectoryBatch b, int next, int to,
      Outcomes out) {
    final DoubleVector limit = DoubleVector.broadcast(S, b.bound);
    while (true) {
      int free = ws.freeSteps(b.steps);
      if (free < 0) {
        return next;
      }
      DoubleVector xa = DoubleVector.fromArray(S, ws.x[0], 0);
      DoubleVector xb = DoubleVector.fromArray(S, ws.x[0], L);
      DoubleVector va = DoubleVector.fromArray(S, ws.v[0], 0);
      DoubleVector vb = DoubleVector.fromArray(S, ws.v[0], L);
      final DoubleVector etaa = DoubleVector.fromArray(S, ws.eta[0], 0);
      final DoubleVector etab = DoubleVector.fromArray(S, ws.eta[0], L);
      final DoubleVector betaa = DoubleVector.fromArray(S, ws.beta, 0);
      final DoubleVector betab = DoubleVector.fromArray(S, ws.beta, L);
      final DoubleVector ka = DoubleVector.fromArray(S, ws.k, 0);
      final DoubleVector kb = DoubleVector.fromArray(S, ws.k, L);
      final DoubleVector ea = DoubleVector.fromArray(S, ws.eps, 0);
      final DoubleVector eb = DoubleVector.fromArray(S, ws.eps, L);
      final DoubleVector eka = ea.mul(ka);
      final DoubleVector ekb = eb.mul(kb);
      final DoubleVector bounda = ea.abs().add(1.0);
      final DoubleVector boundb = eb.abs().add(1.0);
      final DoubleVector t0a = DoubleVector.fromArray(S, ws.t, 0);
      final DoubleVector t0b = DoubleVector.fromArray(S, ws.t, L);
      DoubleVector ma = DoubleVector.fromArray(S, ws.moved, 0);
      DoubleVector mb = DoubleVector.fromArray(S, ws.moved, L);
      DoubleVector mta = DoubleVector.fromArray(S, ws.movedTime, 0);
      DoubleVector mtb = DoubleVector.fromArray(S, ws.movedTime, L);
      final double[] pxs = ws.px[0];
      final double[] waves = ws.waves;
      final double[] cosines = ws.cosines;
      int i = 0;
      for (; i < free; i++) {
        if (!xa.mul(xa).mul(bounda).compare(VectorOperators.LE, limit)
            .and(xb.mul(xb).mul(boundb).compare(VectorOperators.LE, limit)).allTrue()) {
          break;
        }
        DoubleVector ya = xa.sub(etaa.mul(betaa.mul(va)));
        DoubleVector yb = xb.sub(etab.mul(betab.mul(vb)));
        ka.mul(ya).intoArray(waves, 0);
        kb.mul(yb).intoArray(waves, L);
        VectorTrig.sinCos(waves, cosines, 0, W);
        DoubleVector scalea = ea.mul(DoubleVector.fromArray(S, cosines, 0)).add(1.0);
        DoubleVector scaleb = eb.mul(DoubleVector.fromArray(S, cosines, L)).add(1.0);
        va = betaa.mul(va).add(ya.mul(2.0).mul(scalea)
            .sub(eka.mul(ya.mul(ya)).mul(DoubleVector.fromArray(S, waves, 0))));
        vb = betab.mul(vb).add(yb.mul(2.0).mul(scaleb)
            .sub(ekb.mul(yb.mul(yb)).mul(DoubleVector.fromArray(S, waves, L))));
        DoubleVector stepa = etaa.mul(va);
        DoubleVector stepb = etab.mul(vb);
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
      va.intoArray(ws.v[0], 0);
      vb.intoArray(ws.v[0], L);
      t0a.add(i).intoArray(ws.t, 0);
      t0b.add(i).intoArray(ws.t, L);
      ma.intoArray(ws.moved, 0);
      mb.intoArray(ws.moved, L);
      mta.intoArray(ws.movedTime, 0);
      mtb.intoArray(ws.movedTime, L);
      next = ws.endRound(b, i > 0, next, to, out);
    }
  }
}
