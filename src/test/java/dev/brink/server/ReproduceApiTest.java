package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reproductions of paper A started over REST: progress, the report served, restarts. */
class ReproduceApiTest {
  static JsonNode waitFor(ServerFixture f, long id, String state) throws Exception {
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonNode s = f.get("/api/reproductions/" + id).json();
      if (s.get("state").asText().equals(state)) {
        return s;
      }
      assertTrue(!s.get("state").asText().equals("failed"), s.toString());
      Thread.sleep(50);
    }
    throw new AssertionError("reproduction " + id + " not " + state);
  }

  static HttpResponse<byte[]> fetch(ServerFixture f, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + f.port() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  @DisplayName("a reproduction runs its experiments, counts its comparisons, serves its report "
      + "and figures; one at a time; a cancelled one and a finished one are listed after a "
      + "restart, as cancelled and done; the metrics show it")
  void runReportAndRestart(@TempDir Path data) throws Exception {
    long done;
    long cancelled;
    try (ServerFixture f = new ServerFixture(8, 0, data)) {
      ServerFixture.Response created = f.post("/api/reproductions",
          "{\"profile\":\"smoke\",\"only\":[\"S2\",\"2b\",\"S1\"]}");
      assertEquals(202, created.status(), created.json().toString());
      done = created.json().get("id").asLong();
      assertEquals(3, created.json().get("experiments").asInt());
      JsonNode status = waitFor(f, done, "done");
      assertEquals(3, status.get("experiments_done").asInt());
      assertEquals(6, status.get("comparisons").asInt(), status.toString());
      assertEquals("S2", status.get("results").get(0).get("id").asText());
      assertEquals(2, status.get("results").get(0).get("passed").asInt(),
          "the quadratic control passes exactly");
      HttpResponse<byte[]> html = fetch(f, status.get("report").asText());
      assertEquals(200, html.statusCode());
      assertTrue(html.headers().firstValue("content-type").orElse("").startsWith("text/html"));
      String page = new String(html.body(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(page.contains("id=\"figS2\"") && page.contains("src=\"fig2b.png\""), page);
      HttpResponse<byte[]> png = fetch(f, "/api/reproductions/" + done + "/report/fig2b.png");
      assertEquals(200, png.statusCode());
      assertEquals("image/png", png.headers().firstValue("content-type").orElse(""));
      assertTrue(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()))
          .getWidth() >= 600);
      assertEquals(404, fetch(f, "/api/reproductions/" + done + "/report/..%2Fbrink.db")
          .statusCode());
      assertEquals(404, f.get("/api/reproductions/" + done + "/report/nothing.png").status());
      // The whole smoke profile takes tens of seconds on the server's one thread.
      ServerFixture.Response running = f.post("/api/reproductions", "{\"profile\":\"smoke\"}");
      assertEquals(202, running.status());
      cancelled = running.json().get("id").asLong();
      ServerFixture.Response second = f.post("/api/reproductions", "{}");
      assertEquals(409, second.status(), second.json().toString());
      assertTrue(second.json().get("message").asText().contains("one at a time"));
      String metrics = new String(fetch(f, "/metrics").body(),
          java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(metrics.matches("(?s).*\\nbrink_reproduce_running\\{[^}]*} 1\\.0\\n.*"),
          "running gauge");
      assertTrue(metrics.matches(
          "(?s).*\\nbrink_reproduce_experiments\\{[^}]*} 13\\.0\\n.*"), "total gauge");
      assertEquals(200, f.post("/api/reproductions/" + cancelled + "/cancel", "").status());
      waitFor(f, cancelled, "cancelled");
      assertEquals(2, f.get("/api/reproductions").json().get("reproductions").size());
    }
    try (ServerFixture f = new ServerFixture(8, 0, data)) {
      JsonNode list = f.get("/api/reproductions").json().get("reproductions");
      assertEquals(2, list.size(), list.toString());
      assertEquals(cancelled, list.get(0).get("id").asLong(), "newest first");
      assertEquals("cancelled", list.get(0).get("state").asText(), "cancelled is not resumed");
      assertEquals("done", list.get(1).get("state").asText());
      assertEquals(6, list.get(1).get("comparisons").asInt());
      assertEquals(200, fetch(f, list.get(1).get("report").asText()).statusCode());
      ServerFixture.Response next = f.post("/api/reproductions",
          "{\"profile\":\"smoke\",\"only\":[\"S1\"]}");
      assertEquals(cancelled + 1, next.json().get("id").asLong(), "ids go on after a restart");
      waitFor(f, cancelled + 1, "done");
    }
  }

  @Test
  @DisplayName("a reproduction a stop of the server cut off goes on by itself after the restart,"
      + " from its checkpoints, and ends with every experiment; its checkpoints then go")
  void resumedAfterRestart(@TempDir Path data) throws Exception {
    long id;
    String first;
    try (ServerFixture f = new ServerFixture(8, 0, data)) {
      ServerFixture.Response created = f.post("/api/reproductions",
          "{\"profile\":\"smoke\",\"only\":[\"S2\",\"2b\",\"2a\"]}");
      assertEquals(202, created.status(), created.json().toString());
      id = created.json().get("id").asLong();
      long deadline = System.nanoTime() + 180_000_000_000L;
      JsonNode s = f.get("/api/reproductions/" + id).json();
      while (s.get("experiments_done").asInt() < 1 && System.nanoTime() < deadline) {
        Thread.sleep(20);
        s = f.get("/api/reproductions/" + id).json();
      }
      assertEquals("running", s.get("state").asText(), "stopped while it runs: " + s);
      first = s.get("results").get(0).toString();
    }
    Path checkpoints = data.resolve("reproductions").resolve(Long.toString(id))
        .resolve("checkpoints");
    assertTrue(java.nio.file.Files.isDirectory(checkpoints), "its lines' checkpoints kept");
    try (ServerFixture f = new ServerFixture(8, 0, data)) {
      String state = f.get("/api/reproductions/" + id).json().get("state").asText();
      assertTrue(state.equals("running") || state.equals("done"), "it goes on by itself: "
          + state);
      JsonNode done = waitFor(f, id, "done");
      assertEquals(3, done.get("experiments_done").asInt(), done.toString());
      assertEquals(first.replaceAll("\"seconds\":[^,}]*", ""), done.get("results").get(0)
          .toString().replaceAll("\"seconds\":[^,}]*", ""), "the first experiment again, the same");
      assertTrue(!java.nio.file.Files.exists(checkpoints), "its checkpoints go once it is done");
    }
  }

  @Test
  @DisplayName("bad reproductions are refused naming the field")
  void refusals() throws Exception {
    try (ServerFixture f = new ServerFixture(8)) {
      String[][] bad = {
          {"{\"profile\":\"fast\"}", "profile"},
          {"{\"profile\":3}", "profile"},
          {"{\"only\":[\"9z\"]}", "only"},
          {"{\"only\":[]}", "only"},
          {"{\"only\":\"2a\"}", "only"},
      };
      for (String[] b : bad) {
        ServerFixture.Response r = f.post("/api/reproductions", b[0]);
        assertEquals(400, r.status(), b[0] + " -> " + r.json());
        assertEquals(b[1], r.json().get("field").asText(), r.json().toString());
      }
      assertEquals(404, f.get("/api/reproductions/77").status());
      assertEquals(404, f.post("/api/reproductions/77/cancel", "").status());
    }
  }
}
