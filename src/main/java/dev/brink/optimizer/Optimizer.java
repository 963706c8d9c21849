package dev.brink.optimizer;

import java.util.Locale;

/** How a run turns gradients into steps (docs/science.md, Optimizers). */
public enum Optimizer {
  /** x <- x - eta g: the papers' plain gradient descent. */
  GD,
  /** Heavy ball: v <- beta v + g, x <- x - eta v, v starting at 0. */
  MOMENTUM,
  /** As momentum, with g taken at the look-ahead point x - eta beta v. */
  NESTEROV,
  /** Kingma and Ba's Adam with bias correction. */
  ADAM;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The optimizer with this id, or null. */
  public static Optimizer byId(String id) {
    for (Optimizer o : values()) {
      if (o.id().equals(id)) {
        return o;
      }
    }
    return null;
  }

  public static String allowedIds() {
    StringBuilder s = new StringBuilder();
    for (Optimizer o : values()) {
      s.append(s.length() == 0 ? "" : ", ").append(o.id());
    }
    return s.toString();
  }

  /** Whether beta takes part (momentum and Nesterov). */
  public boolean usesBeta() {
    return this == MOMENTUM || this == NESTEROV;
  }

  /** Whether beta1, beta2 and adam-eps take part. */
  public boolean usesAdam() {
    return this == ADAM;
  }
}
