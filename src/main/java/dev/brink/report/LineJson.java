package dev.brink.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.line.LineResult;
import dev.brink.line.LineSpec;

/** The JSON of a finished line, as `brink line --json` prints it (docs/cli.md lists the fields). */
public final class LineJson {
  private LineJson() {
  }

  /** @param kernel the GD kernel that ran it, "simd" or "scalar" */
  public static ObjectNode of(LineResult r, boolean withBits, int threads, String kernel) {
    LineSpec spec = r.spec();
    ObjectNode o = ConfigJson.of(spec.config());
    o.put("levels", spec.levels());
    o.put("eta_min", spec.etaMin());
    o.put("eta_max", spec.etaMax());
    o.put("points", spec.points());
    ArrayNode nb = o.putArray("nb");
    for (long n : r.nb()) {
      nb.add(n);
    }
    o.put("alpha", r.alpha().slope());
    o.put("alpha_se", r.alpha().standardError());
    o.put("alpha_levels", r.alpha().points());
    ConfigJson.putRun(o, r.divergentFraction(), r.gdSteps(), r.seconds(), threads, kernel);
    if (withBits) {
      if (!r.labelsComplete()) {
        throw new IllegalArgumentException("the line kept the labels of its coarser levels only");
      }
      o.put("divergent_bits_b64", r.labels().toBase64());
    }
    return o;
  }
}
