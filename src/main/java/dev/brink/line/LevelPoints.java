package dev.brink.line;

/**
 * The grid points a level adds (docs/science.md, Lines: level l needs only the points level
 * l - 1 lacks): indices first, first + stride, ... (count of them) into the 2^N + 1 grid.
 * Level 0 is both ends; level l >= 1 is the odd multiples of 2^(N-l).
 */
public record LevelPoints(int level, long first, long stride, int count) {

  public static LevelPoints of(int levels, int level) {
    if (level < 0 || level > levels || level > 31) {
      throw new IllegalArgumentException("level " + level + " of " + levels);
    }
    if (level == 0) {
      return new LevelPoints(0, 0, 1L << levels, 2);
    }
    long half = 1L << (levels - level);
    return new LevelPoints(level, half, 2 * half, 1 << (level - 1));
  }

  /** Grid index of the k-th new point. */
  public long index(long k) {
    return first + k * stride;
  }
}
