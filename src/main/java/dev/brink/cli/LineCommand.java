package dev.brink.cli;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.descent.Outcomes;
import dev.brink.line.LevelSummary;
import dev.brink.line.LineCheckpoints;
import dev.brink.line.LineRun;
import dev.brink.params.InvalidParameterException;
import dev.brink.line.LineExperiment;
import dev.brink.line.LineListener;
import dev.brink.line.LineResult;
import dev.brink.line.LineSpec;
import dev.brink.report.LineJson;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `brink line`: the paper's learning-rate line, level by level, with N_B and alpha. */
@Command(name = "line", sortOptions = false, mixinStandardHelpOptions = true,
    description = {"Computes GD outcomes on 2^N + 1 learning rates in [eta-min, eta-max], level "
        + "by level, and the box-counting dimension alpha of the trainability boundary."})
final class LineCommand implements Callable<Integer> {
  @Mixin
  LossOptions loss;

  @Mixin
  LineRangeOptions range;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Option(names = "--bits", description = "With --json: add divergent_bits_b64, the labels "
      + "(lines of up to " + LineRun.KEPT_LEVELS + " levels: finer ones are not kept).")
  boolean bits;

  @Option(names = "--png", paramLabel = "FILE",
      description = "Write the figure as PNG: the outcome strip over eta, log2 N_B against the "
          + "level with the fit of slope alpha, and a caption.")
  java.nio.file.Path png;

  @Option(names = "--checkpoint", paramLabel = "FILE",
      description = "Save the line to FILE every 30 s and when done, and go on from FILE when "
          + "it holds this same line: a long line survives a kill (run the same command again).")
  java.nio.file.Path checkpoint;

  @Option(names = "--checkpoint-seconds", paramLabel = "S",
      description = "Seconds between checkpoints, 1 to 3600 (default 30).")
  int checkpointSeconds = 30;

  @Mixin
  RunOptions run;

  @Override
  public Integer call() {
    LineSpec spec = new LineSpec(loss.builder().build(), range.levels, range.etaMin,
        range.etaMax);
    RunOptions.checkFolder("png", png);
    RunOptions.checkFolder("checkpoint", checkpoint);
    dev.brink.params.Check.between("checkpoint-seconds", checkpointSeconds, 1, 3600);
    if (bits && spec.levels() > LineRun.KEPT_LEVELS) {
      throw new InvalidParameterException("bits", "a line of more than " + LineRun.KEPT_LEVELS
          + " levels keeps the labels of its first " + LineRun.KEPT_LEVELS + " only (2^N bits "
          + "would not fit in memory), got --levels " + spec.levels());
    }
    loss.saveWeights(spec.config());
    PrintWriter out = run.out();
    AtomicLong done = new AtomicLong();
    AtomicLong gdSteps = new AtomicLong();
    long start = System.nanoTime();
    try (GdRunner runner = run.runner();
        Progress progress = run.progress(() -> status(spec, done.get(), gdSteps.get(), start))) {
      if (!json) {
        out.println(header(spec));
        out.println("level          N_B   alpha so far");
        out.flush();
      }
      LineListener listener = new LineListener() {
        @Override
        public void onChunk(LineRun.Chunk chunk, Outcomes outcomes) {
          done.addAndGet(chunk.count());
          gdSteps.addAndGet(outcomes.gdSteps(chunk.count()));
        }

        @Override
        public void onLevel(LevelSummary s) {
          if (!json) {
            progress.clear();
            out.println(row(s));
            out.flush();
          }
        }
      };
      LineResult result;
      if (checkpoint == null) {
        result = LineExperiment.run(spec, runner, Cancellation.NONE, listener);
      } else {
        try (LineCheckpoints.Held held = held()) {
          LineRun resumed = resumed(spec);
          if (resumed.accepted() > 0 && !json) {
            progress.clear();
            out.printf("resumed from %s: %d of %d chunks were done%n", checkpoint,
                resumed.accepted(), resumed.chunks().size());
          }
          result = LineExperiment.run(resumed, runner, Cancellation.NONE, listener,
              r -> LineCheckpoints.save(checkpoint, r), checkpointSeconds * 1_000_000_000L);
        }
      }
      if (png != null) {
        try {
          dev.brink.report.LineFigurePng.write(result, png);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException("cannot write " + png + ": " + e.getMessage(),
              e);
        }
      }
      if (json) {
        run.printJson(LineJson.of(result, bits, runner.threads(), runner.kernel()));
      } else {
        out.println(footer(result));
      }
      out.flush();
    }
    return 0;
  }

  private LineCheckpoints.Held held() {
    try {
      return LineCheckpoints.hold(checkpoint);
    } catch (IllegalStateException e) {
      throw new InvalidParameterException("checkpoint", e.getMessage()
          + "; wait for it to finish or name another file");
    }
  }

  private LineRun resumed(LineSpec spec) {
    try {
      return LineCheckpoints.resume(checkpoint, spec);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("checkpoint", checkpoint + ": " + e.getMessage()
          + "; remove the file or name another to start this line afresh");
    }
  }

  private static String header(LineSpec s) {
    var c = s.config();
    StringBuilder b = new StringBuilder("line: ").append(c.family().id());
    if (c.family().usesEpsLambda()) {
      b.append(String.format(Locale.ROOT, " eps %s lambda %s", num(c.eps()), num(c.lambda())));
    }
    if (c.family().usesEps2Lambda2()) {
      b.append(String.format(Locale.ROOT, " eps2 %s lambda2 %s", num(c.eps2()),
          num(c.lambda2())));
    }
    if (c.network() != null) {
      dev.brink.network.NetworkSpec n = c.network();
      return b.append(String.format(Locale.ROOT, " %s, %d inputs, %d hidden, %d points, seed %d%s"
          + "%s, %d steps, eta (both layers) in [%s, %s], 2^%d + 1 points",
          n.activation().id(), n.inputs(), n.hidden(), n.points(), n.seed(),
          n.minibatch() ? ", batch " + n.batch() : "",
          n.offset() != 0 ? ", offset " + num(n.offset()) : "", c.steps(), num(s.etaMin()),
          num(s.etaMax()), s.levels())).toString();
    }
    return b.append(String.format(Locale.ROOT,
        ", dim %d, x0 %s, %d steps, bound %s, eta in [%s, %s], 2^%d + 1 points",
        c.dim(), num(c.x0()), c.steps(), num(c.bound()), num(s.etaMin()), num(s.etaMax()),
        s.levels())).toString();
  }

  private static String row(LevelSummary s) {
    String alpha = s.alpha().points() == 0 ? "0 (fewer than 3 levels with N_B > 1)"
        : String.format(Locale.ROOT, "%.4f +- %.4f", s.alpha().slope(),
            s.alpha().standardError());
    return String.format(Locale.ROOT, "%5d %12d   %s", s.level(), s.nb()[s.level()], alpha);
  }

  private static String footer(LineResult r) {
    return String.format(Locale.ROOT,
        "alpha = %.4f +- %.4f (%d levels with N_B > 1), divergent fraction %.6f, "
            + "%d GD steps in %.2f s (%s)",
        r.alpha().slope(), r.alpha().standardError(), r.alpha().points(),
        r.divergentFraction(), r.gdSteps(), r.seconds(),
        Progress.rate(r.seconds() > 0 ? r.gdSteps() / r.seconds() : 0));
  }

  private static String status(LineSpec spec, long done, long gdSteps, long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double fraction = done / (double) spec.points();
    double remaining = fraction > 0 ? seconds * (1 - fraction) / fraction : Double.NaN;
    return String.format(Locale.ROOT, "line: %.1f%% of %d points, %s, about %.0f s left",
        100 * fraction, spec.points(), Progress.rate(gdSteps / Math.max(seconds, 1e-9)),
        remaining);
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(e|$)", "$1");
  }
}
