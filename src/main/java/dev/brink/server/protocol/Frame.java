package dev.brink.server.protocol;

import io.vertx.core.buffer.Buffer;

/**
 * One WebSocket message of a view's stream: a binary frame (a tile or a line chunk), which
 * counts against the viewer's window, or a JSON text message, which does not.
 */
public record Frame(Buffer binary, String text, boolean tile) {
  /** A plane tile (counted as a tile sent). */
  public static Frame tile(Buffer b) {
    return new Frame(b, null, true);
  }

  /** Other binary data (line chunks). */
  public static Frame binary(Buffer b) {
    return new Frame(b, null, false);
  }

  public static Frame text(String s) {
    return new Frame(null, s, false);
  }

  public boolean isBinary() {
    return binary != null;
  }
}
