package dev.brink.server.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brink.report.JsonProblem;
import dev.brink.request.ParameterMap;
import dev.brink.request.Requests;
import dev.brink.sweep.SweepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A sweep's request as JSON (POST /api/sweeps, as stored, as a worker node receives it) to its
 * spec; refused with the field at fault.
 */
public final class SweepRequests {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SweepRequests() {
  }

  /** {"family": ..., "grid": ["NAME=MIN:MAX:COUNT", ...], ...} as a spec. */
  public static SweepSpec parse(String request) {
    JsonNode o = read(request);
    List<String> grid = new ArrayList<>();
    JsonNode g = o.get("grid");
    if (g == null || !g.isArray()) {
      throw RefusedException.badMessage("grid", "required: a list of NAME=MIN:MAX:COUNT");
    }
    g.forEach(x -> grid.add(x.asText()));
    return Requests.sweep(new ParameterMap(JsonParams.texts(o, "sweep", Set.of("grid")),
        Requests.SWEEP), grid);
  }

  /** JSON text as a tree; refused, saying where it is wrong, when it is not JSON. */
  public static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw RefusedException.badMessage("body", JsonProblem.describe(e));
    }
  }
}
