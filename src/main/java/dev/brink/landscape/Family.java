package dev.brink.landscape;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The loss families of docs/science.md, Loss families. Each coordinate of x has the same
 * perturbation; the quadratic part is x^2 (curvature 2), not x^2/2.
 */
public enum Family {
  /** f = sum x_i^2. */
  QUADRATIC(false, false),
  /** f = sum_i [x_i^2 + eps cos(k x_i)], k = 2 pi / lambda. */
  ADDITIVE(true, false),
  /** f = (sum_i x_i^2) (1 + eps sum_j cos(k x_j)). */
  MULTIPLICATIVE(true, false),
  /** f = sum_i [x_i^2 + eps cos(k x_i) + eps2 cos(k2 x_i)], k2 = 2 pi / lambda2. */
  TWOCOS(true, true),
  /**
   * Not a loss of x: Sohl-Dickstein's one-hidden-layer network, trained by GD with one learning
   * rate per layer (dev.brink.network; docs/science.md, Neural networks).
   */
  MLP(false, false);

  private final boolean usesEpsLambda;
  private final boolean usesEps2Lambda2;

  Family(boolean usesEpsLambda, boolean usesEps2Lambda2) {
    this.usesEpsLambda = usesEpsLambda;
    this.usesEps2Lambda2 = usesEps2Lambda2;
  }

  /** The name used on the command line, in JSON and in URLs. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this is the network family, whose runs are trainings rather than paths in x. */
  public boolean isNetwork() {
    return this == MLP;
  }

  /** Whether eps and lambda take part in the loss. */
  public boolean usesEpsLambda() {
    return usesEpsLambda;
  }

  /** Whether eps2 and lambda2 take part in the loss. */
  public boolean usesEps2Lambda2() {
    return usesEps2Lambda2;
  }

  /** All ids, for error messages: "quadratic, additive, multiplicative, twocos". */
  public static String allowedIds() {
    return Arrays.stream(values()).map(Family::id).collect(Collectors.joining(", "));
  }

  /** The family with this id, or null. */
  public static Family byId(String id) {
    for (Family f : values()) {
      if (f.id().equals(id)) {
        return f;
      }
    }
    return null;
  }

  /** The loss families, all but the network: those of the x kernels. */
  public static List<Family> losses() {
    return Arrays.stream(values()).filter(f -> !f.isNetwork()).collect(Collectors.toList());
  }

  /** Ids in declaration order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(Family::id).collect(Collectors.toList());
  }
}
