package dev.brink.network;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link NetTanh} on lanes of arrays: the same operations in the same order, so every lane
 * equals the scalar function bit for bit (NetTanhTest). Arrays in and out, as VectorTrig's, so
 * that no vector crosses a call the JIT might not inline.
 */
final class VectorNetTanh {
  private static final VectorSpecies<Double> S = NetworkKernel.S;
  private static final int L = S.length();
  /**
   * The same shape in longs. Bits are reinterpreted by reinterpretShape with this constant, not
   * by reinterpretAsLongs: that one looks its species up at run time, and after some orders of
   * compilation C2 no longer folds the lookup, so the reinterpretation runs as Java code that
   * allocates 3.3 KB per pixel-step (NetworkAllocationTest after NetworkKernelTest).
   */
  private static final VectorSpecies<Long> LS = S.withLanes(long.class);
  // The coefficients one by one, and the loops written out: a vector carried round a loop or
  // read from an array of vectors is boxed (measured: 6.5 times slower than written out).
  private static final DoubleVector C0 = c(0);
  private static final DoubleVector C1 = c(1);
  private static final DoubleVector C2 = c(2);
  private static final DoubleVector C3 = c(3);
  private static final DoubleVector C4 = c(4);
  private static final DoubleVector C5 = c(5);
  private static final DoubleVector C6 = c(6);
  private static final DoubleVector C7 = c(7);
  private static final DoubleVector C8 = c(8);
  private static final DoubleVector C9 = c(9);
  private static final DoubleVector ONE = DoubleVector.broadcast(S, 1.0);
  private static final DoubleVector CLAMP = DoubleVector.broadcast(S, NetTanh.CLAMP);
  // fma(-k, c, y) = fma(k, -c, y) exactly: the negated constants save the negation.
  private static final DoubleVector NEG_LN2_HI = DoubleVector.broadcast(S, -NetTanh.LN2_HI);
  private static final DoubleVector NEG_LN2_LO = DoubleVector.broadcast(S, -NetTanh.LN2_LO);

  private static DoubleVector c(int k) {
    return DoubleVector.broadcast(S, NetTanh.C[k]);
  }

  private VectorNetTanh() {
  }

  /**
   * h = tanh z and dh = 1 - h^2 over the first count values (a multiple of L), in three passes
   * over the arrays, h and dh holding the intermediate values: the reduction (t into dh, r into
   * h), the polynomial (into h), then expm1, the quotient and the sign. Each pass's loop has a
   * short chain of dependent operations, so the processor overlaps many of its iterations; one
   * loop of the whole chain (some 40 operations deep) ran at one operation per cycle. The tanh
   * is written out rather than called: a vector passed to or returned from a call that is not
   * inlined is boxed.
   */
  static void activate(double[] z, double[] h, double[] dh, int count) {
    for (int o = 0; o < count; o += L) {
      DoubleVector a = DoubleVector.fromArray(S, z, o).abs();
      // a > 20 ? 20 : a, NaN kept: Math.min's semantics cost the vector more operations.
      DoubleVector y = a.blend(CLAMP, a.compare(VectorOperators.GT, CLAMP)).mul(-2.0);
      DoubleVector t = y.fma(NetTanh.INV_LN2, NetTanh.ROUND);
      DoubleVector k = t.sub(NetTanh.ROUND);
      k.fma(NEG_LN2_LO, k.fma(NEG_LN2_HI, y)).intoArray(h, o);
      t.intoArray(dh, o);
    }
    for (int o = 0; o < count; o += L) {
      DoubleVector r = DoubleVector.fromArray(S, h, o);
      DoubleVector s = C9.fma(r, C8).fma(r, C7).fma(r, C6).fma(r, C5)
          .fma(r, C4).fma(r, C3).fma(r, C2).fma(r, C1).fma(r, C0);
      r.mul(r).fma(s, r).intoArray(h, o);
    }
    for (int o = 0; o < count; o += L) {
      DoubleVector p = DoubleVector.fromArray(S, h, o);
      DoubleVector scale = (DoubleVector) ((LongVector) DoubleVector.fromArray(S, dh, o)
          .reinterpretShape(LS, 0)).sub(NetTanh.ROUND_BITS - 1023)
          .lanewise(VectorOperators.LSHL, 52).reinterpretShape(S, 0);
      DoubleVector m = scale.fma(p, scale.sub(1.0));
      LongVector sign = (LongVector) DoubleVector.fromArray(S, z, o).reinterpretShape(LS, 0);
      DoubleVector v = (DoubleVector) ((LongVector) m.div(m.add(2.0)).abs()
          .reinterpretShape(LS, 0)).or(sign.and(Long.MIN_VALUE)).reinterpretShape(S, 0);
      v.intoArray(h, o);
      v.neg().fma(v, ONE).intoArray(dh, o);
    }
  }
}
