package dev.brink.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brink.fractal.Labels;
import dev.brink.landscape.Family;
import dev.brink.params.GdConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** One case of src/test/resources/reference/lines.json, with its parameters as brink's types. */
record ReferenceCase(String id, JsonNode json) {

  static List<ReferenceCase> load() {
    try (InputStream in = ReferenceCase.class.getResourceAsStream("/reference/lines.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<ReferenceCase> cases = new ArrayList<>();
      for (JsonNode c : root) {
        cases.add(new ReferenceCase(c.get("id").asText(), c));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean isPlane() {
    return "plane".equals(json.path("kind").asText());
  }

  GdConfig.Builder builder() {
    Family family = Family.byId(json.get("family").asText());
    GdConfig.Builder b = GdConfig.builder(family)
        .dim(json.path("n").asInt(1))
        .x0(json.get("x0").asDouble())
        .bound(json.path("B").asDouble(1e8));
    if (family.usesEpsLambda()) {
      b.lambda(json.get("lam").asDouble());
      if (json.has("eps")) {
        b.eps(json.get("eps").asDouble());
      }
    }
    if (family.usesEps2Lambda2()) {
      b.eps2(json.get("eps2").asDouble()).lambda2(json.get("lam2").asDouble());
    }
    return b;
  }

  int levels() {
    return json.get("N").asInt();
  }

  long[] nb() {
    long[] nb = new long[json.get("nb").size()];
    for (int i = 0; i < nb.length; i++) {
      nb[i] = json.get("nb").get(i).asLong();
    }
    return nb;
  }

  Labels labels(int size) {
    return Labels.fromBase64(json.get("divergent_bits_b64").asText(), size);
  }

  double number(String field) {
    return json.get(field).asDouble();
  }

  @Override
  public String toString() {
    return id;
  }
}
