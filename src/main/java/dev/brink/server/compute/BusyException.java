package dev.brink.server.compute;

/** The compute queue is full: the request is refused rather than queued without bound. */
public final class BusyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BusyException(String message) {
    super(message);
  }
}
