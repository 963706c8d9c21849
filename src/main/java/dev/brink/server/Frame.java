package dev.brink.server;

import io.vertx.core.buffer.Buffer;

/**
 * One WebSocket message of a view's stream: a binary frame (a tile or a line chunk), which
 * counts against the viewer's window, or a JSON text message, which does not.
 */
record Frame(Buffer binary, String text) {
  static Frame binary(Buffer b) {
    return new Frame(b, null);
  }

  static Frame text(String s) {
    return new Frame(null, s);
  }

  boolean isBinary() {
    return binary != null;
  }
}
