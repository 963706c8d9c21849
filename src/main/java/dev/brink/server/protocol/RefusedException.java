package dev.brink.server.protocol;

/**
 * A request the server refuses that is not a parameter error: a malformed WebSocket message
 * ({@link #BAD_MESSAGE}) or a request above a configured limit ({@link #LIMIT_EXCEEDED}, the
 * message naming the limit). Its kind and field go to the client as they are.
 */
public final class RefusedException extends RuntimeException {
  static final String BAD_MESSAGE = "bad-message";
  public static final String LIMIT_EXCEEDED = "limit-exceeded";
  /** The request does not fit the resource's state, e.g. cancelling a finished sweep (409). */
  static final String CONFLICT = "conflict";
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String field;

  private RefusedException(String kind, String field, String message) {
    super(message);
    this.kind = kind;
    this.field = field;
  }

  public static RefusedException badMessage(String field, String message) {
    return new RefusedException(BAD_MESSAGE, field, message);
  }

  public static RefusedException conflict(String field, String message) {
    return new RefusedException(CONFLICT, field, message);
  }

  public static RefusedException limit(String field, String message) {
    return new RefusedException(LIMIT_EXCEEDED, field, message);
  }

  String kind() {
    return kind;
  }

  String field() {
    return field;
  }
}
