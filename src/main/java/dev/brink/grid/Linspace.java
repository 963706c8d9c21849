package dev.brink.grid;

/**
 * count evenly spaced values from start to stop, endpoints included, computed as
 * numpy.linspace does (start + i * ((stop - start) / (count - 1)), the last value exactly stop)
 * so that grids match the reference implementation point for point.
 */
public record Linspace(double start, double stop, long count) {

  public Linspace {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
  }

  public double value(long i) {
    if (i < 0 || i >= count) {
      throw new IndexOutOfBoundsException("point " + i + " outside 0.." + (count - 1));
    }
    if (count == 1) {
      return start;
    }
    if (i == count - 1) {
      return stop;
    }
    return start + i * ((stop - start) / (count - 1));
  }
}
