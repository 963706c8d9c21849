package dev.brink.network;

/**
 * Sohl-Dickstein's convergence measure of one run, fed the full-batch loss l_t before each
 * update, t = 0..T-1 (docs/science.md, Neural networks): v_t = l_t / l_0, a non-finite v_t
 * becomes 1e6, then v_t is clipped at 1e6; the run is trainable iff the mean of the last
 * min(20, T) v_t is below 1, and its value is -sum v (trainable) or +sum 1/v (not), so the sign
 * is the class and the magnitude grows toward the boundary. One instance per run, reused by
 * {@link #reset}; the reference loop and the SIMD kernel both feed one, so their sums are taken
 * in the same order.
 */
public final class Convergence {
  public static final double MAX = 1e6;
  public static final int TAIL = 20;
  private int steps;
  private int seen;
  private double first;
  private double sum;
  private double sumInverse;
  private double tail;

  /** Starts a run of T steps. */
  public void reset(int steps) {
    this.steps = steps;
    seen = 0;
    sum = 0;
    sumInverse = 0;
    tail = 0;
  }

  /** Adds l_t, the loss before update t. */
  public void add(double loss) {
    if (seen == 0) {
      first = loss;
    }
    double v = loss / first;
    if (!(Math.abs(v) <= Double.MAX_VALUE)) {
      v = MAX;
    }
    v = Math.min(v, MAX);
    sum += v;
    sumInverse += 1 / v;
    if (seen >= steps - TAIL) {
      tail += v;
    }
    seen++;
  }

  /** Losses added so far. */
  public int seen() {
    return seen;
  }

  /** Whether the mean of the last min(20, T) normalised losses is below 1. */
  public boolean trainable() {
    check();
    return tail / Math.min(TAIL, steps) < 1;
  }

  /** -sum v when trainable, else +sum 1/v. */
  public double value() {
    return trainable() ? -sum : sumInverse;
  }

  private void check() {
    if (seen != steps) {
      throw new IllegalStateException(seen + " of " + steps + " losses added");
    }
  }
}
