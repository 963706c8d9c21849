package dev.brink.descent;

import static dev.brink.descent.LaneWorkspace.L;
import static dev.brink.descent.LaneWorkspace.S;
import static dev.brink.descent.LaneWorkspace.W;

import dev.brink.landscape.Family;
import dev.brink.optimizer.Optimizer;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link VectorKernel}'s fast loop for momentum and Nesterov on the quadratic and additive
 * families with one coordinate or n equal ones: {@link SeparableLoops#ripple} with each lane's
 * velocity in a register too. A deliberate copy of that loop (the hot loop of the eta x beta
 * planes and momentum lines): a shared one would need a branch on the optimizer inside the step,
 * and vectors merged after a branch are boxed. VectorKernelTest checks it against the scalar
 * kernel.
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
}
