package dev.brink.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Sets the level of every logger (the root), for serve's --log-level and bench's quiet. */
final class LogLevel {
  private LogLevel() {
  }

  /** --log-level: error, warn, info, debug or trace. */
  static void set(String name) {
    Level level = Level.toLevel(name.toUpperCase(java.util.Locale.ROOT), null);
    if (level == null) {
      throw new dev.brink.params.InvalidParameterException("log-level",
          "must be error, warn, info, debug or trace, got '" + name + "'");
    }
    set(level);
  }

  static void set(Level level) {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(level);
  }
}
