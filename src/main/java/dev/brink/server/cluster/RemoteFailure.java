package dev.brink.server.cluster;

/** A computation that another node of the cluster took and failed; the message says which. */
public final class RemoteFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RemoteFailure(String message) {
    super(message);
  }
}
