package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Bad messages get error messages naming the field; the session goes on. */
class ProtocolErrorsTest extends ServerTestBase {

  static final String PIXELS = ",\"pixels\":{\"width\":256,\"height\":128}";

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
        {plane(ok + ",\"width\":100", PIXELS), "bad-parameter", "width"},
        {plane(ok, ""), "bad-message", "pixels"},
        {plane(ok, ",\"pixels\":{\"width\":0,\"height\":10}"), "bad-message", "pixels.width"},
        {plane(ok, ",\"pixels\":{\"width\":10,\"height\":99999}"), "bad-message",
            "pixels.height"},
        {plane(ok, PIXELS + ",\"window\":{\"u0\":0.5,\"u1\":0.2,\"v0\":0,\"v1\":1}"),
            "bad-message", "window"},
        {plane(ok, PIXELS + ",\"window\":{\"u0\":-1,\"u1\":0.2,\"v0\":0,\"v1\":1}"),
            "bad-message", "window.u0"},
        {plane(ok, PIXELS + ",\"window\":[0,1,0,1]"), "bad-message", "window"},
        {plane(ok, PIXELS + ",\"focus\":{\"u\":2,\"v\":0}"), "bad-message", "focus.u"},
        {plane(ok.replace("\"steps\":50", "\"steps\":999999"), PIXELS), "limit-exceeded",
            "steps"},
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
      // A view beyond --max-view-work is served at a lower resolution, and says why.
      client.send(plane(ok, ",\"pixels\":{\"width\":16384,\"height\":16384}"));
      JsonNode reduced = client.nextText(10_000);
      assertEquals("view", reduced.get("type").asText(), reduced.toString());
      assertTrue(reduced.get("scale").asDouble() < 1, reduced.toString());
      assertTrue(reduced.get("reduced").asText().contains("--max-view-work"),
          reduced.toString());

      client.send(plane(ok, PIXELS).replace("\"view\":7", "\"view\":9"));
      PlaneViews.Received r = PlaneViews.read(client, 9, true);
      assertTrue(r.frames().size() >= 5, "the session still works: " + r.frames().size());
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
