package dev.brink.descent;

import static dev.brink.descent.LaneWorkspace.L;
import static dev.brink.descent.LaneWorkspace.S;
import static dev.brink.descent.LaneWorkspace.W;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link VectorKernel}'s fast loops for the multiplicative family: one coordinate, n equal
 * ones, or two that differ. Its gradient needs every cosine, so the loss comes at no extra cost
 * and is tested directly, and a round ends with {@link LaneWorkspace#settle}, which reuses the
 * loss of the iteration that ended it. (The loop stays a counted loop, i < free, with the
 * divergence test as its only break: folding the "i == free" test into that break made the
 * JIT's loop 20-35% slower.) The loops repeat their round set-up and stores on purpose (see
 * {@link SeparableLoops}).
 */
final class MultiplicativeLoops {
  private MultiplicativeLoops() {
  }

  /**
   * The multiplicative family in one dimension, fast, as {@link SeparableLoops#ripple}; its
   * gradient needs the cosine, so the loss comes at no extra cost and is tested directly. (The
   * sums over n coordinates of {@link #equalCoordinates}, a loop per operation, made this loop
   * 25% slower even for n = 1, so it has a loop of its own.)
   */
  static int oneCoordinate(LaneWorkspace ws, TrajectoryBatch b, int next, int to, Outcomes out) {
    final DoubleVector limit = DoubleVector.broadcast(S, b.bound);
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
        DoubleVector kxa = ka.mul(xa);
        DoubleVector kxb = kb.mul(xb);
        kxa.intoArray(waves, 0);
        kxb.intoArray(waves, L);
        VectorTrig.sinCos(waves, cosines, 0, W);
        DoubleVector ca = DoubleVector.fromArray(S, cosines, 0);
        DoubleVector cb = DoubleVector.fromArray(S, cosines, L);
        DoubleVector sa = DoubleVector.fromArray(S, waves, 0);
        DoubleVector sb = DoubleVector.fromArray(S, waves, L);
        DoubleVector sqa = xa.mul(xa);
        DoubleVector sqb = xb.mul(xb);
        // Scalar order: scale = 1 + eps cos kx, f = x^2 scale.
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
      xa.intoArray(ws.x[0], 0);
      xb.intoArray(ws.x[0], L);
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
   * The multiplicative family with n > 1 equal coordinates, as {@link #oneCoordinate}, with
   * one coordinate computed for all: sum_i x_i^2 and sum_i cos k x_i are the sums of n equal
   * terms, added one by one in the scalar kernel's order.
   */
  static int equalCoordinates(LaneWorkspace ws, TrajectoryBatch b, int next, int to, Outcomes out) {
    final DoubleVector limit = DoubleVector.broadcast(S, b.bound * ws.dim);
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
      final DoubleVector ea = DoubleVector.fromArray(S, ws.eps, 0);
      final DoubleVector eb = DoubleVector.fromArray(S, ws.eps, L);
      final DoubleVector eka = ea.mul(ka);
      final DoubleVector ekb = eb.mul(kb);
      final DoubleVector t0a = DoubleVector.fromArray(S, ws.t, 0);
      final DoubleVector t0b = DoubleVector.fromArray(S, ws.t, L);
      DoubleVector ma = DoubleVector.fromArray(S, ws.moved, 0);
      DoubleVector mb = DoubleVector.fromArray(S, ws.moved, L);
      DoubleVector mta = DoubleVector.fromArray(S, ws.movedTime, 0);
      DoubleVector mtb = DoubleVector.fromArray(S, ws.movedTime, L);
      final double[] waves = ws.waves;
      final double[] cosines = ws.cosines;
      int i = 0;
      for (; i < free; i++) {
        DoubleVector kxa = ka.mul(xa);
        DoubleVector kxb = kb.mul(xb);
        kxa.intoArray(waves, 0);
        kxb.intoArray(waves, L);
        VectorTrig.sinCos(waves, cosines, 0, W);
        DoubleVector ca = DoubleVector.fromArray(S, cosines, 0);
        DoubleVector cb = DoubleVector.fromArray(S, cosines, L);
        DoubleVector sa = DoubleVector.fromArray(S, waves, 0);
        DoubleVector sb = DoubleVector.fromArray(S, waves, L);
        DoubleVector xxa = xa.mul(xa);
        DoubleVector xxb = xb.mul(xb);
        DoubleVector sqa = xxa;
        DoubleVector sqb = xxb;
        DoubleVector suma = ca;
        DoubleVector sumb = cb;
        for (int d = 1; d < ws.dim; d++) {
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
          fa.intoArray(ws.f, 0);
          fb.intoArray(ws.f, L);
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
        fa.intoArray(ws.prev, 0);
        fb.intoArray(ws.prev, L);
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
      next = ws.settle(b, i == free, next, to, out);
    }
  }

  /**
   * The multiplicative family in two dimensions with coordinates that differ (a plane of
   * per-coordinate learning rates), as {@link #oneCoordinate}: both coordinates of both lane
   * groups, with the scalar kernel's sums sum_i x_i^2 = u^2 + v^2 and sum_i cos k x_i.
   */
  static int pairs(LaneWorkspace ws, TrajectoryBatch b, int next, int to, Outcomes out) {
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
      final DoubleVector ea = DoubleVector.fromArray(S, ws.eps, 0);
      final DoubleVector eb = DoubleVector.fromArray(S, ws.eps, L);
      final DoubleVector eka = ea.mul(ka);
      final DoubleVector ekb = eb.mul(kb);
      final DoubleVector t0a = DoubleVector.fromArray(S, ws.t, 0);
      final DoubleVector t0b = DoubleVector.fromArray(S, ws.t, L);
      DoubleVector ma = DoubleVector.fromArray(S, ws.moved, 0);
      DoubleVector mb = DoubleVector.fromArray(S, ws.moved, L);
      DoubleVector mta = DoubleVector.fromArray(S, ws.movedTime, 0);
      DoubleVector mtb = DoubleVector.fromArray(S, ws.movedTime, L);
      final double[] waves = ws.waves;
      final double[] cosines = ws.cosines;
      int i = 0;
      for (; i < free; i++) {
        DoubleVector kua = ka.mul(ua);
        DoubleVector kub = kb.mul(ub);
        DoubleVector kva = ka.mul(va);
        DoubleVector kvb = kb.mul(vb);
        kua.intoArray(waves, 0);
        kub.intoArray(waves, L);
        kva.intoArray(waves, W);
        kvb.intoArray(waves, W + L);
        VectorTrig.sinCos(waves, cosines, 0, 2 * W);
        DoubleVector cua = DoubleVector.fromArray(S, cosines, 0);
        DoubleVector cub = DoubleVector.fromArray(S, cosines, L);
        DoubleVector sua = DoubleVector.fromArray(S, waves, 0);
        DoubleVector sub = DoubleVector.fromArray(S, waves, L);
        DoubleVector cva = DoubleVector.fromArray(S, cosines, W);
        DoubleVector cvb = DoubleVector.fromArray(S, cosines, W + L);
        DoubleVector sva = DoubleVector.fromArray(S, waves, W);
        DoubleVector svb = DoubleVector.fromArray(S, waves, W + L);
        DoubleVector sqa = ua.mul(ua).add(va.mul(va));
        DoubleVector sqb = ub.mul(ub).add(vb.mul(vb));
        DoubleVector scalea = ea.mul(cua.add(cva)).add(1.0);
        DoubleVector scaleb = eb.mul(cub.add(cvb)).add(1.0);
        DoubleVector fa = sqa.mul(scalea);
        DoubleVector fb = sqb.mul(scaleb);
        if (!fa.compare(VectorOperators.LE, limit).and(fb.compare(VectorOperators.LE, limit))
            .allTrue()) {
          fa.intoArray(ws.f, 0);
          fb.intoArray(ws.f, L);
          break;
        }
        DoubleVector eksa = eka.mul(sqa);
        DoubleVector eksb = ekb.mul(sqb);
        DoubleVector stepua = etaua.mul(ua.mul(2.0).mul(scalea).sub(eksa.mul(sua)));
        DoubleVector stepub = etaub.mul(ub.mul(2.0).mul(scaleb).sub(eksb.mul(sub)));
        DoubleVector stepva = etava.mul(va.mul(2.0).mul(scalea).sub(eksa.mul(sva)));
        DoubleVector stepvb = etavb.mul(vb.mul(2.0).mul(scaleb).sub(eksb.mul(svb)));
        DoubleVector changea = stepua.mul(ua.mul(2.0).sub(stepua)).abs()
            .max(stepva.mul(va.mul(2.0).sub(stepva)).abs());
        DoubleVector changeb = stepub.mul(ub.mul(2.0).sub(stepub)).abs()
            .max(stepvb.mul(vb.mul(2.0).sub(stepvb)).abs());
        ma = ma.add(changea);
        mb = mb.add(changeb);
        mta = mta.add(changea.mul(t0a.add(i)));
        mtb = mtb.add(changeb.mul(t0b.add(i)));
        fa.intoArray(ws.prev, 0);
        fb.intoArray(ws.prev, L);
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
      next = ws.settle(b, i == free, next, to, out);
    }
  }
}
