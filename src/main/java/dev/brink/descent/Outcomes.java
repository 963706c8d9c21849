package dev.brink.descent;

/**
 * Results of a {@link TrajectoryBatch}, slot for slot: the class, the divergence step and the
 * speed measure of every trajectory.
 *
 * <p>The speed measure colours pictures. Both kinds are times in steps, larger closer to the
 * boundary:
 * <ul>
 *   <li>bounded, the settling time: the mean step at which the loss's quadratic part still
 *       changed, weighted by how much, with s_t = max_i |x_{t+1,i}^2 - x_{t,i}^2| (computed as
 *       |s (2 x_{t,i} - s)| with s = eta_i g_i(x_t), the step), sum_t t s_t / sum_t s_t over
 *       t = 0..T-1 (0 if it never moved). Small when GD settles at once, large when it creeps
 *       or keeps hopping (about T/2 for a run that never settles); a run that ends up swinging
 *       between x and -x has settled. Unlike paper A's sum of losses it does not depend on the
 *       level of the minimum GD settles in; unlike the loss's own change it needs no cosine, so
 *       the SIMD kernel evaluates the loss only near the bound (the pictures look the same).
 *       In [0, T-1].
 *   <li>divergent, the escape time: 1 + the time at which the loss crossed B*n, interpolated
 *       geometrically between the last two steps (t - log(f_t / Bn) / log(f_t / |f_{t-1}|)); an
 *       integer when that cannot be interpolated (t = 0, inf or NaN loss). Small when GD blows up
 *       at once, large when it blows up slowly. In [1, T+1].
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

  /** Sets slot i, e.g. from outcomes computed on another node. */
  public void set(int i, boolean divergent, int divergeStep, double speed) {
    this.divergent[i] = divergent;
    this.divergeStep[i] = divergeStep;
    this.speed[i] = speed;
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
