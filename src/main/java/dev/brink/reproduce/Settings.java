package dev.brink.reproduce;

import dev.brink.params.GdConfig;

/** A config in the words of the report: the family and the parameters that matter to it. */
final class Settings {
  private Settings() {
  }

  static String of(GdConfig c) {
    StringBuilder s = new StringBuilder(c.family().id());
    if (c.family().usesEpsLambda()) {
      s.append(", eps = ").append(Compare.num(c.eps())).append(", lambda = ")
          .append(Compare.num(c.lambda()));
    }
    if (c.family().usesEps2Lambda2()) {
      s.append(", eps2 = ").append(Compare.num(c.eps2())).append(", lambda2 = ")
          .append(Compare.num(c.lambda2()));
    }
    if (c.dim() != 1) {
      s.append(", n = ").append(c.dim());
    }
    return s.append(", x0 = ").append(Compare.num(c.x0())).append(", T = ").append(c.steps())
        .append(", bound ").append(Compare.num(c.bound())).toString();
  }
}
