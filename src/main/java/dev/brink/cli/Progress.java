package dev.brink.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Progress on stderr for runs longer than a second: first after 1 s, then every second on a
 * terminal (one line rewritten in place) or every 10 s otherwise (one line each, for logs).
 */
final class Progress implements AutoCloseable {
  private static final long FIRST_NANOS = 1_000_000_000L;
  private static final long TERMINAL_PERIOD_NANOS = 1_000_000_000L;
  private static final long LOG_PERIOD_NANOS = 10_000_000_000L;
  /** How often the timer looks at the clock: lines are at most this late. */
  private static final long POLL_MILLIS = 100;

  private final PrintWriter err;
  private final boolean terminal;
  private final Supplier<String> status;
  private final LongSupplier nanoTime;
  private final long period;
  private final ScheduledExecutorService timer;
  private long next;
  private boolean lineOpen;
  private boolean closed;

  Progress(PrintWriter err, boolean terminal, Supplier<String> status) {
    this(err, terminal, status, System::nanoTime);
  }

  /**
   * @param nanoTime the clock that says when a line is due, in nanoseconds; the timer only asks
   *     it, so a test can advance its own clock and call {@link #poll()} instead of waiting
   */
  Progress(PrintWriter err, boolean terminal, Supplier<String> status, LongSupplier nanoTime) {
    this.err = err;
    this.terminal = terminal;
    this.status = status;
    this.nanoTime = nanoTime;
    this.period = terminal ? TERMINAL_PERIOD_NANOS : LOG_PERIOD_NANOS;
    this.next = nanoTime.getAsLong() + FIRST_NANOS;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "brink-progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Prints a line if one is due by the clock; the next is due a period after this one. */
  synchronized void poll() {
    long now = nanoTime.getAsLong();
    // Compared as a difference: nanoTime values may be negative or wrap.
    if (closed || now - next < 0) {
      return;
    }
    next = now + period;
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
    // A poll already running finishes first; none prints after this.
    synchronized (this) {
      closed = true;
      clear();
    }
  }

  static String rate(double stepsPerSecond) {
    return String.format(Locale.ROOT, "%.3g steps/s", stepsPerSecond);
  }
}
