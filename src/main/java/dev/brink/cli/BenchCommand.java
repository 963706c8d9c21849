package dev.brink.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.bench.Workloads;
import dev.brink.params.Check;
import dev.brink.params.InvalidParameterException;
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
    description = {"Measures executed GD steps per second on standard workloads, each after a "
        + "warm-up (2 s; 120 s for view-1080p), median of --runs: line-additive (the paper's Fig. 2a line, 2^20 + 1 "
        + "points), line-multiplicative, line-additive-dim4, line-multiplicative-dim4, "
        + "line-twocos, plane-512 (the eta-eps plane at 512 x 512), plane-eta12-512 "
        + "(per-coordinate learning rates); on request also line-additive-dim4-random, "
        + "plane-twocos-eta12-512, view-1080p (the explorer's default plane as a live view on a "
        + "1920 x 1080 canvas over a WebSocket: seconds to the coarse level covering it and to "
        + "full resolution) and plane-1080p (those points computed alone); with both, the "
        + "view's GD steps/s over the plane's; mlp-plane-128 (the mlp family's overview "
        + "plane at 128 x 128: pixel-steps/s and GFLOP/s); line-additive-momentum, "
        + "line-additive-nesterov (beta 0.9), line-additive-adam (the Fig. 2a line with each "
        + "optimizer) and plane-eta-beta-512 (heavy ball's eta x beta plane): compare with "
        + "line-additive and plane-512."})
final class BenchCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print {\"results\": [...]}.")
  boolean json;

  @Option(names = "--threads", paramLabel = "K", description = "Threads (default: cores).")
  Integer threads;

  @Option(names = "--runs", paramLabel = "N", description = "Measured runs per workload, 1 to "
      + "50 (default 3).")
  int runs = 3;

  @Option(names = "--workload", paramLabel = "NAME",
      description = "A workload to run (repeatable; default: the seven standard ones).")
  List<String> workloads;

  @Override
  public Integer call() throws Exception {
    int k = threads == null ? Runtime.getRuntime().availableProcessors()
        : Check.between("threads", threads, 1, 1024);
    Check.between("runs", runs, 1, 50);
    List<String> names = workloads == null ? Workloads.STANDARD : workloads;
    for (String n : names) {
      if (!Workloads.ALL.contains(n)) {
        throw new InvalidParameterException("workload", "unknown workload '" + n
            + "', allowed: " + String.join(", ", Workloads.ALL));
      }
    }
    // Servers started by view-1080p would log each start; only problems matter here.
    LogLevel.set(ch.qos.logback.classic.Level.WARN);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ObjectNode report = JsonNodeFactory.instance.objectNode();
    ArrayNode results = report.putArray("results");
    java.util.Map<String, Workloads.Result> medians = new java.util.HashMap<>();
    for (String name : names) {
      warmUp(name, k);
      List<Workloads.Result> measured = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        Workloads.Result r = Workloads.run(name, k, false);
        measured.add(r);
        err.printf(Locale.ROOT, "bench: %s run %d of %d: %.3f s%n", name, i + 1, runs,
            r.seconds());
        err.flush();
      }
      measured.sort(Comparator.comparingDouble(Workloads.Result::seconds));
      Workloads.Result median = measured.get(measured.size() / 2);
      medians.put(name, median);
      if (json) {
        ObjectNode r = results.addObject();
        r.put("workload", median.workload());
        r.put("steps_per_s", median.stepsPerSecond());
        r.put("seconds", median.seconds());
        r.put("gd_steps", median.gdSteps());
        r.put("threads", median.threads());
        r.put("kernel", median.kernel());
        if (median.coarseSeconds() != null) {
          r.put("coarse_seconds", median.coarseSeconds());
        }
        if (median.flopsPerStep() != null) {
          r.put("gflops", median.stepsPerSecond() * median.flopsPerStep() / 1e9);
        }
      } else {
        out.println(String.format(Locale.ROOT, "%-20s %.3e steps/s  %.3f s  %d GD steps  "
                + "%d threads  %s%s", median.workload(), median.stepsPerSecond(),
            median.seconds(), median.gdSteps(), median.threads(), median.kernel(),
            median.coarseSeconds() == null ? "" : String.format(
                Locale.ROOT, "  coarse level at %.3f s", median.coarseSeconds()))
            + (median.flopsPerStep() == null ? "" : String.format(Locale.ROOT,
                "  %.2f GFLOP/s", median.stepsPerSecond() * median.flopsPerStep() / 1e9)));
        out.flush();
      }
    }
    Workloads.Result view = medians.get("view-1080p");
    Workloads.Result plane = medians.get("plane-1080p");
    if (view != null && plane != null) {
      if (view.gdSteps() != plane.gdSteps()) {
        throw new IllegalStateException("view-1080p took " + view.gdSteps() + " GD steps, "
            + "plane-1080p " + plane.gdSteps() + ": they must compute the same points");
      }
      double ratio = view.stepsPerSecond() / plane.stepsPerSecond();
      if (json) {
        report.put("view_over_plane", ratio);
      } else {
        out.println(String.format(Locale.ROOT, "view-1080p streams at %.3f of plane-1080p's "
            + "GD steps/s (medians: view %.3f s, plane %.3f s)", ratio, view.seconds(),
            plane.seconds()));
      }
    }
    if (json) {
      out.println(report);
    }
    out.flush();
    return 0;
  }

  /**
   * Runs the workload's warm-up (Workloads.warmUp) for Workloads.warmUpSeconds: one
   * short run let the JIT finish compiling the kernel during the first measured run (measured:
   * 1.15 s instead of 0.91 s for line-additive on 2 threads).
   */
  private static void warmUp(String name, int threads) throws Exception {
    long end = System.nanoTime() + (long) (Workloads.warmUpSeconds(name) * 1e9);
    do {
      Workloads.warmUp(name, threads);
    } while (System.nanoTime() < end);
  }
}
