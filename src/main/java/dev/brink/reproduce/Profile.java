package dev.brink.reproduce;

import dev.brink.params.InvalidParameterException;
import java.util.Locale;

/**
 * How much of paper A a reproduction computes. {@link #PAPER} uses the paper's resolutions
 * (lines at brink's largest N where the paper's is larger); {@link #QUICK} reduced ones, about
 * five minutes on 2 cores; {@link #SMOKE} the smallest that still shows each result's shape,
 * for the test suite.
 */
public enum Profile {
  SMOKE, QUICK, PAPER;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Profile parse(String id) {
    for (Profile p : values()) {
      if (p.id().equals(id)) {
        return p;
      }
    }
    throw new InvalidParameterException("profile", "must be one of smoke, quick, paper, got "
        + id);
  }

  /** This profile's choice of the three. */
  <T> T pick(T smoke, T quick, T paper) {
    return this == SMOKE ? smoke : this == QUICK ? quick : paper;
  }
}
