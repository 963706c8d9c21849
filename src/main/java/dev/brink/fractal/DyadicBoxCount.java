package dev.brink.fractal;

/**
 * Box counting on a dyadic learning-rate line of 2^N + 1 points (docs/science.md, Box counting
 * on a line): level l takes every 2^(N-l)-th point, and N_B(l) is the number of neighbouring
 * pairs at that level whose labels differ, i.e. the boxes of width (eta_max - eta_min) / 2^l
 * whose endpoints straddle the boundary.
 */
public final class DyadicBoxCount {
  private DyadicBoxCount() {
  }

  /** N_B(level) of a line of 2^levels + 1 labels. */
  public static long count(Labels labels, int levels, int level) {
    if (labels.size() != (1 << levels) + 1 || level < 0 || level > levels) {
      throw new IllegalArgumentException(
          "level " + level + " of a " + levels + "-level line with " + labels.size() + " labels");
    }
    int stride = 1 << (levels - level);
    long differing = 0;
    boolean left = labels.divergent(0);
    // long: at 30 levels, level 0's stride is 2^30 and j + stride would overflow an int.
    for (long j = stride; j < labels.size(); j += stride) {
      boolean right = labels.divergent((int) j);
      if (left != right) {
        differing++;
      }
      left = right;
    }
    return differing;
  }
}
