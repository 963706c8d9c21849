package dev.brink.server.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.reactivex.rxjava3.exceptions.UndeliverableException;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class UndeliverableErrorsTest {
  @Test
  @DisplayName("undeliverable errors of cancelled work stay at DEBUG; any other is a WARN with "
      + "its stack")
  void levels() {
    Logger logger = (Logger) LoggerFactory.getLogger(UndeliverableErrors.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    logger.addAppender(events);
    Level before = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    try {
      UndeliverableErrors.handle(new UndeliverableException(
          new CancellationException("GD batch cancelled")));
      UndeliverableErrors.handle(new UndeliverableException(new InterruptedException()));
      IllegalStateException bug = new IllegalStateException("Response has already been written");
      UndeliverableErrors.handle(new UndeliverableException(bug));
      assertEquals(3, events.list.size());
      assertEquals(Level.DEBUG, events.list.get(0).getLevel());
      assertEquals(Level.DEBUG, events.list.get(1).getLevel());
      ILoggingEvent warn = events.list.get(2);
      assertEquals(Level.WARN, warn.getLevel());
      assertSame(bug, ((ch.qos.logback.classic.spi.ThrowableProxy) warn.getThrowableProxy())
          .getThrowable(), "the stack is logged");
    } finally {
      logger.detachAppender(events);
      logger.setLevel(before);
    }
  }
}
