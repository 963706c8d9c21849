package dev.brink.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.network.NetworkSpec;
import dev.brink.optimizer.OptimizerSpec;
import dev.brink.params.GdConfig;

/** The fixed GD parameters as JSON fields, only those the family uses. */
final class ConfigJson {
  private ConfigJson() {
  }

  static ObjectNode of(GdConfig c) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("family", c.family().id());
    putOptimizer(o, c.optimizer());
    if (c.network() != null) {
      NetworkSpec n = c.network();
      o.put("inputs", n.inputs());
      o.put("hidden", n.hidden());
      o.put("points", n.points());
      o.put("activation", n.activation().id());
      o.put("seed", n.seed());
      o.put("batch", n.batch());
      o.put("offset", n.offset());
      o.put("steps", c.steps());
      return o;
    }
    if (c.family().usesEpsLambda()) {
      o.put("eps", c.eps());
      o.put("lambda", c.lambda());
    }
    if (c.family().usesEps2Lambda2()) {
      o.put("eps2", c.eps2());
      o.put("lambda2", c.lambda2());
    }
    o.put("theta", c.landscape().roughness());
    o.put("dim", c.dim());
    o.put("x0", c.x0());
    o.put("steps", c.steps());
    o.put("bound", c.bound());
    return o;
  }

  /** The optimizer and the parameters it uses. */
  static void putOptimizer(ObjectNode o, OptimizerSpec opt) {
    o.put("optimizer", opt.kind().id());
    if (opt.kind().usesBeta()) {
      o.put("beta", opt.beta());
    }
    if (opt.kind().usesAdam()) {
      o.put("beta1", opt.beta1());
      o.put("beta2", opt.beta2());
      o.put("adam_eps", opt.adamEps());
    }
  }

  /** The fields every computation reports: its outcome counts and how fast it ran. */
  static void putRun(ObjectNode o, double divergentFraction, long gdSteps, double seconds,
      int threads, String kernel) {
    o.put("divergent_fraction", divergentFraction);
    o.put("gd_steps", gdSteps);
    o.put("seconds", seconds);
    o.put("steps_per_second", seconds > 0 ? gdSteps / seconds : 0);
    o.put("threads", threads);
    o.put("kernel", kernel);
  }
}
