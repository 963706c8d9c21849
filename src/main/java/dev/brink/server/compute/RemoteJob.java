package dev.brink.server.compute;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A computation that another node of a cluster can run: what it is, as JSON a worker can act
 * on without this node's state ({@link RemoteJobs}), and how to read the worker's answer.
 */
public interface RemoteJob<T> {
  /** {"kind": ..., ...}: everything a worker needs. */
  ObjectNode describe();

  /** The worker's answer, as {@link RemoteJobs#compute} encoded it. */
  T decode(byte[] answer);
}
