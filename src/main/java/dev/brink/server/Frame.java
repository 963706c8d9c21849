package dev.brink.server;

import io.vertx.core.buffer.Buffer;

/**
 * One WebSocket message of a view's stream: a binary frame (a tile or a line chunk), which
 * counts against the viewer's window, or a JSON text message, which does not.
 */
record Frame(Buffer binary, String text, boolean tile) {
  /** A plane tile (counted as a tile sent). */
  static Frame tile(Buffer b) {
    return new Frame(b, null, true);
  }

  /** Other binary data (line chunks). */
  static Frame binary(Buffer b) {
    return new Frame(b, null, false);
  }

  static Frame text(String s) {
    return new Frame(null, s, false);
  }

  boolean isBinary() {
    return binary != null;
  }
}
