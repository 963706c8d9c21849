package dev.brink.cli;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.line.LineExperiment;
import dev.brink.line.LineListener;
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
    loss.saveWeights(spec.base());
    PrintWriter out = run.out();
    List<CellResult> cells = new ArrayList<>();
    AtomicInteger done = new AtomicInteger();
    long start = System.nanoTime();
    try (GdRunner runner = run.runner();
        Progress progress = run.progress(() -> String.format(Locale.ROOT,
            "sweep: %d of %d cells, %.0f s", done.get(), spec.cells(),
            (System.nanoTime() - start) / 1e9))) {
      if (!json) {
        out.println("cell  " + String.join("  ", spec.values(0).keySet())
            + "  theta  alpha +- se  divergent");
      }
      for (int i = 0; i < spec.cells(); i++) {
        CellResult cell = CellResult.of(spec, i, LineExperiment.run(spec.line(i), runner,
            Cancellation.NONE, LineListener.NONE));
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

  private static String row(CellResult c) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%4d", c.index()));
    c.values().values().forEach(v -> s.append("  ").append(LineCommand.num(v)));
    String theta = Double.isNaN(c.theta()) ? "-" : String.format(Locale.ROOT, "%.4g", c.theta());
    return s.append(String.format(Locale.ROOT, "  %s  %.4f +- %.4f  %.4f", theta,
        c.alpha(), c.alphaSe(), c.divergentFraction())).toString();
  }
}
