package dev.brink.descent;

import static dev.brink.descent.LaneWorkspace.L;
import static dev.brink.descent.LaneWorkspace.S;
import static dev.brink.landscape.Trig.LIMIT;
import static dev.brink.landscape.Trig.PIO2_A;

import dev.brink.landscape.Trig;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Trig}'s sine and cosine on lanes of an array, in place: the same operations in the same
 * order, so every lane equals the scalar function bit for bit (VectorTrigTest). They take and
 * return arrays, never vectors: the kernel's loops are large enough that C2 stops inlining
 * methods into them past a node count (it still inlines the JDK's vector operations, which are
 * marked for it), and a vector passed to a call that is not inlined is boxed, while an array
 * costs a store and a load. Inlined, they take no call, which the JDK's SVML sine does.
 */
final class VectorTrig {
  /**
   * The same shape in longs, for reinterpretShape: reinterpretAsLongs looks its species up at
   * run time, a lookup C2 fails to fold after some orders of compilation, and the
   * reinterpretation then runs as Java code that allocates.
   */
  private static final VectorSpecies<Long> LS = S.withLanes(long.class);
  // The constants as vectors once: fewer nodes for the JIT in each inlined copy.
  private static final DoubleVector TWO_OVER_PI = DoubleVector.broadcast(S, Trig.TWO_OVER_PI);
  private static final DoubleVector ROUND = DoubleVector.broadcast(S, Trig.ROUND);
  private static final DoubleVector PIO2_AV = DoubleVector.broadcast(S, PIO2_A);
  private static final DoubleVector PIO2_BV = DoubleVector.broadcast(S, Trig.PIO2_B);
  private static final DoubleVector ONE = DoubleVector.broadcast(S, 1.0);
  private static final DoubleVector S1 = DoubleVector.broadcast(S, Trig.S1);
  private static final DoubleVector S2 = DoubleVector.broadcast(S, Trig.S2);
  private static final DoubleVector S3 = DoubleVector.broadcast(S, Trig.S3);
  private static final DoubleVector S4 = DoubleVector.broadcast(S, Trig.S4);
  private static final DoubleVector S5 = DoubleVector.broadcast(S, Trig.S5);
  private static final DoubleVector S6 = DoubleVector.broadcast(S, Trig.S6);
  private static final DoubleVector S7 = DoubleVector.broadcast(S, Trig.S7);
  private static final DoubleVector Q1 = DoubleVector.broadcast(S, Trig.Q1);
  private static final DoubleVector Q2 = DoubleVector.broadcast(S, Trig.Q2);
  private static final DoubleVector Q3 = DoubleVector.broadcast(S, Trig.Q3);
  private static final DoubleVector Q4 = DoubleVector.broadcast(S, Trig.Q4);
  private static final DoubleVector Q5 = DoubleVector.broadcast(S, Trig.Q5);
  private static final DoubleVector Q6 = DoubleVector.broadcast(S, Trig.Q6);

  private VectorTrig() {
  }

  /** a[i] = sin(a[i]) for the lanes from..to-1 (multiples of L). */
  static void sin(double[] a, int from, int to) {
    wave(a, null, from, to, 0);
  }

  /** a[i] = cos(a[i]) for the lanes from..to-1 (multiples of L). */
  static void cos(double[] a, int from, int to) {
    wave(a, null, from, to, 1);
  }

  /** c[i] = cos(a[i]), then a[i] = sin(a[i]), for the lanes from..to-1: one reduction for both. */
  static void sinCos(double[] a, double[] c, int from, int to) {
    wave(a, c, from, to, 0);
  }

  /**
   * Trig.wave lane by lane: a gets sin (shift 0) or cos (shift 1), and c, when given, the cosine
   * too. The sine and cosine of r are both needed anyway (the quadrant picks), so the second
   * output costs a selection.
   */
  private static void wave(double[] a, double[] c, int from, int to, long shift) {
    for (int o = from; o < to; o += L) {
      DoubleVector x = DoubleVector.fromArray(S, a, o);
      DoubleVector t = x.fma(TWO_OVER_PI, ROUND);
      DoubleVector n = t.sub(ROUND);
      DoubleVector ph = n.mul(PIO2_A);
      DoubleVector pl = n.fma(PIO2_AV, ph.neg());
      DoubleVector r1 = x.sub(ph);
      DoubleVector cr = n.fma(PIO2_BV, pl);
      DoubleVector rh = r1.sub(cr);
      DoubleVector rl = r1.sub(rh).sub(cr);
      DoubleVector z = rh.mul(rh);
      DoubleVector z2 = z.mul(z);
      DoubleVector z3 = z2.mul(z);
      DoubleVector p = z.fma(S7, S6).fma(z2, z.fma(S5, S4)).fma(z3, z.fma(S3, S2).fma(z, S1));
      DoubleVector sin = rh.add(rh.mul(z).fma(p, rl));
      DoubleVector q = z.fma(Q6, Q5).fma(z, Q4).fma(z3, z.fma(Q3, Q2).fma(z, Q1));
      DoubleVector hz = z.mul(0.5);
      DoubleVector w = ONE.sub(hz);
      DoubleVector cos = w.add(ONE.sub(w).sub(hz).add(z2.mul(q)).sub(rh.mul(rl)));
      VectorMask<Double> huge = x.abs().compare(VectorOperators.GE, LIMIT);
      for (int out = 0; out < (c == null ? 1 : 2); out++) {
        // The quadrant n mod 4 (one on for a cosine) picks +-sin r or +-cos r.
        LongVector quadrant = ((LongVector) t.reinterpretShape(LS, 0)).add(shift + out);
        ((DoubleVector) ((LongVector) sin
            .blend(cos, quadrant.and(1L).compare(VectorOperators.NE, 0L).cast(S))
            .reinterpretShape(LS, 0)).lanewise(VectorOperators.XOR,
                quadrant.and(2L).lanewise(VectorOperators.LSHL, 62)).reinterpretShape(S, 0))
            .blend(0.0, huge).intoArray(out == 0 ? a : c, o);
      }
    }
  }
}
