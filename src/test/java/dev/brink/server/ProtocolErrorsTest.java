package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Bad messages get error messages naming the field; the session goes on. */
class ProtocolErrorsTest extends ServerTestBase {

  static String plane(String params, String extra) {
    return "{\"type\":\"view\",\"view\":7,\"kind\":\"plane\"" + extra + ",\"params\":{"
        + params + "}}";
  }

  @Test
  @DisplayName("malformed, unknown and out-of-range messages get errors; a valid view then works")
  void errorsKeepTheSessionOpen() throws Exception {
    String ok = "\"family\":\"quadratic\",\"steps\":50,\"x\":\"eta:0:1.5\",\"y\":\"x0:0.5:2\"";
    String[][] cases = {
        {"this is not json", "bad-message", "message"},
        {"[1, 2, 3]", "bad-message", "message"},
        {"{\"type\":\"dance\"}", "bad-message", "type"},
        {"{\"type\":\"view\",\"kind\":\"plane\",\"params\":{}}", "bad-message", "view"},
        {"{\"type\":\"view\",\"view\":-3,\"kind\":\"plane\"}", "bad-message", "view"},
        {"{\"type\":\"view\",\"view\":7,\"kind\":\"cube\",\"params\":{}}", "bad-message",
            "kind"},
        {"{\"type\":\"view\",\"view\":7,\"kind\":\"plane\"}", "bad-message", "params"},
        {plane("\"family\":\"additive\",\"eps\":\"abc\",\"lambda\":1,\"x\":\"eta:0:1\","
            + "\"y\":\"x0:0:1\"", ""), "bad-parameter", "eps"},
        {plane("\"family\":\"additive\",\"eps\":0.1,\"lamda\":1", ""), "bad-parameter",
            "lamda"},
        {plane("\"family\":\"additive\",\"eps\":{\"a\":1}", ""), "bad-message", "eps"},
        {plane(ok + ",\"width\":100", ""), "bad-parameter", "width"},
        {plane(ok, ",\"zoom\":5"), "limit-exceeded", "tiles"},
        {plane(ok, ",\"zoom\":99"), "bad-message", "zoom"},
        {plane(ok, ",\"zoom\":2,\"tiles\":{\"x0\":0,\"y0\":0,\"x1\":9,\"y1\":1}"), "bad-message",
            "tiles.x1"},
        {plane(ok.replace("\"steps\":50", "\"steps\":999999"), ""), "limit-exceeded", "steps"},
        {"{\"type\":\"view\",\"view\":8,\"kind\":\"line\",\"params\":{\"family\":\"quadratic\","
            + "\"levels\":29}}", "limit-exceeded", "levels"},
        {"{\"type\":\"ack\",\"view\":7,\"frames\":0}", "bad-message", "frames"},
    };
    try (WsClient client = fixture.connect(true)) {
      client.nextText(10_000);
      for (String[] c : cases) {
        client.send(c[0]);
        JsonNode error = client.nextText(10_000);
        assertEquals("error", error.get("type").asText(), c[0] + " -> " + error);
        assertEquals(c[1], error.get("error").asText(), c[0] + " -> " + error);
        assertEquals(c[2], error.get("field").asText(), c[0] + " -> " + error);
        assertTrue(error.get("message").asText().length() > 10, error.toString());
      }
      client.sendBinary(new byte[] {1, 2, 3});
      assertEquals("frame", client.nextText(10_000).get("field").asText());
      client.send(plane(ok, ",\"zoom\":5"));
      JsonNode limit = client.nextText(10_000);
      assertTrue(limit.get("message").asText().contains("--max-view-tiles"), limit.toString());

      client.send(plane(ok, ""));
      assertEquals("view", client.nextText(10_000).get("type").asText());
      Object tile = client.next(30_000);
      assertTrue(tile instanceof WsClient.Binary, "the session still works: " + tile);
      client.send("{\"type\":\"ack\",\"view\":7,\"frames\":1}");
      assertEquals("done", client.nextText(30_000).get("type").asText());
      assertTrue(!client.closed);
    }
  }

  @Test
  @DisplayName("WebSocket upgrades elsewhere than /ws are refused")
  void onlyWsPath() {
    try {
      java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(java.net.URI.create("ws://127.0.0.1:" + fixture.server.port() + "/other"),
              new java.net.http.WebSocket.Listener() { })
          .get(10, java.util.concurrent.TimeUnit.SECONDS);
      throw new AssertionError("upgrade at /other was accepted");
    } catch (java.util.concurrent.ExecutionException e) {
      assertTrue(e.getCause() instanceof java.net.http.WebSocketHandshakeException, e.toString());
      assertEquals(404, ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse()
          .statusCode());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
