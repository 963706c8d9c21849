package dev.brink.server.config;

import java.util.List;

/**
 * How a node joins a brink cluster (docs/operations.md, Cluster): Hazelcast finds the other
 * members at the listed addresses over TCP/IP (no multicast), and the Vert.x event bus carries
 * the work between them.
 *
 * @param members where other nodes may be, "host" or "host:port" (Hazelcast's port, 5701 and
 *     up by default); this node's own address may be among them
 * @param host the address of this machine that other nodes reach it at
 * @param port the first Hazelcast port to try; the next ones are tried when it is taken
 * @param failureSeconds after how long without a heartbeat a node counts as gone (its work is
 *     handed to the others)
 */
public record ClusterSettings(List<String> members, String host, int port, int failureSeconds) {
  public ClusterSettings {
    members = List.copyOf(members);
  }

  /** One machine: every node on this host. */
  public static ClusterSettings loopback() {
    return new ClusterSettings(List.of("127.0.0.1"), "127.0.0.1", 5701, 5);
  }

  /** This node in meters and logs: its address and process id, e.g. 10.0.0.12/4711. */
  public String nodeName() {
    return host + "/" + ProcessHandle.current().pid();
  }
}
