package dev.brink.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.line.LevelSummary;

/** A completed level of a line as JSON: N_B so far and the fit so far. */
public final class LevelJson {
  private LevelJson() {
  }

  public static ObjectNode of(LevelSummary s) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("level", s.level());
    ArrayNode nb = o.putArray("nb");
    for (long n : s.nb()) {
      nb.add(n);
    }
    o.put("alpha", s.alpha().slope());
    o.put("alpha_se", s.alpha().standardError());
    o.put("alpha_levels", s.alpha().points());
    o.put("points_done", s.pointsDone());
    o.put("points_total", s.pointsTotal());
    o.put("divergent", s.divergent());
    o.put("gd_steps", s.gdSteps());
    o.put("seconds", s.seconds());
    return o;
  }
}
