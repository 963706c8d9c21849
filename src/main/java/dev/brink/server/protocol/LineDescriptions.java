package dev.brink.server.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.landscape.Family;
import dev.brink.line.LineSpec;
import dev.brink.line.RandomStart;
import dev.brink.optimizer.Optimizer;
import dev.brink.optimizer.OptimizerSpec;
import dev.brink.params.GdConfig;

/**
 * A line of a loss of x as JSON, every value exact (a double's shortest decimal reads back to
 * the same double): how a worker node is told which line a chunk belongs to when the line is no
 * sweep's cell (a reproduction's lines). Read back, it is validated as a request would be.
 */
public final class LineDescriptions {
  private LineDescriptions() {
  }

  /** The line as JSON; null for a network's line, whose weights do not travel this way. */
  public static ObjectNode describe(LineSpec line) {
    GdConfig c = line.config();
    if (c.network() != null) {
      return null;
    }
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("family", c.family().id());
    o.put("eps", c.eps());
    o.put("lambda", c.lambda());
    o.put("eps2", c.eps2());
    o.put("lambda2", c.lambda2());
    o.put("dim", c.dim());
    o.put("x0", c.x0());
    o.put("eta", c.eta());
    o.put("steps", c.steps());
    o.put("bound", c.bound());
    OptimizerSpec opt = c.optimizer();
    o.put("optimizer", opt.kind().id());
    o.put("beta", opt.beta());
    o.put("beta1", opt.beta1());
    o.put("beta2", opt.beta2());
    o.put("adam_eps", opt.adamEps());
    o.put("levels", line.levels());
    o.put("eta_min", line.etaMin());
    o.put("eta_max", line.etaMax());
    RandomStart r = line.randomStart();
    if (r != null) {
      ObjectNode s = o.putObject("random_start");
      s.put("seed", r.seed());
      s.put("min", r.min());
      s.put("max", r.max());
    }
    return o;
  }

  /**
   * The line a description names; refused (IllegalArgumentException) when a value is missing
   * or would not pass a request's checks.
   */
  public static LineSpec read(JsonNode o) {
    Family family = Family.byId(text(o, "family"));
    Optimizer optimizer = Optimizer.byId(text(o, "optimizer"));
    if (family == null || family.isNetwork() || optimizer == null) {
      throw new IllegalArgumentException("line: unknown family or optimizer in " + o);
    }
    GdConfig raw = new GdConfig(family, number(o, "eps"), number(o, "lambda"),
        number(o, "eps2"), number(o, "lambda2"), (int) number(o, "dim"), number(o, "x0"),
        number(o, "eta"), (int) number(o, "steps"), number(o, "bound"), null,
        new OptimizerSpec(optimizer, number(o, "beta"), number(o, "beta1"), number(o, "beta2"),
            number(o, "adam_eps")));
    // Through the builder, which checks every value as a request's would be checked.
    GdConfig config = raw.toBuilder().build();
    if (!config.equals(raw)) {
      throw new IllegalArgumentException("line: values outside what a request may set in " + o);
    }
    JsonNode r = o.get("random_start");
    RandomStart start = r == null ? null
        : new RandomStart(r.path("seed").asLong(), number(r, "min"), number(r, "max"));
    return new LineSpec(config, (int) number(o, "levels"), number(o, "eta_min"),
        number(o, "eta_max"), start);
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("line: " + field + " missing in " + o);
    }
    return v.asText();
  }

  private static double number(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException("line: " + field + " missing in " + o);
    }
    return v.asDouble();
  }
}
