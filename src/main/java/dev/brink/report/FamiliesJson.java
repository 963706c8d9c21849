package dev.brink.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.grid.AxisParameter;
import dev.brink.landscape.Family;
import dev.brink.landscape.Landscape;
import dev.brink.line.LineSpec;
import dev.brink.network.Activation;
import dev.brink.network.NetworkSpec;
import dev.brink.optimizer.Optimizer;
import dev.brink.optimizer.OptimizerSpec;
import dev.brink.params.GdConfig;
import dev.brink.plane.PlaneSpec;
import java.util.Map;

/**
 * What a client needs to build its form: every family with its formula and suggested values,
 * every parameter with its type, allowed range and default, the plane axes and the server's
 * limits. The ranges are the ones {@link GdConfig}, {@link LineSpec} and {@link PlaneSpec}
 * enforce (a test checks each one).
 */
public final class FamiliesJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Suggested values per family: the paper's Fig. 2a/2b lines and the two-cosine case. */
  private static final Map<Family, Map<String, Double>> SUGGESTED = Map.of(
      Family.QUADRATIC, Map.of(),
      Family.ADDITIVE, Map.of("eps", 0.2, "lambda", 0.1),
      Family.MULTIPLICATIVE, Map.of("eps", 0.2, "lambda", 0.1),
      Family.TWOCOS, Map.of("eps", 0.006, "lambda", 0.3, "eps2", 0.015, "lambda2", 0.5),
      Family.MLP, Map.of());

  private static final Map<Family, String> FORMULA = Map.of(
      Family.QUADRATIC, "f(x) = sum_i x_i^2",
      Family.ADDITIVE, "f(x) = sum_i [x_i^2 + eps cos(2 pi x_i / lambda)]",
      Family.MULTIPLICATIVE, "f(x) = (sum_i x_i^2) (1 + eps sum_j cos(2 pi x_j / lambda))",
      Family.TWOCOS, "f(x) = sum_i [x_i^2 + eps cos(2 pi x_i / lambda) "
          + "+ eps2 cos(2 pi x_i / lambda2)]",
      Family.MLP, "yhat = tanh(sqrt(2) X W0 / sqrt(d)) W1 / n, loss = mean (yhat - y)^2;"
          + " GD with eta0 on W0, eta1 on W1");

  private FamiliesJson() {
  }

  /**
   * @param maxLevels the server's limit on line levels
   * @param maxSteps the server's limit on GD steps per run
   * @param limits further limits to list, name to value
   */
  public static ObjectNode of(int maxLevels, int maxSteps, Map<String, Object> limits) {
    ObjectNode root = F.objectNode();
    ArrayNode families = root.putArray("families");
    for (Family f : Family.values()) {
      ObjectNode o = families.addObject();
      o.put("id", f.id());
      o.put("formula", FORMULA.get(f));
      ArrayNode params = o.putArray("parameters");
      if (f.usesEpsLambda()) {
        params.add("eps").add("lambda");
      }
      if (f.usesEps2Lambda2()) {
        params.add("eps2").add("lambda2");
      }
      ArrayNode shared = o.putArray("run_parameters");
      ArrayNode axes = o.putArray("axes");
      if (f.isNetwork()) {
        for (String n : new String[] {"inputs", "hidden", "points", "activation", "seed", "batch",
            "offset"}) {
          params.add(n);
        }
        shared.add("eta").add("steps");
        axes.add("eta0").add("eta1").add("eta").add("offset");
        o.put("default_steps", NetworkSpec.DEFAULT_STEPS);
        o.put("measure", "Sohl-Dickstein's convergence measure: -sum v (trainable) or"
            + " +sum 1/v (not), v_t = loss_t / loss_0");
      } else {
        shared.add("dim").add("x0").add("eta").add("steps").add("bound");
        for (AxisParameter a : AxisParameter.values()) {
          if (a.ofOptimizer()) {
            continue;
          }
          try {
            a.checkFamily("x", f);
            axes.add(a.id());
          } catch (RuntimeException notOfThisFamily) {
            // Listed for the families that have it.
          }
        }
        o.put("default_steps", GdConfig.DEFAULT_STEPS);
        o.put("measure", "escape time (divergent) or settling time (bounded), in steps");
      }
      ObjectNode suggested = o.putObject("suggested");
      SUGGESTED.get(f).forEach(suggested::put);
    }
    ArrayNode optimizers = root.putArray("optimizers");
    for (Optimizer k : Optimizer.values()) {
      ObjectNode o = optimizers.addObject();
      o.put("id", k.id());
      ArrayNode params = o.putArray("parameters");
      if (k.usesBeta()) {
        params.add("beta");
      }
      if (k.usesAdam()) {
        params.add("beta1").add("beta2").add("adam-eps");
      }
      // Every parameter of an optimizer can be a plane's axis.
      o.set("axes", params.deepCopy());
    }
    ObjectNode p = root.putObject("parameters");
    ObjectNode opt = p.putObject("optimizer");
    opt.put("type", "choice");
    ArrayNode kinds = opt.putArray("choices");
    for (Optimizer k : Optimizer.values()) {
      kinds.add(k.id());
    }
    opt.put("default", Optimizer.GD.id());
    opt.put("description", "how gradients become steps (every family)");
    real(p, "beta", -1.0, true, 1.0, OptimizerSpec.DEFAULT_BETA,
        "momentum, nesterov: v <- beta v + g, x <- x - eta v");
    real(p, "beta1", 0.0, false, 1.0, OptimizerSpec.DEFAULT_BETA1,
        "adam: decay of the first moment");
    real(p, "beta2", 0.0, false, 1.0, OptimizerSpec.DEFAULT_BETA2,
        "adam: decay of the second moment");
    real(p, "adam-eps", 0.0, true, null, OptimizerSpec.DEFAULT_ADAM_EPS,
        "adam: added to the root of the second moment");
    real(p, "eps", 0.0, false, null, "amplitude of the cosine");
    real(p, "lambda", 0.0, true, null, "wavelength of the cosine, k = 2 pi / lambda");
    real(p, "eps2", 0.0, false, null, "amplitude of the second cosine (twocos)");
    real(p, "lambda2", 0.0, true, null, "wavelength of the second cosine (twocos)");
    integer(p, "dim", 1, GdConfig.MAX_DIM, GdConfig.DEFAULT_DIM, "number of coordinates n");
    real(p, "x0", null, false, GdConfig.DEFAULT_X0, "start value of every coordinate");
    real(p, "eta", null, false, GdConfig.DEFAULT_ETA,
        "learning rate where no axis sets it (planes)");
    integer(p, "steps", 1, maxSteps, GdConfig.DEFAULT_STEPS, "GD steps per run");
    real(p, "bound", 0.0, true, GdConfig.DEFAULT_BOUND, "divergent when f(x_t) > bound * n");
    integer(p, "inputs", 1, NetworkSpec.MAX_WIDTH, NetworkSpec.DEFAULT_INPUTS,
        "mlp: input dimension d");
    integer(p, "hidden", 1, NetworkSpec.MAX_WIDTH, NetworkSpec.DEFAULT_HIDDEN,
        "mlp: hidden units n");
    integer(p, "points", 1, NetworkSpec.MAX_POINTS, null,
        "mlp: data points P (default d n + n, the parameter count)");
    ObjectNode act = p.putObject("activation");
    act.put("type", "choice");
    ArrayNode choices = act.putArray("choices");
    for (Activation a : Activation.values()) {
      choices.add(a.id());
    }
    act.put("default", Activation.TANH.id());
    act.put("description", "mlp: the hidden layer's nonlinearity");
    integer(p, "seed", 0, NetworkSpec.MAX_SEED, 0,
        "mlp: seed of the data and initial weights (SplitMix64)");
    integer(p, "batch", 0, NetworkSpec.MAX_POINTS, 0,
        "mlp: minibatch size, 0 for full batch");
    real(p, "offset", null, false, 0.0, "mlp: added to W0 before every step");
    integer(p, "levels", 0, maxLevels, LineSpec.DEFAULT_LEVELS,
        "line: 2^levels + 1 learning rates");
    real(p, "eta-min", null, false, LineSpec.DEFAULT_ETA_MIN, "line: smallest learning rate");
    real(p, "eta-max", null, false, LineSpec.DEFAULT_ETA_MAX,
        "line: largest learning rate, > eta-min");
    integer(p, "width", 1, PlaneSpec.MAX_SIDE, null, "plane: columns");
    integer(p, "height", 1, PlaneSpec.MAX_SIDE, null, "plane: rows");
    ArrayNode axes = root.putArray("axes");
    for (AxisParameter a : AxisParameter.values()) {
      axes.add(a.id());
    }
    root.put("critical_roughness", Landscape.CRITICAL_ROUGHNESS);
    ObjectNode l = root.putObject("limits");
    limits.forEach((k, v) -> l.putPOJO(k, v));
    return root;
  }

  private static void real(ObjectNode p, String name, Double min, boolean exclusive,
      Double dflt, String description) {
    real(p, name, min, exclusive, null, dflt, description);
  }

  /** ... below lessThan (exclusive) too, when not null. */
  private static void real(ObjectNode p, String name, Double min, boolean exclusive,
      Double lessThan, Double dflt, String description) {
    ObjectNode o = p.putObject(name);
    o.put("type", "number");
    if (min != null) {
      o.put(exclusive ? "greater_than" : "min", min);
    }
    if (lessThan != null) {
      o.put("less_than", lessThan);
    }
    if (dflt != null) {
      o.put("default", dflt);
    }
    o.put("description", description);
  }

  private static void integer(ObjectNode p, String name, long min, long max, Integer dflt,
      String description) {
    ObjectNode o = p.putObject(name);
    o.put("type", "integer");
    o.put("min", min);
    o.put("max", max);
    if (dflt != null) {
      o.put("default", dflt);
    }
    o.put("description", description);
  }
}
