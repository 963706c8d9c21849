package dev.brink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  @DisplayName("progress appears on stderr once a run passes a second, and stops when closed")
  void reportsAfterOneSecond() throws InterruptedException {
    StringWriter err = new StringWriter();
    PrintWriter writer = new PrintWriter(err);
    try (Progress progress = new Progress(writer, false, () -> "line: 42.0% of 1025 points")) {
      assertEquals("", err.toString(), "nothing before the first second");
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (err.toString().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    }
    String printed = err.toString();
    assertTrue(printed.startsWith("line: 42.0% of 1025 points\n"), printed);
    Thread.sleep(50);
    assertEquals(printed, err.toString(), "closed: no more reports");
  }

  @Test
  @DisplayName("on a terminal the line is rewritten in place and cleared before table rows")
  void terminalLineIsCleared() throws InterruptedException {
    StringWriter err = new StringWriter();
    try (Progress progress = new Progress(new PrintWriter(err), true, () -> "working")) {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (err.toString().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      progress.clear();
    }
    assertTrue(err.toString().startsWith("\r\033[Kworking\r\033[K"), err.toString());
  }
}
