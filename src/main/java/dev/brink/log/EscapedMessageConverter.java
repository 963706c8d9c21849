package dev.brink.log;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The log pattern's message, control characters escaped ({@link LogText}): every log line,
 * brink's and its libraries', stays one line whatever a request carried.
 */
public final class EscapedMessageConverter extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return LogText.escape(super.convert(event));
  }
}
