package dev.brink.params;

import dev.brink.landscape.Family;
import dev.brink.landscape.Landscape;

/**
 * Every parameter of a GD run except the swept ones: the loss, the start, the learning rate, the
 * step count and the bound. Lines sweep eta; planes may sweep any two of eta, eps, lambda, x0,
 * eps2, lambda2, eta1, eta2. Built through {@link #builder(Family)}, which validates every value.
 *
 * @param eps first cosine's amplitude (0 when the family has none)
 * @param lambda first cosine's wavelength (1 when the family has none)
 * @param eps2 second cosine's amplitude (twocos only, else 0)
 * @param lambda2 second cosine's wavelength (twocos only, else 1)
 * @param dim number of coordinates n
 * @param x0 start value of every coordinate
 * @param eta learning rate where it is not an axis
 * @param steps T, GD updates of a bounded run
 * @param bound B, divergence when f(x_t) > B * n
 */
public record GdConfig(Family family, double eps, double lambda, double eps2, double lambda2,
    int dim, double x0, double eta, int steps, double bound) {

  public static final int DEFAULT_DIM = 1;
  public static final double DEFAULT_X0 = 1;
  public static final double DEFAULT_ETA = 1;
  public static final int DEFAULT_STEPS = 1000;
  public static final double DEFAULT_BOUND = 1e8;
  public static final int MAX_DIM = 1000;
  public static final int MAX_STEPS = 1_000_000;

  public Landscape landscape() {
    return new Landscape(family, dim, eps, lambda, eps2, lambda2);
  }

  public static Builder builder(Family family) {
    return new Builder(family);
  }

  /** A builder holding this config's values (only the family's own parameters). */
  public Builder toBuilder() {
    Builder b = builder(family).dim(dim).x0(x0).eta(eta).steps(steps).bound(bound);
    if (family.usesEpsLambda()) {
      b.eps(eps).lambda(lambda);
    }
    if (family.usesEps2Lambda2()) {
      b.eps2(eps2).lambda2(lambda2);
    }
    return b;
  }

  /** Collects optional values (null = not given) and checks them all in {@link #build()}. */
  public static final class Builder {
    private final Family family;
    private Double eps;
    private Double lambda;
    private Double eps2;
    private Double lambda2;
    private Integer dim;
    private Double x0;
    private Double eta;
    private Integer steps;
    private Double bound;

    private Builder(Family family) {
      this.family = Check.required("family", family, "(one of " + Family.allowedIds() + ")");
    }

    public Family family() {
      return family;
    }

    public Builder eps(Double v) {
      eps = v;
      return this;
    }

    public Builder lambda(Double v) {
      lambda = v;
      return this;
    }

    public Builder eps2(Double v) {
      eps2 = v;
      return this;
    }

    public Builder lambda2(Double v) {
      lambda2 = v;
      return this;
    }

    public Builder dim(Integer v) {
      dim = v;
      return this;
    }

    public Builder x0(Double v) {
      x0 = v;
      return this;
    }

    public Builder eta(Double v) {
      eta = v;
      return this;
    }

    public Builder steps(Integer v) {
      steps = v;
      return this;
    }

    public Builder bound(Double v) {
      bound = v;
      return this;
    }

    /** Sets a parameter by its field name: eps, lambda, eps2, lambda2, x0, eta, bound, dim. */
    public Builder set(String field, double value) {
      switch (field) {
        case "eps":
          return eps(value);
        case "lambda":
          return lambda(value);
        case "eps2":
          return eps2(value);
        case "lambda2":
          return lambda2(value);
        case "x0":
          return x0(value);
        case "eta":
          return eta(value);
        case "bound":
          return bound(value);
        case "dim":
          if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new InvalidParameterException("dim", "must be an integer, got " + value);
          }
          return dim((int) value);
        default:
          throw new IllegalArgumentException("no real-valued parameter " + field);
      }
    }

    /** Whether the caller gave this parameter (by its field name); unknown names are false. */
    public boolean has(String field) {
      switch (field) {
        case "eps":
          return eps != null;
        case "lambda":
          return lambda != null;
        case "eps2":
          return eps2 != null;
        case "lambda2":
          return lambda2 != null;
        case "dim":
          return dim != null;
        case "x0":
          return x0 != null;
        case "eta":
          return eta != null;
        case "steps":
          return steps != null;
        case "bound":
          return bound != null;
        default:
          return false;
      }
    }

    public GdConfig build() {
      double e = 0;
      double l = 1;
      double e2 = 0;
      double l2 = 1;
      String forFamily = "for family " + family.id();
      if (family.usesEpsLambda()) {
        e = Check.nonNegative("eps", Check.required("eps", eps, forFamily));
        l = Check.positive("lambda", Check.required("lambda", lambda, forFamily));
      } else {
        rejectUnused("eps", eps);
        rejectUnused("lambda", lambda);
      }
      if (family.usesEps2Lambda2()) {
        e2 = Check.nonNegative("eps2", Check.required("eps2", eps2, forFamily));
        l2 = Check.positive("lambda2", Check.required("lambda2", lambda2, forFamily));
      } else {
        rejectUnused("eps2", eps2);
        rejectUnused("lambda2", lambda2);
      }
      return new GdConfig(family, e, l, e2, l2,
          Check.between("dim", dim == null ? DEFAULT_DIM : dim, 1, MAX_DIM),
          Check.finite("x0", x0 == null ? DEFAULT_X0 : x0),
          Check.finite("eta", eta == null ? DEFAULT_ETA : eta),
          Check.between("steps", steps == null ? DEFAULT_STEPS : steps, 1, MAX_STEPS),
          Check.positive("bound", bound == null ? DEFAULT_BOUND : bound));
    }

    private void rejectUnused(String field, Double v) {
      if (v != null) {
        throw new InvalidParameterException(field, "not a parameter of family " + family.id()
            + " (it applies to " + familiesUsing(field) + ")");
      }
    }

    private static String familiesUsing(String field) {
      StringBuilder s = new StringBuilder();
      for (Family f : Family.values()) {
        boolean uses = field.endsWith("2") ? f.usesEps2Lambda2() : f.usesEpsLambda();
        if (uses) {
          s.append(s.length() == 0 ? "" : ", ").append(f.id());
        }
      }
      return s.toString();
    }
  }
}
