package dev.brink.reproduce;

import dev.brink.descent.Cancellation;
import java.nio.file.Path;

/** One of paper A's experiments as brink runs it. */
public interface Experiment {
  /** The paper's figure numbers, e.g. "2c-3a", also the prefix of its figure files. */
  String id();

  String title();

  /**
   * The GD steps it runs at most at this profile: every run's T steps times its dimension (a
   * divergent run stops early, so the real count is smaller); what progress and time left are
   * measured by.
   */
  long work(Profile profile);

  /**
   * Runs it at the profile's resolution; throws CancellationException when cancelled. With a
   * checkpoint folder (null for none) each of its lines is saved there as it goes and resumed
   * from there when it was saved before (a finished one is not computed again).
   */
  Outcome run(Profile profile, LineEngine lines, Cancellation cancel, Path checkpoints);
}
