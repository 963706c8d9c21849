package dev.brink.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.bench.StreamingBenchmark;
import dev.brink.params.Check;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `brink bench`: standard workloads, each after a warm-up, median of several runs. */
@Command(name = "bench", sortOptions = false, mixinStandardHelpOptions = true,
    description = {"Measures brink's speed on standard workloads (median of --runs after a "
        + "warm-up). Workload stream-plane-512: the 512 x 512 eta-eps plane computed directly "
        + "versus received over a WebSocket by a fast client; reports the rate ratio."})
final class BenchCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(names = "--threads", paramLabel = "K", description = "Threads (default: cores).")
  Integer threads;

  @Option(names = "--runs", paramLabel = "N", description = "Measured runs, 1 to 50 "
      + "(default 3).")
  int runs = 3;

  @Override
  public Integer call() throws Exception {
    int k = threads == null ? Runtime.getRuntime().availableProcessors()
        : Check.between("threads", threads, 1, 1024);
    Check.between("runs", runs, 1, 50);
    PrintWriter out = spec.commandLine().getOut();
    // The servers the benchmark starts would log each start; only problems matter here.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(ch.qos.logback.classic.Level.WARN);
    StreamingBenchmark.measure(k, 4.0);
    List<StreamingBenchmark.Result> results = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      results.add(StreamingBenchmark.measure(k, 5.0 + 1e-9 * (i + 1)));
    }
    results.sort(Comparator.comparingDouble(StreamingBenchmark.Result::ratio));
    StreamingBenchmark.Result median = results.get(results.size() / 2);
    if (json) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      ObjectNode r = o.putArray("results").addObject();
      r.put("workload", "stream-plane-512");
      r.put("ratio", median.ratio());
      r.put("direct_seconds", median.directSeconds());
      r.put("stream_seconds", median.streamSeconds());
      r.put("gd_steps", median.gdSteps());
      r.put("steps_per_s", median.gdSteps() / median.streamSeconds());
      r.put("threads", k);
      r.put("kernel", "scalar");
      out.println(o);
    } else {
      out.println(String.format(Locale.ROOT,
          "stream-plane-512: direct %.3f s, streamed %.3f s, ratio %.3f (%d GD steps, %d "
              + "threads; median of %d)", median.directSeconds(), median.streamSeconds(),
          median.ratio(), median.gdSteps(), k, runs));
    }
    out.flush();
    return 0;
  }
}
