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
    assertEquals(5, r.json().get("families").size());
    JsonNode mlp = r.json().get("families").get(4);
    assertEquals("mlp", mlp.get("id").asText());
    assertEquals("[\"eta0\",\"eta1\",\"eta\",\"offset\"]", mlp.get("axes").toString());
    assertEquals(100, mlp.get("default_steps").asInt());
    assertEquals("[\"tanh\",\"relu\",\"identity\"]",
        r.json().get("parameters").get("activation").get("choices").toString());
    assertEquals("[\"eta\",\"eps\",\"lambda\",\"x0\",\"eta1\",\"eta2\"]",
        r.json().get("families").get(1).get("axes").toString());
    assertEquals("additive", r.json().get("families").get(1).get("id").asText());
    assertEquals(0.2, r.json().get("families").get(1).get("suggested").get("eps").asDouble());
    JsonNode levels = r.json().get("parameters").get("levels");
    assertEquals(0, levels.get("min").asInt());
    assertEquals(fixture.config.limits().maxLevels(), levels.get("max").asInt());
    assertEquals(16, levels.get("default").asInt());
    assertEquals(0.0, r.json().get("parameters").get("lambda").get("greater_than").asDouble());
    assertEquals(14, r.json().get("axes").size(), "10 of the families, 4 of the optimizers");
    assertEquals(fixture.config.limits().maxViewWork(),
        r.json().get("limits").get("max_view_work").asLong());
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
  @DisplayName("GET /api/plane of family mlp gives the core's classes; a loss's parameter is a 400")
  void networkPlane() throws Exception {
    String q = "family=mlp&inputs=3&hidden=4&points=7&steps=25&x=eta0:0.1:1e4:log"
        + "&y=offset:0.001:0.1:log&eta=2&width=9&height=6";
    ServerFixture.Response r = fixture.get("/api/plane?" + q);
    assertEquals(200, r.status(), r.json().toString());
    PlaneResult expected;
    try (GdRunner runner = GdRunner.forAllCores()) {
      expected = PlaneExperiment.run(PlaneSpec.of(GdConfig.builder(Family.MLP).inputs(3)
          .hidden(4).points(7).steps(25).eta(2.0), Axis.parse("x", "eta0:0.1:1e4:log"),
          Axis.parse("y", "offset:0.001:0.1:log"), 9, 6), runner, Cancellation.NONE);
    }
    assertEquals(expected.labels().toBase64(), r.json().get("divergent_bits_b64").asText());
    assertEquals(expected.gdSteps(), r.json().get("gd_steps").asLong());
    // The inspector's run of a pixel is the plane's run there, loss by loss.
    ServerFixture.Response t = fixture.get("/api/trajectory?" + q + "&column=4&row=2");
    assertEquals(200, t.status(), t.json().toString());
    int p = 2 * 9 + 4;
    assertEquals(expected.labels().divergent(p), !t.json().get("trainable").asBoolean());
    assertEquals(expected.speed()[p], Math.abs(t.json().get("value").asDouble()));
    assertEquals(expected.divergeStep()[p], t.json().get("known").asInt());
    assertEquals(25, t.json().get("loss").size());
    assertEquals(1.0, t.json().get("v").get(0).asDouble());
    ServerFixture.Response layers = fixture.get("/api/trajectory?family=mlp&inputs=3&hidden=4"
        + "&points=7&steps=25&eta0=3&eta1=0.5");
    assertEquals(200, layers.status(), layers.json().toString());
    assertEquals(3.0, layers.json().get("eta0").asDouble());
    assertEquals(0.5, layers.json().get("eta1").asDouble());
    ServerFixture.Response coordinate = fixture.get("/api/trajectory?family=mlp&eta2=1&eta=1");
    assertEquals(400, coordinate.status());
    assertEquals("eta2", coordinate.json().get("field").asText());
    ServerFixture.Response bad = fixture.get("/api/plane?" + q + "&lambda=0.1");
    assertEquals(400, bad.status());
    assertEquals("lambda", bad.json().get("field").asText());
    assertTrue(bad.json().get("message").asText().contains("not a parameter of family mlp"),
        bad.json().toString());
  }

  @Test
  @DisplayName("an eta x beta plane of heavy ball over REST equals the library's, the inspector"
      + " shows the velocity (Adam: both moments), and optimizer parameters are checked")
  void optimizerPlane() throws Exception {
    String q = "family=additive&eps=0.2&lambda=0.1&optimizer=momentum&x=eta:0:2"
        + "&y=beta:0:0.95&width=12&height=10&steps=300";
    ServerFixture.Response r = fixture.get("/api/plane?" + q);
    assertEquals(200, r.status(), r.json().toString());
    PlaneResult expected;
    try (GdRunner runner = GdRunner.forAllCores()) {
      expected = PlaneExperiment.run(PlaneSpec.of(GdConfig.builder(Family.ADDITIVE).eps(0.2)
          .lambda(0.1).steps(300).optimizer(dev.brink.optimizer.Optimizer.MOMENTUM),
          Axis.parse("x", "eta:0:2"), Axis.parse("y", "beta:0:0.95"), 12, 10), runner,
          Cancellation.NONE);
    }
    assertEquals(expected.labels().toBase64(), r.json().get("divergent_bits_b64").asText());
    assertEquals("momentum", r.json().get("optimizer").asText());
    ServerFixture.Response t = fixture.get("/api/trajectory?" + q + "&column=5&row=7");
    assertEquals(200, t.status(), t.json().toString());
    assertEquals(expected.labels().divergent(7 * 12 + 5), t.json().get("divergent").asBoolean());
    assertEquals(expected.divergeStep()[7 * 12 + 5], t.json().get("diverge_step").asInt());
    assertEquals(0.95 * 7 / 9, t.json().get("pixel").get("beta").asDouble(), 1e-12);
    assertEquals(t.json().get("x").size(), t.json().get("velocity").size());
    assertEquals(0.0, t.json().get("velocity").get(0).get(0).asDouble());
    ServerFixture.Response adam = fixture.get("/api/trajectory?family=additive&eps=0.2"
        + "&lambda=0.1&optimizer=adam&beta2=0.99&eta=0.05&steps=50");
    assertEquals(200, adam.status(), adam.json().toString());
    assertEquals(51, adam.json().get("moment1").size());
    assertEquals(51, adam.json().get("moment2").size());
    assertEquals(0.99, adam.json().get("beta2").asDouble());
    ServerFixture.Response net = fixture.get("/api/trajectory?family=mlp&inputs=3&hidden=4"
        + "&points=7&steps=25&eta0=0.01&eta1=0.01&optimizer=adam");
    assertEquals(200, net.status(), net.json().toString());
    assertEquals(25, net.json().get("moment1_rms").size());
    assertEquals(0.0, net.json().get("moment2_root_mean").get(0).asDouble());
    assertTrue(net.json().get("moment2_root_mean").get(1).asDouble() > 0);
    ServerFixture.Response heavy = fixture.get("/api/trajectory?family=mlp&inputs=3&hidden=4"
        + "&points=7&steps=25&eta=0.5&optimizer=momentum&beta=0.5");
    assertEquals(200, heavy.status(), heavy.json().toString());
    assertEquals(25, heavy.json().get("velocity_rms").size());
    assertEquals(0.5, heavy.json().get("beta").asDouble());
    String[][] bad = {{"optimizer=sgd", "optimizer", "unknown optimizer 'sgd'"},
        {"beta=0.5", "beta", "not a parameter of optimizer gd"},
        {"optimizer=momentum&beta=1", "beta", "-1 < beta < 1"},
        {"optimizer=adam&beta1=1.5", "beta1", "0 <= beta1 < 1"},
        {"optimizer=adam&adam-eps=0", "adam-eps", "> 0"},
        {"optimizer=adam&beta=0.5", "beta", "not a parameter of optimizer adam"}};
    for (String[] b : bad) {
      ServerFixture.Response e = fixture.get("/api/trajectory?family=quadratic&eta=0.1&" + b[0]);
      assertEquals(400, e.status(), b[0]);
      assertEquals(b[1], e.json().get("field").asText(), b[0]);
      assertTrue(e.json().get("message").asText().contains(b[2]), e.json().toString());
    }
    ServerFixture.Response axis = fixture.get("/api/plane?family=quadratic&x=eta:0:2"
        + "&y=beta1:0:0.9&width=4&height=4");
    assertEquals(400, axis.status());
    assertEquals("y", axis.json().get("field").asText());
    assertTrue(axis.json().get("message").asText().contains("not a parameter of optimizer gd"),
        axis.json().toString());
    ServerFixture.Response families = fixture.get("/api/families");
    assertEquals("[\"gd\",\"momentum\",\"nesterov\",\"adam\"]",
        families.json().get("parameters").get("optimizer").get("choices").toString());
    assertEquals(1.0, families.json().get("parameters").get("beta").get("less_than").asDouble());
    assertEquals("[\"beta1\",\"beta2\",\"adam-eps\"]",
        families.json().get("optimizers").get(3).get("axes").toString());
  }

  @Test
  @DisplayName("GET /api/plane/figure.png draws the plane as plane --png does, at the size asked"
      + " for (computed, not scaled), and refuses bad parameters as JSON")
  void figure() throws Exception {
    java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
            + fixture.port() + "/api/plane/figure.png?family=additive&lambda=1&x0=5&steps=200"
            + "&x=eta:0.9:1.05&y=eps:0:0.3&width=300&height=120")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    assertEquals("image/png", r.headers().firstValue("content-type").orElse(""));
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(
        new java.io.ByteArrayInputStream(r.body()));
    // The plot of 300 x 120 points inside the figure's margins (PlaneFigure: 88 + 205, 24 + 110).
    assertEquals(300 + 88 + 205, image.getWidth());
    assertEquals(120 + 24 + 110, image.getHeight());
    ServerFixture.Response bad = fixture.get("/api/plane/figure.png?family=additive&lambda=-1"
        + "&x=eta:0.9:1.05&y=eps:0:0.3");
    assertEquals(400, bad.status());
    assertEquals("lambda", bad.json().get("field").asText());
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
  @DisplayName("a crop of a fine grid is that grid's points, and a pixel's trajectory is the run "
      + "that pixel computes: the same class and step, the same parameters")
  void cropAndPixel() throws Exception {
    String plane = "family=additive&lambda=1&x0=5&steps=400&x=eta:0.85:1.1&y=eps:0:0.3";
    ServerFixture.Response whole = fixture.get("/api/plane?" + plane + "&width=129&height=65");
    ServerFixture.Response crop = fixture.get("/api/plane?" + plane + "&width=129&height=65"
        + "&crop=40:59,20:29");
    assertEquals(200, crop.status(), crop.json().toString());
    assertEquals(20, crop.json().get("width").asInt());
    assertEquals(129, crop.json().get("grid").get("width").asLong());
    for (int r = 0; r < 10; r++) {
      for (int c = 0; c < 20; c++) {
        int p = (20 + r) * 129 + 40 + c;
        int step = whole.json().get("diverge_step").get(p).asInt();
        assertEquals(step, crop.json().get("diverge_step").get(r * 20 + c).asInt(),
            "point " + (40 + c) + "," + (20 + r));
        if (r % 3 == 0 && c % 4 == 0) {
          ServerFixture.Response t = fixture.get("/api/trajectory?" + plane + "&width=129"
              + "&height=65&column=" + (40 + c) + "&row=" + (20 + r));
          assertEquals(200, t.status(), t.json().toString());
          assertEquals(step, t.json().get("diverge_step").asInt(), "trajectory " + c + "," + r);
          assertEquals(40 + c, t.json().get("pixel").get("column").asInt());
          assertEquals(t.json().get("pixel").get("eta").asDouble(),
              t.json().get("eta").get(0).asDouble(), 0.0);
          assertEquals(t.json().get("pixel").get("eps").asDouble(),
              t.json().get("eps").asDouble(), 0.0);
        }
      }
    }
    // A grid far finer than a plane may be whole: a crop of it, 2^40 intervals across.
    ServerFixture.Response deep = fixture.get("/api/plane?" + plane + "&width=1099511627777"
        + "&height=65&crop=549755813888:549755813890,32:32");
    assertEquals(200, deep.status(), deep.json().toString());
    assertEquals(3, deep.json().get("width").asInt());
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
        {"/api/plane?family=quadratic&x=eta:0:1&y=x0:0:1&width=9000", "width", "8192"},
        {"/api/plane?family=quadratic&x=eta:0:1&y=x0:0:1&crop=3:1,0:0", "crop", "C0 <= C1"},
        {"/api/plane?family=quadratic&x=eta:0:1&y=x0:0:1&crop=1,2", "crop", "C0:C1,R0:R1"},
        {"/api/plane?family=quadratic&x=eta:0:1&y=x0:0:1&width=10&crop=5:12,0:0", "crop",
            "outside the grid"},
        {"/api/trajectory?family=quadratic&x=eta:0:1&y=x0:0:1&width=10&height=10&column=3",
            "row", "required for a pixel"},
        {"/api/trajectory?family=quadratic&x=eta:0:1&y=x0:0:1&width=10&height=10&column=3"
            + "&row=10", "row", "outside the grid"},
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
