package dev.brink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Progress by a clock the test moves by hand: each step sets the time and polls, so what is
 * printed when is exact. (The timer thread polls the same clock too; whichever poll comes first
 * prints a due line, and the other finds nothing due, so the output is the same.)
 */
class ProgressTest {
  private static final long SECOND = 1_000_000_000L;
  /** nanoTime's origin is arbitrary: a negative start checks that times are compared safely. */
  private static final long START = -3 * SECOND;

  private final AtomicLong clock = new AtomicLong(START);
  private final StringWriter err = new StringWriter();

  /** Moves the clock to t nanoseconds after the start and polls; returns stderr so far. */
  private String at(Progress progress, long t) {
    clock.set(START + t);
    progress.poll();
    return err.toString();
  }

  @Test
  @DisplayName("in a log, the first line comes at 1 s and each next one 10 s after the last; "
      + "none after close")
  void logLinesAtOneSecondThenEveryTen() {
    AtomicInteger asked = new AtomicInteger();
    // A new status each time it is asked: it is asked once per line, when the line is printed.
    Progress progress = new Progress(new PrintWriter(err), false,
        () -> "line: status " + asked.incrementAndGet(), clock::get);
    try (progress) {
      assertEquals("", at(progress, SECOND - 1), "nothing before the first second");
      assertEquals("line: status 1\n", at(progress, SECOND));
      assertEquals("line: status 1\n", at(progress, SECOND), "one line per due time");
      assertEquals("line: status 1\n", at(progress, 11 * SECOND - 1));
      assertEquals("line: status 1\nline: status 2\n", at(progress, 11 * SECOND));
      // Polled late (at 30 s, not 21 s): one line, and the next is due 10 s after it.
      assertEquals("line: status 1\nline: status 2\nline: status 3\n",
          at(progress, 30 * SECOND));
      assertEquals(3, at(progress, 40 * SECOND - 1).lines().count());
      assertEquals(4, at(progress, 40 * SECOND).lines().count());
    }
    String printed = err.toString();
    assertEquals(printed, at(progress, 100 * SECOND), "closed: no more lines");
    assertEquals(4, asked.get(), "status asked only for printed lines");
  }

  @Test
  @DisplayName("on a terminal the line is rewritten every second in place and cleared before "
      + "table rows and at close")
  void terminalLineIsRewrittenAndCleared() {
    String line = "\r\033[Kworking";
    String cleared = "\r\033[K";
    Progress progress = new Progress(new PrintWriter(err), true, () -> "working", clock::get);
    try (progress) {
      assertEquals("", at(progress, SECOND - 1));
      assertEquals(line, at(progress, SECOND));
      assertEquals(line, at(progress, 2 * SECOND - 1));
      assertEquals(line + line, at(progress, 2 * SECOND), "rewritten in place after 1 s");
      progress.clear();
      progress.clear();
      assertEquals(line + line + cleared, err.toString(), "cleared once, for a table row");
      assertEquals(line + line + cleared + line, at(progress, 3 * SECOND));
    }
    assertEquals(line + line + cleared + line + cleared, err.toString(), "close clears it");
    assertEquals(line + line + cleared + line + cleared, at(progress, 10 * SECOND),
        "closed: no more lines");
  }
}
