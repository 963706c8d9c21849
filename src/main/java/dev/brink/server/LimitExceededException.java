package dev.brink.server;

/** A request larger than a configured limit; the message names the limit. */
final class LimitExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  LimitExceededException(String field, String message) {
    super(message);
    this.field = field;
  }

  String field() {
    return field;
  }
}
