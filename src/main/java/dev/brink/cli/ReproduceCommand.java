package dev.brink.cli;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.params.InvalidParameterException;
import dev.brink.report.ReproduceReport;
import dev.brink.reproduce.Experiment;
import dev.brink.reproduce.LineEngine;
import dev.brink.reproduce.Experiments;
import dev.brink.reproduce.Outcome;
import dev.brink.reproduce.Profile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `brink reproduce`: paper A's experiments, run and compared with its numbers, as a report. */
@Command(name = "reproduce", sortOptions = false, mixinStandardHelpOptions = true,
    description = {"Runs the experiments of arXiv:2406.13971 (Figs. 1d, 2a-2d, 3a-3b, 4a-4c, "
        + "S1-S5) and writes a report: DIR/index.html with each figure redrawn and brink's "
        + "numbers beside the paper's, with tolerances and pass or fail (it opens with no "
        + "server), and DIR/report.json."})
final class ReproduceCommand implements Callable<Integer> {
  @Option(names = "--profile", paramLabel = "P", description = "quick (reduced resolutions, "
      + "about 5 minutes on 2 cores; the default), paper (the paper's resolutions, hours) or "
      + "smoke (the smallest, for tests).")
  String profile = "quick";

  @Option(names = "--out", paramLabel = "DIR",
      description = "The report's folder (default: reproduce-PROFILE); made if missing.")
  Path out;

  @Option(names = "--only", paramLabel = "IDS", split = ",",
      description = "Only these experiments, by id: 1d, 2a, 2b, S2, 2c-3a, 2d-3b, 4a, S4, S5, "
          + "4b, 4c, S3, S1.")
  List<String> only;

  @Mixin
  RunOptions run;

  @Override
  public Integer call() throws IOException {
    Profile p = Profile.parse(profile);
    List<Experiment> chosen = choose(Experiments.all(), only);
    Path dir = out != null ? out : Path.of("reproduce-" + p.id());
    RunOptions.checkFolder("out", dir.toAbsolutePath().resolve("index.html").getParent());
    Files.createDirectories(dir);
    PrintWriter w = run.out();
    // Every line is saved here as it goes: the same command run again takes up where a
    // stopped one left off (a finished line is not computed again).
    Path checkpoints = dir.resolve("checkpoints");
    if (Files.isDirectory(checkpoints)) {
      w.printf("resuming from the checkpoints in %s%n", checkpoints);
    }
    List<Outcome> outcomes = new ArrayList<>();
    try (GdRunner runner = run.runner()) {
      String machine = String.format(Locale.ROOT, "%d threads, %s kernel, Java %s",
          runner.threads(), runner.kernel(), Runtime.version().feature());
      long work = 0;
      for (Experiment e : chosen) {
        work += e.work(p);
      }
      w.printf(Locale.ROOT, "reproduce: profile %s, %d experiments (up to %.2g GD steps), report"
          + " in %s%n", p.id(), chosen.size(), (double) work, dir.resolve("index.html"));
      w.flush();
      long workDone = 0;
      double seconds = 0;
      for (int i = 0; i < chosen.size(); i++) {
        Experiment e = chosen.get(i);
        w.printf(Locale.ROOT, "[%d/%d] %s%n", i + 1, chosen.size(), e.title());
        w.flush();
        Outcome o = e.run(p, LineEngine.local(runner), Cancellation.NONE, checkpoints);
        outcomes.add(o);
        // Written after every experiment: a report of what is done if the run is stopped.
        ReproduceReport.figures(o, dir);
        ReproduceReport.write(p, outcomes, chosen.size(), machine, dir);
        long ok = o.comparisons().stream().filter(c -> c.pass()).count();
        w.printf(Locale.ROOT, "      %d of %d within tolerance, %.3g GD steps in %.1f s%s%n", ok,
            o.comparisons().size(), (double) o.gdSteps(), o.seconds(),
            timeLeft(workDone += e.work(p), work, seconds += o.seconds()));
        w.flush();
      }
    }
    deleteFolder(checkpoints);
    long ok = outcomes.stream().flatMap(o -> o.comparisons().stream()).filter(c -> c.pass())
        .count();
    long all = outcomes.stream().mapToLong(o -> o.comparisons().size()).sum();
    w.printf("report: %s (%d of %d comparisons within tolerance)%n", dir.resolve("index.html"),
        ok, all);
    w.flush();
    return 0;
  }

  /**
   * The time the rest should take, at the rate so far in seconds per unit of work (the GD steps
   * at most): "" when nothing is left or nothing measured yet.
   */
  static String timeLeft(long workDone, long work, double seconds) {
    if (workDone >= work || workDone == 0 || seconds <= 0) {
      return "";
    }
    double left = seconds * (work - workDone) / workDone;
    return left < 120 ? String.format(Locale.ROOT, "; about %.0f s left", left)
        : left < 7200 ? String.format(Locale.ROOT, "; about %.0f min left", left / 60)
        : String.format(Locale.ROOT, "; about %.1f h left", left / 3600);
  }

  /** The checkpoints of a finished reproduction, which nothing needs any more. */
  private static void deleteFolder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
    }
    Files.deleteIfExists(dir);
  }

  static List<Experiment> choose(List<Experiment> all, List<String> ids) {
    if (ids == null || ids.isEmpty()) {
      return all;
    }
    List<String> known = all.stream().map(Experiment::id).toList();
    List<Experiment> chosen = new ArrayList<>();
    for (String id : ids) {
      int k = known.indexOf(id.trim());
      if (k < 0) {
        throw new InvalidParameterException("only", "no experiment '" + id + "', known: "
            + String.join(", ", known));
      }
      chosen.add(all.get(k));
    }
    return chosen;
  }
}
