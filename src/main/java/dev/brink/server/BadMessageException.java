package dev.brink.server;

/** A WebSocket message that is not JSON, not an object, or of an unknown type. */
final class BadMessageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  BadMessageException(String field, String message) {
    super(message);
    this.field = field;
  }

  String field() {
    return field;
  }
}
