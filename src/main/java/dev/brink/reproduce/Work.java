package dev.brink.reproduce;

import dev.brink.line.LineSpec;
import dev.brink.sweep.SweepSpec;

/** Upper bounds of GD steps ({@link Experiment#work}). */
final class Work {
  private Work() {
  }

  static long line(LineSpec spec) {
    return spec.points() * spec.config().steps() * spec.config().dim();
  }

  static long sweep(SweepSpec spec) {
    long w = 0;
    for (int i = 0; i < spec.cells(); i++) {
      w += line(spec.line(i));
    }
    return w;
  }
}
