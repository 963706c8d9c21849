package dev.brink.reproduce;

import dev.brink.descent.Cancellation;
import dev.brink.line.LineCheckpoints;
import dev.brink.line.LineResult;
import dev.brink.line.LineRun;
import dev.brink.line.LineSpec;
import dev.brink.sweep.CellResult;
import dev.brink.sweep.SweepSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines and sweeps as the experiments run them, with their GD steps added up; with a checkpoint
 * folder, the n-th line of an experiment is saved there as ID-n.line every 30 s and when done,
 * and taken up from there by a later run of the same line.
 */
final class Runs {
  private static final long CHECKPOINT_NANOS = 30_000_000_000L;
  private final LineEngine engine;
  private final Cancellation cancel;
  private final Path checkpoints;
  private final String experiment;
  private int lines;
  private long gdSteps;
  private final List<String> settings = new ArrayList<>();

  Runs(LineEngine engine, Cancellation cancel, Path checkpoints, String experiment) {
    this.engine = engine;
    this.cancel = cancel;
    this.checkpoints = checkpoints;
    this.experiment = experiment;
  }

  LineResult line(LineSpec spec) {
    LineResult r;
    if (checkpoints == null) {
      r = engine.finish(new LineRun(spec), cancel, done -> { }, Long.MAX_VALUE);
    } else {
      Path file = checkpoints.resolve(experiment + "-" + (lines++) + ".line");
      try (LineCheckpoints.Held held = LineCheckpoints.hold(file)) {
        LineRun run = LineCheckpoints.load(file, spec);
        r = engine.finish(run, cancel, done -> LineCheckpoints.save(file, done),
            CHECKPOINT_NANOS);
      }
    }
    gdSteps += r.gdSteps();
    return r;
  }

  List<CellResult> sweep(SweepSpec spec) {
    StringBuilder grid = new StringBuilder();
    for (dev.brink.sweep.GridAxis a : spec.axes()) {
      grid.append(grid.length() == 0 ? "" : " by ").append(a.name()).append(" = ")
          .append(Compare.num(a.min())).append(" to ").append(Compare.num(a.max())).append(" (")
          .append(a.count()).append(")");
    }
    boolean seeds = spec.axes().stream().anyMatch(a -> a.name().equals("seed"));
    describe(Settings.of(spec.base()) + (seeds ? " (x0 drawn from U(" + Compare.num(spec.x0Min())
        + ", " + Compare.num(spec.x0Max()) + ") for every learning rate)" : "") + "; grid " + grid + ", N = " + spec.levels() + " ("
        + ((1L << spec.levels()) + 1) + " learning rates in [0, 1.5] a cell)");
    List<CellResult> cells = new ArrayList<>();
    for (int i = 0; i < spec.cells(); i++) {
      cells.add(CellResult.of(spec, i, line(spec.line(i))));
    }
    return cells;
  }

  /** Says what was run, for the report; said once per distinct description. */
  void describe(String setting) {
    if (!settings.contains(setting)) {
      settings.add(setting);
    }
  }

  String setting() {
    return String.join("; ", settings);
  }

  long gdSteps() {
    return gdSteps;
  }
}
