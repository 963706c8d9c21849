package dev.brink.grid;

/** How an axis spaces its samples between min and max. */
public enum Scale {
  /** Evenly spaced values. */
  LINEAR,
  /** Evenly spaced log10 values (min and max must be > 0), as numpy.logspace. */
  LOG
}
