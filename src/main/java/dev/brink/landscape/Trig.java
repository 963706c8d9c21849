package dev.brink.landscape;

/**
 * The sine and cosine of every brink kernel, made of float64 multiplications, additions and
 * fused multiply-adds only, so that the scalar kernel, the SIMD kernel (its VectorTrig does the
 * same operations lane by lane), the trajectory inspector and the losses agree bit for bit on
 * every machine, JIT tier and thread. The JDK's vector sine is SVML's when compiled and
 * Math.sin's when interpreted; the two differ in the last bit, and GD near a fractal boundary
 * turns a last bit into another outcome.
 *
 * <p>As fdlibm's: n = round(x 2 / pi) (rounded by a fused add of 1.5 * 2^52, whose last two bits
 * are then n mod 4), r = x - n pi / 2 as a pair of doubles rh + rl (n pi / 2 = ph + pl exactly
 * with a fused multiply, x - ph exact; pi / 2 as two doubles, 106 bits), then for |r| <= pi / 4
 * sin r = rh + (rh^3 P(rh^2) + rl) and cos r = w + ((1 - w) - z / 2 + z^2 Q(z) - rh rl) with
 * z = rh^2, w = 1 - z / 2, and P, Q Chebyshev fits of degree 6 and 5 (errors 6e-21 and 5e-19
 * before rounding); the quadrant n mod 4 picks +-sin r or +-cos r. Measured against 300-bit
 * values: within 0.77 ulp, and correctly rounded for 96.5% of arguments, as StrictMath (TrigTest).
 * For |x| >= 2^50, where x's float64 spacing is 1/4 or more and n would pass 2^51, both are 0;
 * NaN gives NaN.
 */
public final class Trig {
  /** 2 / pi rounded to float64. */
  public static final double TWO_OVER_PI = 0x1.45f306dc9c883p-1;
  /** A fused add of it rounds to an integer in the last bits (|v| < 2^51). */
  public static final double ROUND = 0x1.8p52;
  /** pi / 2 = PIO2_A + PIO2_B to 106 bits. */
  public static final double PIO2_A = 0x1.921fb54442d18p0;
  public static final double PIO2_B = 0x1.1a62633145c07p-54;
  /** From this |x| on, both functions return 0. */
  public static final double LIMIT = 0x1p50;
  /** P(z) = S1 + S2 z + ... + S7 z^6: (sin r - r) / r^3 on |r| <= pi/4 + 1e-3. */
  public static final double S1 = -0x1.5555555555555p-3;
  public static final double S2 = 0x1.1111111111110p-7;
  public static final double S3 = -0x1.a01a01a019921p-13;
  public static final double S4 = 0x1.71de3a545dd92p-19;
  public static final double S5 = -0x1.ae64540e0633bp-26;
  public static final double S6 = 0x1.61217b49ad79ap-33;
  public static final double S7 = -0x1.ab159dc3b3c21p-41;
  /** Q(z) = Q1 + Q2 z + ... + Q6 z^5: (cos r - 1 + r^2 / 2) / r^4 on the same range. */
  public static final double Q1 = 0x1.5555555555555p-5;
  public static final double Q2 = -0x1.6c16c16c1695ep-10;
  public static final double Q3 = 0x1.a01a019f4c9c5p-16;
  public static final double Q4 = -0x1.27e4fa1529574p-22;
  public static final double Q5 = 0x1.1eeb661c764f3p-29;
  public static final double Q6 = -0x1.907b9fa75dee8p-37;

  private Trig() {
  }

  public static double sin(double x) {
    return wave(x, 0);
  }

  public static double cos(double x) {
    return wave(x, 1);
  }

  /** sin x (shift 0) or cos x = sin(x + pi / 2) (shift 1, one quadrant on). */
  private static double wave(double x, long shift) {
    double t = Math.fma(x, TWO_OVER_PI, ROUND);
    double n = t - ROUND;
    double ph = n * PIO2_A;
    double pl = Math.fma(n, PIO2_A, -ph);
    double r1 = x - ph;
    double c = Math.fma(n, PIO2_B, pl);
    double rh = r1 - c;
    double rl = (r1 - rh) - c;
    double z = rh * rh;
    double z2 = z * z;
    double p = Math.fma(Math.fma(Math.fma(S7, z, S6), z2, Math.fma(S5, z, S4)), z2 * z,
        Math.fma(Math.fma(S3, z, S2), z, S1));
    double sin = rh + Math.fma(rh * z, p, rl);
    double q = Math.fma(Math.fma(Math.fma(Q6, z, Q5), z, Q4), z2 * z,
        Math.fma(Math.fma(Q3, z, Q2), z, Q1));
    double hz = 0.5 * z;
    double w = 1 - hz;
    double cos = w + ((((1 - w) - hz) + z2 * q) - rh * rl);
    long quadrant = Double.doubleToRawLongBits(t) + shift;
    double v = (quadrant & 1) == 0 ? sin : cos;
    v = Double.longBitsToDouble(Double.doubleToRawLongBits(v) ^ ((quadrant & 2) << 62));
    return Math.abs(x) >= LIMIT ? 0 : v;
  }
}
