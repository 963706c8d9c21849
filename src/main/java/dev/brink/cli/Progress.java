package dev.brink.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Progress on stderr for runs longer than a second: first after 1 s, then every second on a
 * terminal (one line rewritten in place) or every 10 s otherwise (one line each, for logs).
 */
final class Progress implements AutoCloseable {
  private final PrintWriter err;
  private final boolean terminal;
  private final ScheduledExecutorService timer;
  private final Supplier<String> status;
  private boolean lineOpen;

  Progress(PrintWriter err, boolean terminal, Supplier<String> status) {
    this.err = err;
    this.terminal = terminal;
    this.status = status;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "brink-progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::report, 1, terminal ? 1 : 10, TimeUnit.SECONDS);
  }

  private synchronized void report() {
    if (terminal) {
      err.print("\r\033[K" + status.get());
      lineOpen = true;
    } else {
      err.println(status.get());
    }
    err.flush();
  }

  /** Clears the in-place line so that stdout can print a row. */
  synchronized void clear() {
    if (lineOpen) {
      err.print("\r\033[K");
      err.flush();
      lineOpen = false;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    clear();
  }

  static String rate(double stepsPerSecond) {
    return String.format(Locale.ROOT, "%.3g steps/s", stepsPerSecond);
  }
}
