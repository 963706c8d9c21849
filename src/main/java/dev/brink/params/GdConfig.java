package dev.brink.params;

import dev.brink.landscape.Family;
import dev.brink.landscape.Landscape;
import dev.brink.network.Activation;
import dev.brink.network.NetworkArrays;
import dev.brink.network.NetworkSpec;
import dev.brink.optimizer.Optimizer;
import dev.brink.optimizer.OptimizerSpec;

/**
 * Every parameter of a GD run except the swept ones: the loss, the start, the learning rate, the
 * step count and the bound. Lines sweep eta; planes may sweep any two of eta, eps, lambda, x0,
 * eps2, lambda2, eta1, eta2, or for family mlp of eta, eta0, eta1, offset. Built through
 * {@link #builder(Family)}, which validates every value.
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
 * @param network the network of family mlp (null for the other families); its dim is 2, one
 *     learning rate per layer, and x0 and bound take no part
 * @param optimizer how gradients become steps: plain GD unless asked otherwise
 */
public record GdConfig(Family family, double eps, double lambda, double eps2, double lambda2,
    int dim, double x0, double eta, int steps, double bound, NetworkSpec network,
    OptimizerSpec optimizer) {

  public static final int DEFAULT_DIM = 1;
  public static final double DEFAULT_X0 = 1;
  public static final double DEFAULT_ETA = 1;
  public static final int DEFAULT_STEPS = 1000;
  public static final double DEFAULT_BOUND = 1e8;
  public static final int MAX_DIM = 1000;
  public static final int MAX_STEPS = 1_000_000;

  public Landscape landscape() {
    if (network != null) {
      throw new InvalidParameterException("family", "mlp is a network, not a loss of x");
    }
    return new Landscape(family, dim, eps, lambda, eps2, lambda2);
  }

  /** This config with another optimizer (a plane's pixel whose axis is beta, say). */
  public GdConfig withOptimizer(OptimizerSpec o) {
    return new GdConfig(family, eps, lambda, eps2, lambda2, dim, x0, eta, steps, bound, network,
        o);
  }

  public static Builder builder(Family family) {
    return new Builder(family);
  }

  /** A builder holding this config's values (only the family's own parameters). */
  public Builder toBuilder() {
    Builder b = builder(family).optimizer(optimizer.kind());
    if (optimizer.kind().usesBeta()) {
      b.beta(optimizer.beta());
    }
    if (optimizer.kind().usesAdam()) {
      b.beta1(optimizer.beta1()).beta2(optimizer.beta2()).adamEps(optimizer.adamEps());
    }
    if (network != null) {
      NetworkSpec n = network;
      return b.eta(eta).steps(steps).inputs(n.inputs()).hidden(n.hidden())
          .points(n.points()).activation(n.activation()).seed(n.seed()).batch(n.batch())
          .offset(n.offset()).arrays(n.arrays());
    }
    b.dim(dim).x0(x0).eta(eta).steps(steps).bound(bound);
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
    private Integer inputs;
    private Integer hidden;
    private Integer points;
    private Activation activation;
    private Long seed;
    private Integer batch;
    private Double offset;
    private NetworkArrays arrays;
    private Optimizer optimizer;
    private Double beta;
    private Double beta1;
    private Double beta2;
    private Double adamEps;

    private Builder(Family family) {
      this.family = Check.required("family", family, "(one of " + Family.allowedIds() + ")");
    }

    public Family family() {
      return family;
    }

    /** The optimizer asked for, gd when none was. */
    public Optimizer optimizerKind() {
      return optimizer == null ? Optimizer.GD : optimizer;
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

    public Builder inputs(Integer v) {
      inputs = v;
      return this;
    }

    public Builder hidden(Integer v) {
      hidden = v;
      return this;
    }

    public Builder points(Integer v) {
      points = v;
      return this;
    }

    public Builder activation(Activation v) {
      activation = v;
      return this;
    }

    public Builder seed(Long v) {
      seed = v;
      return this;
    }

    public Builder batch(Integer v) {
      batch = v;
      return this;
    }

    public Builder offset(Double v) {
      offset = v;
      return this;
    }

    /** The optimizer (null: gd). */
    public Builder optimizer(Optimizer v) {
      optimizer = v;
      return this;
    }

    public Builder beta(Double v) {
      beta = v;
      return this;
    }

    public Builder beta1(Double v) {
      beta1 = v;
      return this;
    }

    public Builder beta2(Double v) {
      beta2 = v;
      return this;
    }

    public Builder adamEps(Double v) {
      adamEps = v;
      return this;
    }

    /** Family mlp: initial weights and data from arrays rather than the seed (null: drawn). */
    public Builder arrays(NetworkArrays v) {
      arrays = v;
      return this;
    }

    /**
     * Sets a parameter by its field name: eps, lambda, eps2, lambda2, x0, eta, bound, offset,
     * dim, beta, beta1, beta2, adam-eps.
     */
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
        case "offset":
          return offset(value);
        case "beta":
          return beta(value);
        case "beta1":
          return beta1(value);
        case "beta2":
          return beta2(value);
        case "adam-eps":
          return adamEps(value);
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
        case "offset":
          return offset != null;
        case "optimizer":
          return optimizer != null;
        case "beta":
          return beta != null;
        case "beta1":
          return beta1 != null;
        case "beta2":
          return beta2 != null;
        case "adam-eps":
          return adamEps != null;
        case "inputs":
        case "hidden":
        case "points":
        case "activation":
        case "seed":
        case "batch":
          return hasNetworkField(field);
        default:
          return false;
      }
    }

    public GdConfig build() {
      OptimizerSpec opt = optimizerSpec();
      if (family.isNetwork()) {
        return buildNetwork(opt);
      }
      if (arrays != null) {
        throw new InvalidParameterException("weights", "not a parameter of family "
            + family.id() + " (it applies to " + Family.MLP.id() + ")");
      }
      for (String field : NETWORK_FIELDS) {
        if (hasNetworkField(field)) {
          throw new InvalidParameterException(field, "not a parameter of family " + family.id()
              + " (it applies to " + Family.MLP.id() + ")");
        }
      }
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
          Check.positive("bound", bound == null ? DEFAULT_BOUND : bound), null, opt);
    }

    /**
     * The optimizer and its parameters: each parameter only with an optimizer that uses it
     * (else it would be silently ignored), beta in (-1, 1) (heavy ball's stable range),
     * beta1 and beta2 in [0, 1), adam-eps > 0.
     */
    private OptimizerSpec optimizerSpec() {
      Optimizer kind = optimizer == null ? Optimizer.GD : optimizer;
      String[] names = {"beta", "beta1", "beta2", "adam-eps"};
      Double[] given = {beta, beta1, beta2, adamEps};
      for (int k = 0; k < names.length; k++) {
        boolean used = k == 0 ? kind.usesBeta() : kind.usesAdam();
        if (given[k] != null && !used) {
          throw new InvalidParameterException(names[k], "not a parameter of optimizer "
              + kind.id() + " (it applies to " + (k == 0 ? "momentum, nesterov" : "adam") + ")");
        }
      }
      double b = OptimizerSpec.DEFAULT_BETA;
      if (beta != null) {
        b = beta;
        if (!(b > -1 && b < 1)) {
          throw new InvalidParameterException("beta", "must be a number with -1 < beta < 1,"
              + " got " + b);
        }
      }
      double b1 = decay("beta1", beta1, OptimizerSpec.DEFAULT_BETA1);
      double b2 = decay("beta2", beta2, OptimizerSpec.DEFAULT_BETA2);
      double e = adamEps == null ? OptimizerSpec.DEFAULT_ADAM_EPS
          : Check.positive("adam-eps", adamEps);
      return new OptimizerSpec(kind, b, b1, b2, e);
    }

    private static double decay(String field, Double v, double fallback) {
      if (v == null) {
        return fallback;
      }
      if (!(v >= 0 && v < 1)) {
        throw new InvalidParameterException(field, "must be a number with 0 <= " + field
            + " < 1, got " + v);
      }
      return v;
    }

    private static final String[] NETWORK_FIELDS = {"inputs", "hidden", "points", "activation",
        "seed", "batch", "offset"};

    private boolean hasNetworkField(String field) {
      switch (field) {
        case "inputs":
          return inputs != null;
        case "hidden":
          return hidden != null;
        case "points":
          return points != null;
        case "activation":
          return activation != null;
        case "seed":
          return seed != null;
        case "batch":
          return batch != null;
        default:
          return offset != null;
      }
    }

    /** Family mlp: the loss's and the start's parameters are refused, the network's checked. */
    private GdConfig buildNetwork(OptimizerSpec opt) {
      String[] unused = {"eps", "lambda", "eps2", "lambda2", "dim", "x0", "bound"};
      Object[] given = {eps, lambda, eps2, lambda2, dim, x0, bound};
      for (int k = 0; k < unused.length; k++) {
        if (given[k] != null) {
          throw new InvalidParameterException(unused[k], "not a parameter of family "
              + family.id() + " (a network: see inputs, hidden, points, activation, seed,"
              + " batch, offset)");
        }
      }
      NetworkSpec net = NetworkSpec.of(inputs, hidden, points, activation, seed, batch,
          offset == null ? 0 : Check.finite("offset", offset), arrays);
      return new GdConfig(family, 0, 1, 0, 1, 2, 0,
          Check.finite("eta", eta == null ? DEFAULT_ETA : eta),
          Check.between("steps", steps == null ? NetworkSpec.DEFAULT_STEPS : steps, 1,
              NetworkSpec.MAX_STEPS), DEFAULT_BOUND, net, opt);
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
