package dev.brink.cli;

import dev.brink.params.Check;
import dev.brink.params.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import dev.brink.server.config.ClusterSettings;

/** The cluster options of `brink serve` and `brink worker` (docs/operations.md, Cluster). */
final class ClusterOptions {
  @Option(names = "--cluster",
      description = "Join a brink cluster: worker nodes share the computing.")
  boolean cluster;

  @Option(names = "--members", paramLabel = "HOST[:PORT],...", split = ",",
      description = "Where other nodes of the cluster may be (TCP/IP, no multicast), e.g. "
          + "10.0.0.11,10.0.0.12:5701 (default 127.0.0.1: this machine).")
  List<String> members = new ArrayList<>(List.of("127.0.0.1"));

  @Option(names = "--cluster-host", paramLabel = "H",
      description = "This machine's address that the other nodes reach (default 127.0.0.1).")
  String host = "127.0.0.1";

  @Option(names = "--cluster-port", paramLabel = "P",
      description = "First port for cluster membership, the next ones tried if taken "
          + "(default 5701).")
  int port = 5701;

  @Option(names = "--failure-seconds", paramLabel = "S",
      description = "A node silent this long is gone and its work goes to others, 2 to 300 "
          + "(default 5).")
  int failureSeconds = 5;

  /** The settings, or null without --cluster. */
  ClusterSettings settings() {
    if (!cluster) {
      return null;
    }
    for (String m : members) {
      if (!m.matches("[A-Za-z0-9._-]+(:\\d{1,5})?")) {
        throw new InvalidParameterException("members",
            "expected HOST or HOST:PORT separated by commas, got '" + m + "'");
      }
    }
    if (!host.matches("[A-Za-z0-9._-]+")) {
      throw new InvalidParameterException("cluster-host", "expected a host name or address, got '"
          + host + "'");
    }
    return new ClusterSettings(members, host, Check.between("cluster-port", port, 1, 65535),
        Check.between("failure-seconds", failureSeconds, 2, 300));
  }
}
