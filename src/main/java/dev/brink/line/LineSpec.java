package dev.brink.line;

import dev.brink.grid.Linspace;
import dev.brink.params.Check;
import dev.brink.params.GdConfig;
import dev.brink.params.InvalidParameterException;

/**
 * A learning-rate line (docs/science.md, Lines): 2^levels + 1 learning rates
 * linspace(etaMin, etaMax, 2^levels + 1), every other parameter from the config; the start is
 * the config's x0 unless randomStart (may be null) draws one per learning rate.
 */
public record LineSpec(GdConfig config, int levels, double etaMin, double etaMax,
    RandomStart randomStart) {

  public static final int DEFAULT_LEVELS = 16;
  public static final int MAX_LEVELS = 32;
  public static final double DEFAULT_ETA_MIN = 0;
  public static final double DEFAULT_ETA_MAX = 1.5;

  /** A line that starts every run at the config's x0. */
  public LineSpec(GdConfig config, int levels, double etaMin, double etaMax) {
    this(config, levels, etaMin, etaMax, null);
  }

  /** Validates every field; the config has been validated by its builder. */
  public LineSpec {
    Check.between("levels", levels, 0, MAX_LEVELS);
    Check.finite("eta-min", etaMin);
    Check.finite("eta-max", etaMax);
    if (!(etaMin < etaMax)) {
      throw new InvalidParameterException("eta-max",
          "must be greater than eta-min, got eta-min " + etaMin + " and eta-max " + etaMax);
    }
  }

  /** 2^levels + 1. */
  public long points() {
    return (1L << levels) + 1;
  }

  public Linspace etas() {
    return new Linspace(etaMin, etaMax, points());
  }
}
