package dev.brink.network;

/**
 * The hyperbolic tangent of every network kernel, of float64 multiplications, additions, fused
 * multiply-adds and one division only, so that the reference loop and the SIMD kernel (which
 * does the same operations lane by lane) agree bit for bit; the JDK's vector tanh is SVML's when
 * compiled and Math.tanh's when interpreted, and they differ in the last bit.
 *
 * <p>With a = min(|x|, 20) (tanh 20 rounds to 1) and m = expm1(-2a) in (-1, 0]:
 * tanh a = -m / (2 + m), the sign of x put back. One division rather than four Newton steps
 * from a first guess (nine multiply-adds): the divider works beside the multiply-adds, and the
 * mlp plane ran 5% faster with it on a Zen 3. expm1 as fdlibm's reduction: k = round(y / ln 2)
 * by a fused add of 1.5 * 2^52, r = y - k ln 2 (ln 2 in two parts), expm1 r = r + r^2 s(r)
 * with s a polynomial of degree 9 ({@link #C}), then 2^k expm1 r + (2^k - 1). Within 4 ulp of
 * StrictMath.tanh (NetTanhTest); NaN gives NaN.
 */
public final class NetTanh {
  static final double CLAMP = 20;
  static final double INV_LN2 = 0x1.71547652b82fep0;
  static final double LN2_HI = 0x1.62e42fee00000p-1;
  static final double LN2_LO = 0x1.a39ef35793c76p-33;
  static final double ROUND = 0x1.8p52;
  static final long ROUND_BITS = Double.doubleToRawLongBits(ROUND);
  /**
   * (expm1 r - r) / r^2 on |r| <= 1.001 ln 2 / 2 as a polynomial of degree 9, Chebyshev's fit
   * (its error, relative to expm1 r, 4e-17 = 0.4 of 2^-53; the Taylor series needs degree 11
   * for that). Computed in 40 digits with mpmath.chebyfit, rounded to float64.
   */
  static final double[] C = {0x1.0000000000001p-1, 0x1.5555555555556p-3, 0x1.5555555553d37p-5,
      0x1.11111111109a6p-7, 0x1.6c16c1789d1d7p-10, 0x1.a01a01a7cebcdp-13, 0x1.a019b8ca26fcfp-16,
      0x1.71de0d85293b8p-19, 0x1.2891d4ffbb0f9p-22, 0x1.af390ba7e6f47p-26};

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
    double s = C[9];
    for (int c = 8; c >= 0; c--) {
      s = Math.fma(s, r, C[c]);
    }
    double p = Math.fma(r * r, s, r);
    double scale = Double.longBitsToDouble(
        (Double.doubleToRawLongBits(t) - ROUND_BITS + 1023) << 52);
    double m = Math.fma(scale, p, scale - 1);
    double v = Math.abs(m / (2 + m));
    return Double.longBitsToDouble(Double.doubleToRawLongBits(v)
        | (Double.doubleToRawLongBits(x) & Long.MIN_VALUE));
  }
}
