package dev.brink.reproduce;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;

/** One of paper A's experiments as brink runs it. */
public interface Experiment {
  /** The paper's figure numbers, e.g. "2c-3a", also the prefix of its figure files. */
  String id();

  String title();

  /** Runs it at the profile's resolution; throws CancellationException when cancelled. */
  Outcome run(Profile profile, GdRunner runner, Cancellation cancel);
}
