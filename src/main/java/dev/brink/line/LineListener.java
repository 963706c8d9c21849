package dev.brink.line;

import dev.brink.descent.Outcomes;

/** Sees a line fill in: every computed chunk of points, then each finished level. */
public interface LineListener {
  LineListener NONE = new LineListener() { };

  /**
   * Outcomes of the chunk's points (slot k: grid point chunk.index(k)); the outcomes object is
   * reused after the call returns, so copy what you keep.
   */
  default void onChunk(LineRun.Chunk chunk, Outcomes outcomes) {
  }

  /** A level is complete: its N_B and the fit so far are final. */
  default void onLevel(LevelSummary summary) {
  }
}
