package dev.brink.reproduce;

import dev.brink.descent.Cancellation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every experiment of paper A that brink runs, in the paper's order. */
public final class Experiments {
  private Experiments() {
  }

  public static List<Experiment> all() {
    List<Experiment> all = new ArrayList<>(LineExperiments.all());
    all.addAll(SweepExperiments.all());
    all.addAll(DimensionExperiments.all());
    all.addAll(ThresholdExperiment.all());
    all.add(TrajectoryExperiment.figS1());
    return all;
  }

  /** An experiment's comparisons and figures. */
  record Part(List<Comparison> comparisons, List<Figure> figures) {
  }

  interface Body {
    Part run(Profile p, Runs runs);
  }

  /** An experiment of a body; its setting, GD steps and time are the runs'. */
  static Experiment of(String id, String title, Body body,
      java.util.function.ToLongFunction<Profile> work) {
    return new Experiment() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public long work(Profile profile) {
        return work.applyAsLong(profile);
      }

      @Override
      public String title() {
        return title;
      }

      @Override
      public Outcome run(Profile profile, LineEngine lines, Cancellation cancel,
          Path checkpoints) {
        long start = System.nanoTime();
        Runs runs = new Runs(lines, cancel, checkpoints, id);
        Part part = body.run(profile, runs);
        return new Outcome(id, title, runs.setting(), part.comparisons(), part.figures(),
            runs.gdSteps(), (System.nanoTime() - start) / 1e9);
      }
    };
  }
}
