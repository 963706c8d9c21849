package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** What a test viewer does with a view: read it to its "done", acknowledging or not. */
final class Viewer {
  private Viewer() {
  }

  /**
   * Reads view's messages until its "done", acknowledging each binary frame when asked to;
   * returns the binary frames. Fails on an error message or a 60 s silence.
   */
  static List<WsClient.Binary> readUntilDone(WsClient client, int view, boolean ack)
      throws Exception {
    return readUntilDone(client, view, ack, new ArrayList<>());
  }

  /** As above, also collecting the view's text messages (the "done" last). */
  static List<WsClient.Binary> readUntilDone(WsClient client, int view, boolean ack,
      List<JsonNode> texts) throws Exception {
    List<WsClient.Binary> frames = new ArrayList<>();
    while (true) {
      Object m = client.next(60_000);
      if (m == null) {
        throw new AssertionError("view " + view + " stalled after " + frames.size() + " frames");
      }
      if (m instanceof WsClient.Binary) {
        WsClient.Binary b = (WsClient.Binary) m;
        assertEquals(view, b.view());
        frames.add(b);
        if (ack) {
          client.send("{\"type\":\"ack\",\"view\":" + view + ",\"frames\":1}");
        }
      } else {
        JsonNode json = (JsonNode) m;
        assertTrue(!json.path("type").asText().equals("error"), json.toString());
        texts.add(json);
        if (json.path("type").asText().equals("done") && json.path("view").asInt() == view) {
          return frames;
        }
      }
    }
  }
}
