package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.grid.Axis;
import dev.brink.landscape.Family;
import dev.brink.line.LineExperiment;
import dev.brink.line.LineListener;
import dev.brink.line.LineResult;
import dev.brink.line.LineSpec;
import dev.brink.params.GdConfig;
import dev.brink.plane.PlaneExperiment;
import dev.brink.plane.PlaneResult;
import dev.brink.plane.PlaneSpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RestApiTest extends ServerTestBase {

  @Test
  @DisplayName("GET /api/families lists every family, parameter range and limit")
  void families() throws Exception {
    ServerFixture.Response r = fixture.get("/api/families");
    assertEquals(200, r.status());
    assertEquals(4, r.json().get("families").size());
    assertEquals("additive", r.json().get("families").get(1).get("id").asText());
    assertEquals(0.2, r.json().get("families").get(1).get("suggested").get("eps").asDouble());
    JsonNode levels = r.json().get("parameters").get("levels");
    assertEquals(0, levels.get("min").asInt());
    assertEquals(fixture.config.limits().maxLevels(), levels.get("max").asInt());
    assertEquals(16, levels.get("default").asInt());
    assertEquals(0.0, r.json().get("parameters").get("lambda").get("greater_than").asDouble());
    assertEquals(8, r.json().get("axes").size());
    assertEquals(fixture.config.limits().maxViewTiles(),
        r.json().get("limits").get("max_view_tiles").asInt());
  }

  @Test
  @DisplayName("GET /api/line gives the command line's JSON for the same line")
  void line() throws Exception {
    ServerFixture.Response r = fixture.get(
        "/api/line?family=multiplicative&eps=0.2&lambda=0.1&levels=12&bits=true");
    assertEquals(200, r.status(), r.json().toString());
    LineResult expected;
    try (GdRunner runner = GdRunner.forAllCores()) {
      expected = LineExperiment.run(new LineSpec(GdConfig.builder(Family.MULTIPLICATIVE)
              .eps(0.2).lambda(0.1).build(), 12, 0, 1.5), runner, Cancellation.NONE,
          LineListener.NONE);
    }
    for (int l = 0; l <= 12; l++) {
      assertEquals(expected.nb()[l], r.json().get("nb").get(l).asLong());
    }
    assertEquals(expected.alpha().slope(), r.json().get("alpha").asDouble());
    assertEquals(expected.alpha().standardError(), r.json().get("alpha_se").asDouble());
    assertEquals(expected.gdSteps(), r.json().get("gd_steps").asLong());
    assertEquals(expected.labels().toBase64(), r.json().get("divergent_bits_b64").asText());
  }

  @Test
  @DisplayName("GET /api/plane gives the command line's JSON for the same plane")
  void plane() throws Exception {
    ServerFixture.Response r = fixture.get("/api/plane?family=additive&lambda=1&x0=5"
        + "&x=eta:0.85:1.1&y=eps:0:0.3&width=40&height=30");
    assertEquals(200, r.status(), r.json().toString());
    PlaneResult expected;
    try (GdRunner runner = GdRunner.forAllCores()) {
      expected = PlaneExperiment.run(PlaneSpec.of(GdConfig.builder(Family.ADDITIVE)
              .lambda(1.0).x0(5.0), Axis.parse("x", "eta:0.85:1.1"),
          Axis.parse("y", "eps:0:0.3"), 40, 30), runner, Cancellation.NONE);
    }
    assertEquals(expected.labels().toBase64(), r.json().get("divergent_bits_b64").asText());
    for (int p = 0; p < 1200; p++) {
      assertEquals(expected.divergeStep()[p], r.json().get("diverge_step").get(p).asInt());
    }
    assertEquals(expected.gdSteps(), r.json().get("gd_steps").asLong());
  }

  @Test
  @DisplayName("bad parameters get 400 with error, field and message; unknown paths 404")
  void badParameters() throws Exception {
    String[][] cases = {
        {"/api/line?family=additive&eps=0.2", "lambda", "required for family additive"},
        {"/api/line?family=additive&eps=abc&lambda=0.1", "eps", "must be a number"},
        {"/api/line?family=additive&eps=NaN&lambda=0.1", "eps", "finite"},
        {"/api/line?family=additive&eps=0.2&lamda=0.1", "lamda", "unknown parameter"},
        {"/api/line?family=foo", "family", "unknown family 'foo'"},
        {"/api/line?family=quadratic&levels=28", "levels", "limit --max-levels"},
        {"/api/line?family=quadratic&steps=200000", "steps", "limit --max-steps"},
        {"/api/line?family=quadratic&levels=3&levels=4", "levels", "given 2 times"},
        {"/api/plane?family=quadratic&x=eta:0:1&y=x0:0:1&width=2000&height=2000", "width",
            "limit --max-rest-pixels"},
        {"/api/plane?family=quadratic&x=eta:0:1", "y", "required"},
    };
    for (String[] c : cases) {
      ServerFixture.Response r = fixture.get(c[0]);
      assertEquals(400, r.status(), c[0]);
      assertEquals(c[1], r.json().get("field").asText(), c[0] + " -> " + r.json());
      assertTrue(r.json().get("message").asText().contains(c[2]), c[0] + " -> " + r.json());
      assertTrue(r.json().get("error").asText().matches("bad-parameter|limit-exceeded"));
    }
    ServerFixture.Response missing = fixture.get("/api/nothing");
    assertEquals(404, missing.status());
    assertEquals("not-found", missing.json().get("error").asText());
  }

  @Test
  @DisplayName("GET /api/health answers ok")
  void health() throws Exception {
    ServerFixture.Response r = fixture.get("/api/health");
    assertEquals(200, r.status());
    assertEquals("ok", r.json().get("status").asText());
  }
}
