package dev.brink.descent;

/**
 * Results of a {@link TrajectoryBatch}, slot for slot: the class, the divergence step and the
 * speed measure of every trajectory.
 *
 * <p>The speed measure colours pictures; it is larger closer to the boundary:
 * <ul>
 *   <li>bounded: log(1 + sum_{t=0..T} |f(x_t)|), paper A's intensity S (with |.| because the
 *       perturbed losses can be negative): large when GD settles slowly;
 *   <li>divergent: 1 + the time at which the loss crossed B*n, interpolated geometrically between
 *       the last two steps (t - log(f_t / Bn) / log(f_t / |f_{t-1}|)); an integer when that cannot
 *       be interpolated (t = 0, inf or NaN loss): large when GD blows up slowly. Always in [1, T+1].
 * </ul>
 */
public final class Outcomes {
  final boolean[] divergent;
  final int[] divergeStep;
  final double[] speed;

  public Outcomes(int capacity) {
    divergent = new boolean[capacity];
    divergeStep = new int[capacity];
    speed = new double[capacity];
  }

  public int capacity() {
    return divergent.length;
  }

  /** Whether f(x_t) > B*n (or NaN) for some t in 0..T. */
  public boolean divergent(int i) {
    return divergent[i];
  }

  /** The first t with f(x_t) > B*n, or T for a bounded run; also the GD updates executed. */
  public int divergeStep(int i) {
    return divergeStep[i];
  }

  /** The speed measure described in the class comment. */
  public double speed(int i) {
    return speed[i];
  }

  /** GD updates executed by trajectories 0..count-1 (divergent runs stop early). */
  public long gdSteps(int count) {
    long total = 0;
    for (int i = 0; i < count; i++) {
      total += divergeStep[i];
    }
    return total;
  }

  /** Number of divergent trajectories among 0..count-1. */
  public int divergentCount(int count) {
    int n = 0;
    for (int i = 0; i < count; i++) {
      if (divergent[i]) {
        n++;
      }
    }
    return n;
  }
}
