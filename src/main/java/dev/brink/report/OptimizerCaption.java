package dev.brink.report;

import dev.brink.optimizer.OptimizerSpec;
import java.util.Locale;
import java.util.function.Predicate;

/** The optimizer's part of a figure's caption: ", optimizer momentum, beta 0.9"; "" for GD. */
final class OptimizerCaption {
  private static final String[] NAMES = {"beta", "beta1", "beta2", "adam-eps"};

  private OptimizerCaption() {
  }

  /** @param swept whether a parameter (by its name) is on an axis, so has no one value */
  static String of(OptimizerSpec o, Predicate<String> swept) {
    if (o.isGd()) {
      return "";
    }
    StringBuilder b = new StringBuilder(", optimizer ").append(o.kind().id());
    double[] values = {o.beta(), o.beta1(), o.beta2(), o.adamEps()};
    for (int k = 0; k < NAMES.length; k++) {
      boolean used = k == 0 ? o.kind().usesBeta() : o.kind().usesAdam();
      if (used && !swept.test(NAMES[k])) {
        b.append(", ").append(NAMES[k]).append(' ').append(number(values[k]));
      }
    }
    return b.toString();
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%s", v);
  }
}
