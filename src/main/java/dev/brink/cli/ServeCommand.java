package dev.brink.cli;

import dev.brink.params.Check;
import dev.brink.params.InvalidParameterException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import dev.brink.server.config.ServerConfig;
import dev.brink.server.config.ServerLimits;
import dev.brink.server.BrinkServer;

/** `brink serve`: the live server. */
@Command(name = "serve", sortOptions = false, mixinStandardHelpOptions = true,
    description = {"Serves the browser client, the REST API and live views over WebSockets."})
final class ServeCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--host", paramLabel = "H",
      description = "Address to bind (default 127.0.0.1: this machine only).")
  String host = ServerConfig.DEFAULT_HOST;

  @Option(names = "--port", paramLabel = "P", description = "TCP port, 0 for any free one "
      + "(default 8080).")
  int port = ServerConfig.DEFAULT_PORT;

  @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default ./data).")
  Path data = Path.of("data");

  @Option(names = "--window", paramLabel = "N",
      description = "Binary frames a viewer may leave unacknowledged, 1 to 1000000 (default 8).")
  int window = ServerConfig.defaults().window();

  @Option(names = "--threads", paramLabel = "K",
      description = "Compute threads, 1 to 1024 (default: one per core).")
  int threads = ServerConfig.defaults().computeThreads();

  @Option(names = "--cache-mb", paramLabel = "MB",
      description = "Tile cache size in MiB, 1 to 65536 (default 256).")
  int cacheMb = 256;

  @Option(names = "--max-view-work", paramLabel = "N",
      description = "Points x steps of a plane view's finest level at most; a larger view is "
          + "served at the finest resolution within it (default 1e10: a 4K screen at 1000 "
          + "steps).")
  long maxViewWork = ServerLimits.defaults().maxViewWork();

  @Option(names = "--max-network-view-work", paramLabel = "N",
      description = "The same for family mlp, whose step costs about 7,000 of the others' "
          + "(default 2^23: a 256 x 256 canvas at 128 steps).")
  long maxNetworkViewWork = ServerLimits.DEFAULT_NETWORK_VIEW_WORK;

  @Option(names = "--max-levels", paramLabel = "N",
      description = "Levels per line, 0 to 30 (default 24).")
  int maxLevels = ServerLimits.defaults().maxLevels();

  @Option(names = "--max-steps", paramLabel = "T",
      description = "GD steps per run, 1 to 1000000 (default 100000).")
  int maxSteps = ServerLimits.defaults().maxSteps();

  @Option(names = "--max-rest-pixels", paramLabel = "N",
      description = "Pixels per /api/plane, 1 to 67108864 (default 1048576).")
  int maxRestPixels = (int) ServerLimits.defaults().maxRestPixels();

  @Option(names = "--max-sessions", paramLabel = "N",
      description = "Open viewer WebSockets at once, 1 to 100000 (default 200).")
  int maxSessions = ServerLimits.defaults().maxSessions();

  @Option(names = "--max-sweeps", paramLabel = "N",
      description = "Sweeps running at once, 1 to 1000 (default 4); more wait, queued (up to 100).")
  int maxSweeps = ServerLimits.defaults().maxSweeps();

  @Option(names = "--max-body-kb", paramLabel = "KB",
      description = "Request body size in KiB (POST /api/sweeps), 1 to 65536 (default 64).")
  int maxBodyKb = (int) (ServerLimits.defaults().maxBodyBytes() >> 10);

  @Option(names = "--allow-origin", paramLabel = "ORIGIN",
      description = "A site allowed to embed brink (WebSocket and REST from its pages), e.g. "
          + "https://lab.example.org; repeatable. The server's own pages are always allowed.")
  java.util.List<String> allowOrigins = new java.util.ArrayList<>();

  @Option(names = "--allow-host", paramLabel = "NAME",
      description = "A name browsers reach brink by, besides localhost and IP addresses (and the"
          + " hosts of --allow-origin), e.g. brink.lab.example.org; repeatable. Requests with"
          + " another Host header are refused (DNS rebinding).")
  java.util.List<String> allowHosts = new java.util.ArrayList<>();

  @picocli.CommandLine.Mixin
  ClusterOptions cluster = new ClusterOptions();

  @Option(names = "--log-level", paramLabel = "LEVEL",
      description = "error, warn, info, debug or trace (default info).")
  String logLevel = "info";

  @Override
  public Integer call() throws Exception {
    Check.between("port", port, 0, 65535);
    Check.between("window", window, 1, 1_000_000);
    for (String origin : allowOrigins) {
      java.net.URI uri;
      try {
        uri = java.net.URI.create(origin);
      } catch (IllegalArgumentException e) {
        uri = null;
      }
      if (uri == null || uri.getHost() == null || !(origin.startsWith("http://")
          || origin.startsWith("https://")) || !(uri.getRawPath() == null
          || uri.getRawPath().isEmpty())) {
        throw new InvalidParameterException("allow-origin",
            "expected an origin such as https://lab.example.org, got '" + origin + "'");
      }
    }
    for (String name : allowHosts) {
      if (!name.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")) {
        throw new InvalidParameterException("allow-host",
            "expected a host name such as brink.lab.example.org (no scheme, no port), got '"
            + name + "'");
      }
    }
    LogLevel.set(logLevel);
    ServerConfig config = ServerConfig.defaults().withAddress(host, port, data)
        .withWindow(window).withAllowedOrigins(allowOrigins)
        .withAllowedHosts(allowHosts)
        .withCompute(Check.between("threads", threads, 1, 1024),
            (long) Check.between("cache-mb", cacheMb, 1, 65536) << 20)
        .withLimits(new ServerLimits(
            Check.between("max-view-work", maxViewWork, 1_000_000, Long.MAX_VALUE),
            Check.between("max-levels", maxLevels, 0, 30),
            Check.between("max-steps", maxSteps, 1, 1_000_000),
            Check.between("max-rest-pixels", maxRestPixels, 1, 1 << 26),
            Check.between("max-sessions", maxSessions, 1, 100_000),
            Check.between("max-sweeps", maxSweeps, 1, 1000),
            (long) Check.between("max-body-kb", maxBodyKb, 1, 65536) << 10,
            Check.between("max-network-view-work", maxNetworkViewWork, 1000, Long.MAX_VALUE)))
        .withCluster(cluster.settings());
    BrinkServer server = BrinkServer.start(config);
    String shown = host.equals("0.0.0.0") ? "localhost" : host;
    spec.commandLine().getOut().println("brink serving http://" + shown + ":" + server.port()
        + "/");
    spec.commandLine().getOut().flush();
    // SIGTERM and Ctrl-C stop the server gracefully: viewers' sockets close with a reason,
    // running sweeps keep every stored cell and resume at the next start, and the exit code
    // is 0.
    Signals.awaitTermination();
    LoggerFactory.getLogger(ServeCommand.class).info("shutting down");
    server.close();
    return 0;
  }
}
