package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Backpressure end to end: a viewer that stops acknowledging or stops reading stops its own
 * computation; cancelled and closed views stop theirs.
 */
class FlowControlTest {

  static String view(int view, int zoom, int steps, int side) {
    return "{\"type\":\"view\",\"view\":" + view + ",\"kind\":\"plane\",\"zoom\":" + zoom
        + ",\"params\":{\"family\":\"additive\",\"lambda\":1,\"x0\":5,\"steps\":" + steps
        + ",\"x\":\"eta:0.85:1.1\",\"y\":\"eps:0:0.3\",\"width\":" + side + ",\"height\":"
        + side + "}}";
  }

  /** Counts binary frames until the timeout passes with nothing new. */
  static int binariesUntilQuiet(WsClient client, long quietMillis) throws Exception {
    int n = 0;
    while (true) {
      Object m = client.next(quietMillis);
      if (m == null) {
        return n;
      }
      if (m instanceof WsClient.Binary) {
        n++;
      }
    }
  }

  @Test
  @DisplayName("a viewer that stops acking gets exactly the window; computing stops; then resumes")
  void windowBoundsUnackedFrames() throws Exception {
    try (ServerFixture fixture = new ServerFixture(8); WsClient client = fixture.connect(true)) {
      TileService tiles = fixture.server.tiles();
      client.nextText(10_000);
      client.send(view(1, 3, 60, 128));
      assertEquals(64, client.nextText(10_000).get("tiles").asInt());
      assertEquals(8, binariesUntilQuiet(client, 1500), "unacknowledged frames = the window");
      assertTrue(ServerFixture.eventually(5000, () -> fixture.server.computing() == 0));
      long computed = tiles.computed();
      Thread.sleep(500);
      assertEquals(computed, tiles.computed(), "computation stopped");
      int threads = fixture.config.computeThreads();
      assertTrue(computed <= 8 + threads + 1,
          computed + " tiles computed for 8 sent: look-ahead is bounded");

      client.send("{\"type\":\"ack\",\"view\":1,\"frames\":8}");
      Set<String> rest = new HashSet<>();
      for (WsClient.Binary b : Viewer.readUntilDone(client, 1, true)) {
        assertTrue(rest.add(b.x() + "," + b.y()));
      }
      assertEquals(64 - 8, rest.size(), "after acking, everything arrives");
    }
  }

  @Test
  @DisplayName("a viewer that stops reading fills the write queue; computing stops; then resumes")
  void writeQueueStopsComputation() throws Exception {
    // A window too large to matter: only the socket's write queue can hold the stream back.
    try (ServerFixture fixture = new ServerFixture(100_000);
        WsClient client = fixture.connect(false)) {
      TileService tiles = fixture.server.tiles();
      client.read(2);
      client.nextText(10_000);
      client.send(view(2, 4, 10, 128));
      client.nextText(10_000);
      assertTrue(ServerFixture.eventually(20_000, () -> {
        long before = tiles.computed();
        try {
          Thread.sleep(700);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return tiles.computed() == before && fixture.server.computing() == 0;
      }), "computation stops while the viewer does not read");
      long computed = tiles.computed();
      assertTrue(computed < 256, "stopped at " + computed + " of 256 tiles: bounded by the "
          + "write queue and socket buffers, not by the view");

      client.read(Long.MAX_VALUE);
      assertEquals(256, Viewer.readUntilDone(client, 2, false).size(),
          "once reading resumes, every tile arrives");
    }
  }

  @Test
  @DisplayName("a new view cancels the old one's tiles; its computations stop")
  void viewSwitchCancels() throws Exception {
    try (ServerFixture fixture = new ServerFixture(8); WsClient client = fixture.connect(true)) {
      TileService tiles = fixture.server.tiles();
      client.nextText(10_000);
      client.send(view(1, 4, 1000, 128));
      client.nextText(10_000);
      Object first = client.next(60_000);
      assertTrue(first instanceof WsClient.Binary, "first tile of view 1: " + first);
      client.send(view(2, 0, 100, 128));
      int oldFrames = 0;
      boolean done = false;
      int newTiles = 0;
      while (!done) {
        Object m = client.next(30_000);
        if (m instanceof WsClient.Binary) {
          WsClient.Binary b = (WsClient.Binary) m;
          if (b.view() == 1) {
            oldFrames++;
          } else {
            newTiles++;
            client.send("{\"type\":\"ack\",\"view\":2,\"frames\":1}");
          }
        } else if (m instanceof JsonNode) {
          JsonNode j = (JsonNode) m;
          done = j.get("type").asText().equals("done") && j.get("view").asInt() == 2;
          assertTrue(!(j.get("type").asText().equals("done") && j.get("view").asInt() == 1));
        } else {
          throw new AssertionError("stalled");
        }
      }
      assertEquals(1, newTiles);
      assertTrue(oldFrames <= 8, oldFrames + " frames of the old view after the switch");
      assertTrue(ServerFixture.eventually(5000, () -> fixture.server.computing() == 0),
          "the old view's computations stopped");
      long computed = tiles.computed();
      Thread.sleep(500);
      assertEquals(computed, tiles.computed());
      assertTrue(computed < 20, computed + " of view 1's 256 tiles computed");
    }
  }

  @Test
  @DisplayName("closing the socket brings sessions and computations to 0")
  void closeStopsEverything() throws Exception {
    try (ServerFixture fixture = new ServerFixture(8)) {
      WsClient client = fixture.connect(true);
      client.nextText(10_000);
      client.send(view(1, 4, 1000, 128));
      client.nextText(10_000);
      assertTrue(ServerFixture.eventually(10_000, () -> fixture.server.computing() > 0));
      assertEquals(1, fixture.server.sessions());
      client.close();
      assertTrue(ServerFixture.eventually(5000, () -> fixture.server.sessions() == 0),
          "session closed");
      assertTrue(ServerFixture.eventually(5000, () -> fixture.server.computing() == 0),
          "computations stopped");
    }
  }
}
