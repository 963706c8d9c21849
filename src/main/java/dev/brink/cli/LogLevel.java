package dev.brink.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Sets the level of every logger (the root), for serve's --log-level and bench's quiet. */
final class LogLevel {
  private LogLevel() {
  }

  static void set(Level level) {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(level);
  }
}
