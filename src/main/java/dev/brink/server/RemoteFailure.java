package dev.brink.server;

/** A computation that another node of the cluster took and failed; the message says which. */
final class RemoteFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RemoteFailure(String message) {
    super(message);
  }
}
