package dev.brink.line;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A line's checkpoint in a file: written whole beside it and moved into place, so a kill at any
 * moment leaves the previous checkpoint or the new one, never half of one.
 */
public final class LineCheckpoints {
  private LineCheckpoints() {
  }

  /** The line resumed from the file when it holds a checkpoint of this line, else a new one. */
  public static LineRun load(Path file, LineSpec spec) {
    try {
      return resume(file, spec);
    } catch (IllegalArgumentException e) {
      // Another line's, or damaged: computed afresh, and the file replaced.
      return new LineRun(spec);
    }
  }

  /**
   * The line resumed from the file, a new one when there is no file; refused (saying why) when
   * the file is not a checkpoint of this line.
   */
  public static LineRun resume(Path file, LineSpec spec) {
    if (!Files.exists(file)) {
      return new LineRun(spec);
    }
    try {
      return LineRun.resume(spec, Math.min(spec.levels(), LineRun.KEPT_LEVELS),
          Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public static void save(Path file, LineRun run) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path part = file.resolveSibling(file.getFileName() + ".part");
      Files.write(part, run.checkpoint());
      Files.move(part, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint " + file + ": "
          + e.getMessage(), e);
    }
  }
}
