package dev.brink.line;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

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

  /**
   * Holds the checkpoint file for one run: two runs saving into one file would each move the
   * other's half-written part away. Refused (IllegalStateException) while another process, or
   * another run in this one, holds it; the lock file beside it goes when the holder closes.
   */
  public static Held hold(Path file) {
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    FileChannel channel = null;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new OverlappingFileLockException();
      }
      return new Held(channel, lockFile);
    } catch (OverlappingFileLockException e) {
      close(channel);
      throw new IllegalStateException(file + " is in use by another brink line (" + lockFile
          + " is locked)", e);
    } catch (IOException e) {
      close(channel);
      throw new UncheckedIOException("cannot lock " + lockFile + ": " + e.getMessage(), e);
    }
  }

  private static void close(FileChannel channel) {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // Already failing with the reason that matters.
    }
  }

  /** A checkpoint file held by this run until closed. */
  public static final class Held implements AutoCloseable {
    private final FileChannel channel;
    private final Path lockFile;

    private Held(FileChannel channel, Path lockFile) {
      this.channel = channel;
      this.lockFile = lockFile;
    }

    @Override
    public void close() {
      try {
        // Deleted before the lock is let go: a run that comes later makes a lock file of its own.
        Files.deleteIfExists(lockFile);
      } catch (IOException e) {
        // A stale lock file is harmless: nobody holds its lock.
      }
      LineCheckpoints.close(channel);
    }
  }
}
