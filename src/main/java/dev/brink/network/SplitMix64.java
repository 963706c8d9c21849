package dev.brink.network;

/**
 * The generator of a network's data and initial weights (docs/science.md, Neural networks):
 * SplitMix64 (Steele, Lea and Flood 2014), chosen because it is a few lines in any language, so
 * another code can draw exactly brink's arrays from a seed.
 */
public final class SplitMix64 {
  private static final double TWO_TO_MINUS_53 = 0x1p-53;
  private long state;
  private boolean spare;
  private double spareValue;

  public SplitMix64(long seed) {
    state = seed;
  }

  /** The next 64 bits. */
  public long nextLong() {
    long z = state += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** u = (next >>> 11) * 2^-53, in [0, 1). */
  public double nextUniform() {
    return (nextLong() >>> 11) * TWO_TO_MINUS_53;
  }

  /**
   * A standard normal by Box-Muller on a pair of uniforms (u1, u2): r = sqrt(-2 ln(1 - u1)),
   * z0 = r cos(2 pi u2), z1 = r sin(2 pi u2), returned in that order (z1 on the next call).
   * StrictMath, so that every JVM and JIT tier draws the same bits.
   */
  public double nextNormal() {
    if (spare) {
      spare = false;
      return spareValue;
    }
    double u1 = nextUniform();
    double u2 = nextUniform();
    double r = StrictMath.sqrt(-2 * StrictMath.log(1 - u1));
    double angle = 2 * Math.PI * u2;
    spareValue = r * StrictMath.sin(angle);
    spare = true;
    return r * StrictMath.cos(angle);
  }

  /** Drops a normal kept from the last pair, so the next draw starts a fresh pair. */
  public void dropSpare() {
    spare = false;
  }
}
