package dev.brink.cli;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.line.LineCheckpoints;
import dev.brink.line.LineExperiment;
import dev.brink.line.LineListener;
import dev.brink.line.LineResult;
import dev.brink.line.LineRun;
import dev.brink.params.InvalidParameterException;
import dev.brink.report.SweepJson;
import dev.brink.request.Requests;
import dev.brink.sweep.CellResult;
import dev.brink.sweep.GridAxis;
import dev.brink.sweep.SweepSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `brink sweep`: alpha over a grid of one or two parameters. */
@Command(name = "sweep", sortOptions = false, mixinStandardHelpOptions = true,
    description = {"Computes a learning-rate line and its alpha at every cell of a grid over "
        + "one or two of eps, lambda, eps2, lambda2, dim, bound, x0 and seed (random starts)."})
final class SweepCommand implements Callable<Integer> {
  @Mixin
  LossOptions loss;

  @Option(names = "--grid", required = true, paramLabel = "NAME=MIN:MAX:COUNT",
      description = "A grid axis, values linspace(MIN, MAX, COUNT); give one or two.")
  List<String> grid;

  @Mixin
  LineRangeOptions range;

  @Option(names = "--x0-range", paramLabel = "A:B",
      description = "Range of random starts for a seed axis (default -5:5, as the paper).")
  String x0Range = "-5:5";

  @Option(names = "--json", description = "Print {\"cells\": [...]} instead of a table.")
  boolean json;

  @Option(names = "--csv", paramLabel = "FILE", description = "Also write the cells as CSV.")
  Path csv;

  @Option(names = "--png", paramLabel = "FILE",
      description = "Also write the figure as PNG: alpha of every cell as a heat map with its "
          + "axes, a colour bar and the convexity threshold.")
  Path png;

  @Option(names = "--checkpoint", paramLabel = "DIR",
      description = "Save each cell's line in DIR (cell-I.line) every 30 s and when done, and go "
          + "on from there: the same command again skips the finished cells and resumes the one "
          + "a kill interrupted.")
  Path checkpoint;

  @Option(names = "--checkpoint-seconds", paramLabel = "S",
      description = "Seconds between checkpoints, 1 to 3600 (default 30).")
  int checkpointSeconds = 30;

  @Mixin
  RunOptions run;

  @Override
  public Integer call() throws IOException {
    List<GridAxis> axes = new ArrayList<>();
    for (String g : grid) {
      axes.add(GridAxis.parse(g));
    }
    double[] x0 = Requests.x0Range(x0Range);
    SweepSpec spec = SweepSpec.of(loss.builder(), axes, range.levels, range.etaMin,
        range.etaMax, x0[0], x0[1]);
    RunOptions.checkFolder("csv", csv);
    RunOptions.checkFolder("png", png);
    RunOptions.checkFolder("checkpoint", checkpoint);
    dev.brink.params.Check.between("checkpoint-seconds", checkpointSeconds, 1, 3600);
    if (checkpoint != null && Files.exists(checkpoint) && !Files.isDirectory(checkpoint)) {
      throw new InvalidParameterException("checkpoint", checkpoint + " is a file; a sweep's "
          + "checkpoint is a folder (one file a cell): name a folder");
    }
    loss.saveWeights(spec.base());
    PrintWriter out = run.out();
    List<CellResult> cells = new ArrayList<>();
    AtomicInteger done = new AtomicInteger();
    long start = System.nanoTime();
    try (LineCheckpoints.Held held = held();
        GdRunner runner = run.runner();
        Progress progress = run.progress(() -> String.format(Locale.ROOT,
            "sweep: %d of %d cells, %.0f s", done.get(), spec.cells(),
            (System.nanoTime() - start) / 1e9))) {
      if (!json) {
        out.println("cell  " + String.join("  ", spec.values(0).keySet())
            + "  theta  alpha +- se  divergent");
      }
      for (int i = 0; i < spec.cells(); i++) {
        CellResult cell = CellResult.of(spec, i, line(spec, i, runner, progress, out));
        cells.add(cell);
        done.incrementAndGet();
        if (!json) {
          progress.clear();
          out.println(row(cell));
          out.flush();
        }
      }
    }
    if (json) {
      run.printJson(SweepJson.cells(cells));
    }
    if (csv != null) {
      Files.writeString(csv, SweepJson.csv(spec, cells));
    }
    if (png != null) {
      dev.brink.report.SweepFigurePng.write(spec, cells, png);
    }
    out.flush();
    return 0;
  }

  /** Cell i's line, from and into its checkpoint file when there is a folder. */
  private LineResult line(SweepSpec spec, int i, GdRunner runner, Progress progress,
      PrintWriter out) {
    if (checkpoint == null) {
      return LineExperiment.run(spec.line(i), runner, Cancellation.NONE, LineListener.NONE);
    }
    Path file = checkpoint.resolve("cell-" + i + ".line");
    LineRun resumed;
    try {
      resumed = LineCheckpoints.resume(file, spec.line(i));
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("checkpoint", file + ": " + e.getMessage()
          + "; it holds another sweep's cell: remove the folder or name another to start "
          + "this sweep afresh");
    }
    if (resumed.accepted() > 0 && !resumed.complete() && !json) {
      progress.clear();
      out.printf("cell %d resumed from %s: %d of %d chunks were done%n", i, file,
          resumed.accepted(), resumed.chunks().size());
    }
    return LineExperiment.run(resumed, runner, Cancellation.NONE, LineListener.NONE,
        r -> LineCheckpoints.save(file, r), checkpointSeconds * 1_000_000_000L);
  }

  /** The checkpoint folder, held for this run (two sweeps saving into it would clash). */
  private LineCheckpoints.Held held() {
    if (checkpoint == null) {
      return null;
    }
    try {
      return LineCheckpoints.hold(checkpoint.resolve("sweep"));
    } catch (IllegalStateException e) {
      throw new InvalidParameterException("checkpoint", checkpoint + " is in use by another "
          + "brink sweep; wait for it to finish or name another folder");
    }
  }

  private static String row(CellResult c) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%4d", c.index()));
    c.values().values().forEach(v -> s.append("  ").append(LineCommand.num(v)));
    String theta = Double.isNaN(c.theta()) ? "-" : String.format(Locale.ROOT, "%.4g", c.theta());
    return s.append(String.format(Locale.ROOT, "  %s  %.4f +- %.4f  %.4f", theta,
        c.alpha(), c.alphaSe(), c.divergentFraction())).toString();
  }
}
