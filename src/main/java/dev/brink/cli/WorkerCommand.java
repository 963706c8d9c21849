package dev.brink.cli;

import dev.brink.params.Check;
import dev.brink.params.InvalidParameterException;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import dev.brink.server.cluster.BrinkWorker;

/** `brink worker --cluster`: a compute-only node. */
@Command(name = "worker", sortOptions = false, mixinStandardHelpOptions = true,
    description = {"Joins a brink cluster as a compute-only node: computes the plane tiles and "
        + "sweep chunks that serving nodes hand out, as fast as its threads allow. Stop it with Ctrl-C or "
        + "SIGTERM; work it held goes to the other nodes."})
final class WorkerCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ClusterOptions cluster = new ClusterOptions();

  @Option(names = "--threads", paramLabel = "K",
      description = "Compute threads, 1 to 1024 (default: one per core).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--metrics-port", paramLabel = "P",
      description = "Serve this node's meters at http://CLUSTER-HOST:P/metrics for Prometheus, "
          + "0 for any free port (default: none).")
  Integer metricsPort;

  @Option(names = "--log-level", paramLabel = "LEVEL",
      description = "error, warn, info, debug or trace (default info).")
  String logLevel = "info";

  @Override
  public Integer call() throws Exception {
    if (!cluster.cluster) {
      throw new InvalidParameterException("cluster",
          "a worker computes for a cluster: add --cluster (and --members where the others are)");
    }
    LogLevel.set(logLevel);
    if (metricsPort != null) {
      Check.between("metrics-port", metricsPort, 0, 65535);
    }
    try (BrinkWorker worker = BrinkWorker.start(cluster.settings(),
        Check.between("threads", threads, 1, 1024), metricsPort)) {
      spec.commandLine().getOut().println("brink worker " + worker.nodeId() + " joined"
          + (worker.metricsPort() < 0 ? "" : ", metrics at http://" + cluster.host + ":"
              + worker.metricsPort() + "/metrics"));
      spec.commandLine().getOut().flush();
      Signals.awaitTermination();
      LoggerFactory.getLogger(WorkerCommand.class).info("leaving the cluster");
    }
    return 0;
  }
}
