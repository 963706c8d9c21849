package dev.brink.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import dev.brink.server.BrinkServer;

class LogTextTest {
  @Test
  @DisplayName("control characters become escapes; other text, including non-ASCII, stays")
  void escapes() {
    assertEquals("a\\nb\\r\\tc\\u0000d\\u001be\\u007f\\u0085\\u2028", LogText.escape(
        "a\nb\r\tc\u0000d\u001be\u007f\u0085\u2028"));
    String plain = "family 'x' (η = 0.5, ε² ≤ 1) at /api/line?x=1";
    assertTrue(plain == LogText.escape(plain), "unchanged text is not copied");
    assertEquals(null, LogText.escape(null));
  }

  @Test
  @DisplayName("brink's own log configuration writes a forged line and a NUL as one escaped line")
  void configuredLogStaysOneLinePerEvent() throws Exception {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(Path.of("src/main/resources/logback.xml").toFile());
    @SuppressWarnings("unchecked")
    OutputStreamAppender<ILoggingEvent> appender = (OutputStreamAppender<ILoggingEvent>)
        context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
    Logger logger = context.getLogger("dev.brink.server.http.ApiRoutes");
    String forged = "x\n2026-12-01T00:00:00.000 ERROR BrinkServer - FORGED\u0000";
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO,
        "refused GET /api/line: unknown family '{}'", null, new Object[] {forged});
    String line = new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);
    assertEquals(1, line.split("\n", -1).length - 1, line);
    assertTrue(line.endsWith("unknown family 'x\\n2026-12-01T00:00:00.000 ERROR BrinkServer - "
        + "FORGED\\u0000'" + System.lineSeparator()), line);
    assertFalse(line.contains("\u0000"), line);
    context.stop();
  }
}
