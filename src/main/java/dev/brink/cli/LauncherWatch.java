package dev.brink.cli;

import java.util.Optional;

/**
 * Ends a one-shot command when bin/brink, which runs java as its child to filter the JVM's
 * notice out of stderr, is gone. Killed with SIGKILL (or SIGTERM, which bash does not pass on),
 * the launcher cannot stop its child, and an orphaned line would run on and race a rerun for
 * its checkpoint file.
 */
final class LauncherWatch {
  static final String PROPERTY = "brink.launcher";
  /** Exit code as if killed by SIGTERM, the usual way a wrapper's end reaches its children. */
  static final int LAUNCHER_GONE = 143;
  private static final long POLL_MILLIS = 200;

  private LauncherWatch() {
  }

  /** Starts watching the launcher named by the system property, if there is one. */
  static void startFromProperty() {
    String pid = System.getProperty(PROPERTY);
    if (pid == null || pid.isBlank()) {
      return;
    }
    Optional<ProcessHandle> launcher;
    try {
      launcher = ProcessHandle.of(Long.parseLong(pid.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + PROPERTY + " must be a process id, got '"
          + pid + "'", e);
    }
    Thread watch = new Thread(() -> watch(launcher), "brink-launcher-watch");
    watch.setDaemon(true);
    watch.start();
  }

  // Polled rather than onExit(): for a process that is not our child the JDK polls too, but
  // backs off to 5 s, long enough for a rerun to start beside the orphan.
  private static void watch(Optional<ProcessHandle> launcher) {
    try {
      while (launcher.map(ProcessHandle::isAlive).orElse(false)) {
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      return;
    }
    System.exit(LAUNCHER_GONE);
  }
}
