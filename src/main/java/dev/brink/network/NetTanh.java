package dev.brink.network;

/**
 * The hyperbolic tangent of every network kernel, of float64 multiplications, additions and
 * fused multiply-adds only, so that the reference loop and the SIMD kernel (which does the same
 * operations lane by lane) agree bit for bit; the JDK's vector tanh is SVML's when compiled and
 * Math.tanh's when interpreted, and they differ in the last bit. No division either: a float64
 * vector division takes as long as the 32 multiply-adds of the products it would follow.
 *
 * <p>With a = min(|x|, 20) (tanh 20 rounds to 1) and m = expm1(-2a) in (-1, 0]:
 * tanh a = -m / (2 + m), the quotient by 1 / (2 + m) from a linear first guess and four Newton
 * steps (relative error 2e-20 before rounding); the sign of x is put back. expm1 as fdlibm's
 * reduction: k = round(y / ln 2) by a fused add of 1.5 * 2^52, r = y - k ln 2 (ln 2 in two
 * parts), expm1 r from its Taylor series to r^13 (error 1e-17 relative, |r| <= ln 2 / 2), then
 * 2^k expm1 r + (2^k - 1). Within 4 ulp of StrictMath.tanh (NetTanhTest); NaN gives NaN.
 */
public final class NetTanh {
  static final double CLAMP = 20;
  static final double INV_LN2 = 0x1.71547652b82fep0;
  static final double LN2_HI = 0x1.62e42fee00000p-1;
  static final double LN2_LO = 0x1.a39ef35793c76p-33;
  static final double ROUND = 0x1.8p52;
  static final long ROUND_BITS = Double.doubleToRawLongBits(ROUND);
  /** 1 / k! for k = 2..13: the Taylor coefficients of (expm1 r - r) / r^2. */
  static final double[] C = taylor();
  /** The first guess of 1 / d on [1, 2]: G0 + G1 d, the best linear fit (error 1/17). */
  static final double G0 = 24.0 / 17;
  static final double G1 = -8.0 / 17;

  private NetTanh() {
  }

  public static double tanh(double x) {
    double a = Math.abs(x);
    a = a > CLAMP ? CLAMP : a;
    double y = -2 * a;
    double t = Math.fma(y, INV_LN2, ROUND);
    double k = t - ROUND;
    double r = Math.fma(-k, LN2_HI, y);
    r = Math.fma(-k, LN2_LO, r);
    double s = C[11];
    for (int c = 10; c >= 0; c--) {
      s = Math.fma(s, r, C[c]);
    }
    double p = Math.fma(r * r, s, r);
    double scale = Double.longBitsToDouble(
        (Double.doubleToRawLongBits(t) - ROUND_BITS + 1023) << 52);
    double m = Math.fma(scale, p, scale - 1);
    double d = 2 + m;
    double q = Math.fma(G1, d, G0);
    for (int n = 0; n < 4; n++) {
      q = Math.fma(q, Math.fma(-d, q, 1), q);
    }
    double v = Math.abs(m * q);
    return Double.longBitsToDouble(Double.doubleToRawLongBits(v)
        | (Double.doubleToRawLongBits(x) & Long.MIN_VALUE));
  }

  private static double[] taylor() {
    double[] c = new double[12];
    double f = 1;
    for (int k = 2; k <= 13; k++) {
      f *= k;
      c[k - 2] = 1 / f;
    }
    return c;
  }
}
