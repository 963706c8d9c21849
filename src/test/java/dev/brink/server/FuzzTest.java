package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed messages, frames and query strings: every one gets an error, the
 * server stays up and answers a valid view afterwards, and threads and open files do not grow.
 */
class FuzzTest extends ServerTestBase {
  private static final String[] FIELDS = {"family", "eps", "lambda", "eps2", "lambda2", "dim",
      "x0", "steps", "bound", "levels", "eta-min", "eta-max", "x", "y", "width", "height", "eta"};

  static String junk(Random r, int max) {
    StringBuilder s = new StringBuilder();
    int n = r.nextInt(max);
    for (int i = 0; i < n; i++) {
      s.append((char) (r.nextBoolean() ? 32 + r.nextInt(95) : r.nextInt(0x3000)));
    }
    return s.toString();
  }

  static String value(Random r) {
    switch (r.nextInt(8)) {
      case 0:
        return "\"" + junk(r, 12).replace("\\", "").replace("\"", "") + "\"";
      case 1:
        return "NaN";
      case 2:
        return "1e999";
      case 3:
        return "-" + r.nextInt(1_000_000);
      case 4:
        return "[1,2]";
      case 5:
        return "{\"a\":{}}";
      case 6:
        return "null";
      default:
        return Double.toString(r.nextGaussian() * 1e6);
    }
  }

  /** A message that cannot be a valid request, in one of many shapes. */
  static String invalidMessage(Random r) {
    switch (r.nextInt(7)) {
      case 0:
        return "x" + junk(r, 60);
      case 1:
        return "[" + r.nextInt() + "]";
      case 2:
        return "{\"type\":\"" + junk(r, 8).replace("\"", "").replace("\\", "") + "z\"}";
      case 3:
        return "{\"type\":\"view\",\"view\":" + r.nextInt(1000) + ",\"kind\":\"plane\","
            + "\"params\":{\"family\":\"nope" + r.nextInt(100) + "\"}}";
      case 4: {
        String field = FIELDS[r.nextInt(FIELDS.length)];
        return "{\"type\":\"view\",\"view\":" + r.nextInt(1000) + ",\"kind\":\"line\","
            + "\"params\":{\"family\":\"additive\",\"eps\":0.2,\"lambda\":0.1,\"levels\":99,\""
            + field + "\":" + value(r) + "}}";
      }
      case 5:
        return "{\"type\":\"ack\",\"view\":" + r.nextInt(10) + ",\"frames\":" + value(r)
            .replace("1e999", "0").replace("-", "-1") + "}";
      default:
        return "{\"type\":\"view\",\"view\":-" + (1 + r.nextInt(9)) + "}";
    }
  }

  static int openFiles() {
    String[] fds = new File("/proc/self/fd").list();
    return fds == null ? -1 : fds.length;
  }

  @Test
  @DisplayName("3000 malformed WebSocket messages and 200 binary frames each get an error")
  void webSocketFuzz() throws Exception {
    Random r = new Random(345);
    // Warm up first: event loops, compute threads and the client's threads start lazily.
    try (WsClient warm = fixture.connect(true)) {
      warm.nextText(10_000);
      warm.send(PlaneViews.view(4, PlaneViews.PARAMS, 256, 128));
      PlaneViews.read(warm, 4, true);
      warm.send("not json");
      warm.nextText(10_000);
    }
    assertTrue(ServerFixture.eventually(10_000, () -> fixture.server.sessions() == 0));
    int threadsBefore = Thread.activeCount();
    int filesBefore = openFiles();
    try (WsClient client = fixture.connect(true)) {
      client.nextText(10_000);
      int sent = 3000;
      for (int i = 0; i < sent; i++) {
        client.send(invalidMessage(r));
      }
      for (int i = 0; i < 200; i++) {
        byte[] b = new byte[r.nextInt(64)];
        r.nextBytes(b);
        client.sendBinary(b);
      }
      for (int i = 0; i < sent + 200; i++) {
        JsonNode m = client.nextText(30_000);
        assertEquals("error", m.get("type").asText(), m.toString());
        assertTrue(m.get("message").asText().length() > 5, m.toString());
        assertTrue(!m.get("error").asText().equals("internal"), m.toString());
      }
      client.send(PlaneViews.view(5, PlaneViews.PARAMS, 256, 128));
      PlaneViews.Received after = PlaneViews.read(client, 5, true);
      assertEquals(after.started().get("tiles").asInt(), after.frames().size(),
          "every tile arrives");
    }
    assertTrue(ServerFixture.eventually(10_000, () -> fixture.server.sessions() == 0));
    assertTrue(Thread.activeCount() <= threadsBefore + 4,
        "threads " + threadsBefore + " -> " + Thread.activeCount());
    assertTrue(openFiles() <= filesBefore + 8, "open files " + filesBefore + " -> "
        + openFiles());
  }

  @Test
  @DisplayName("1000 random query strings get 400 or 404 with a JSON error, never a 500")
  void restFuzz() throws Exception {
    Random r = new Random(7);
    for (String path : List.of("/api/line", "/api/plane", "/api/trajectory")) {
      for (int i = 0; i < 333; i++) {
        StringBuilder q = new StringBuilder("?family=");
        q.append(r.nextBoolean() ? "additive" : URLEncoder.encode(junk(r, 6),
            StandardCharsets.UTF_8));
        for (int k = 0; k < 1 + r.nextInt(4); k++) {
          String field = r.nextInt(5) == 0 ? junk(r, 5) : FIELDS[r.nextInt(FIELDS.length)];
          q.append('&').append(URLEncoder.encode(field, StandardCharsets.UTF_8)).append('=')
              .append(URLEncoder.encode(value(r), StandardCharsets.UTF_8));
        }
        q.append("&steps=0");
        ServerFixture.Response resp = fixture.get(path + q);
        assertTrue(resp.status() == 400 || resp.status() == 404, path + q + " -> "
            + resp.status() + " " + resp.json());
        assertTrue(resp.json().has("message"), path + q);
      }
    }
    assertEquals("ok", fixture.get("/api/health").json().get("status").asText());
  }

  private static final List<String> PATHS = List.of("/api/line", "/api/plane",
      "/api/trajectory", "/api/families", "/api/health", "/api/sweeps", "/api/sweeps/1",
      "/api/sweeps/1/csv", "/api/sweeps/1/cancel", "/api/nope", "/", "/index.html", "/nope",
      "/webjars/none.js");
  private static final List<String> ENCODINGS = List.of("%zz", "%", "%%", "%4", "%u0041",
      "%C0%AF", "%00", "%0a", "%ff%fe", "%%41");

  /** An error answer is one JSON object naming the error and saying what was wrong. */
  private static void assertJsonError(RawHttp.Response r, String what) throws Exception {
    assertTrue(r.status() >= 400 && r.status() < 500, what + " -> " + r.status() + " " + r.body());
    assertEquals("application/json", r.header("content-type"), what + " -> " + r.head());
    JsonNode json = r.json();
    assertTrue(json.isObject() && json.has("error") && json.has("field"), what + " -> " + json);
    assertTrue(json.path("message").asText().length() > 10, what + " -> " + json);
    assertTrue(!json.get("error").asText().equals("internal"), what + " -> " + json);
  }

  @Test
  @DisplayName("malformed percent-encodings, every method, long URIs and headers, on every "
      + "endpoint: each answer below 500, each error one JSON object in brink's words")
  void rawRequestFuzz() throws Exception {
    int port = fixture.port();
    int checked = 0;
    for (String path : PATHS) {
      for (String bad : ENCODINGS) {
        for (String target : List.of(path + "?family=" + bad + "&eps=0.1", path + "/" + bad,
            path + "?" + bad)) {
          RawHttp.Response r = RawHttp.send(port, "GET", target);
          assertTrue(r.status() < 500, target + " -> " + r.status() + " " + r.body());
          if (r.status() >= 400) {
            assertJsonError(r, "GET " + target);
          }
          checked++;
        }
      }
      for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "POST")) {
        RawHttp.Response r = RawHttp.send(port, method, path, "Content-Length: 0");
        assertTrue(r.status() < 500, method + " " + path + " -> " + r.status() + " " + r.body());
        if (r.status() >= 400) {
          assertJsonError(r, method + " " + path);
        }
        checked++;
      }
      RawHttp.Response head = RawHttp.send(port, "HEAD", path);
      assertTrue(head.status() < 500 && head.body().isEmpty(), "HEAD " + path + " -> "
          + head.status() + " " + head.body());
      if (head.status() >= 400) {
        assertEquals("application/json", head.header("content-type"), "HEAD " + path);
      }
    }
    assertEquals(405, RawHttp.send(port, "PUT", "/api/line", "Content-Length: 0").status());
    assertEquals("GET, HEAD", RawHttp.send(port, "DELETE", "/api/plane").header("allow"));
    assertEquals(200, RawHttp.send(port, "HEAD", "/api/health").status());
    RawHttp.Response longUri = RawHttp.send(port, "GET", "/api/line?family=additive&x="
        + "a".repeat(20_000));
    assertEquals(414, longUri.status());
    assertJsonError(longUri, "a 20 kB URI");
    RawHttp.Response longHeader = RawHttp.send(port, "GET", "/api/health",
        "X-Long: " + "b".repeat(20_000));
    assertEquals(431, longHeader.status());
    assertJsonError(longHeader, "a 20 kB header");
    RawHttp.Response garbage = RawHttp.exchange(port, "\u0001\u0002 not http at all\r\n\r\n");
    assertTrue(garbage.status() == 400, garbage.head());
    assertJsonError(garbage, "not HTTP");
    assertTrue(checked > 500, "checked " + checked);
    assertEquals("ok", fixture.get("/api/health").json().get("status").asText());
  }
}
