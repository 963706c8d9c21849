package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import dev.brink.server.view.TileService;

/**
 * Backpressure end to end: a viewer that stops acknowledging or stops reading stops its own
 * computation; cancelled and closed views stop theirs.
 */
class FlowControlTest {

  /** The default plane at `steps` steps on a canvas of side x side pixels. */
  static String view(int view, int steps, int side) {
    return PlaneViews.view(view, PlaneViews.PARAMS.replace("\"steps\":200",
        "\"steps\":" + steps), side, side);
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

  /** No tile computation running, waiting for a thread, or under way to be shared. */
  static boolean idle(BrinkServer server) {
    return server.computing() == 0 && server.queued() == 0 && server.tiles().inFlight() == 0;
  }

  /**
   * Whether the server stays idle, at `computed` tiles, for `millis`: it waits for the work
   * that would show if the computation went on (a tile started or completed) and answers false
   * as soon as it shows, so only a stopped computation costs the whole window.
   */
  static boolean staysIdle(BrinkServer server, long computed, long millis)
      throws InterruptedException {
    return !ServerFixture.eventually(millis,
        () -> server.tiles().computed() != computed || !idle(server));
  }

  @Test
  @DisplayName("a viewer that stops acking gets exactly the window; computing stops; then resumes")
  void windowBoundsUnackedFrames() throws Exception {
    try (ServerFixture fixture = new ServerFixture(8); WsClient client = fixture.connect(true)) {
      TileService tiles = fixture.server.tiles();
      client.nextText(10_000);
      client.send(view(1, 60, 1024));
      int total = client.nextText(10_000).get("tiles").asInt();
      assertTrue(total > 100, total + " tiles in levels 0 to 4 (1025 points across)");
      assertEquals(8, binariesUntilQuiet(client, 1500), "unacknowledged frames = the window");
      assertTrue(ServerFixture.eventually(5000, () -> idle(fixture.server)),
          "nothing computing, queued or in flight");
      long computed = tiles.computed();
      assertTrue(staysIdle(fixture.server, computed, 500),
          "computation stopped: no tile started or completed after " + computed);
      int threads = fixture.config.computeThreads();
      // The window, one tile per compute thread ahead, and one in each of the two hand-offs
      // between them (to the frame builder's thread, and from it).
      assertTrue(computed <= 8 + threads + 2,
          computed + " tiles computed for 8 sent: look-ahead is bounded");

      client.send("{\"type\":\"ack\",\"view\":1,\"frames\":8}");
      Set<String> rest = new HashSet<>();
      for (WsClient.Binary b : Viewer.readUntilDone(client, 1, true)) {
        assertTrue(rest.add(b.z() + ":" + b.x() + "," + b.y()));
      }
      assertEquals(total - 8, rest.size(), "after acking, everything arrives");
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
      client.send(view(2, 10, 2048));
      int total = client.nextText(10_000).get("tiles").asInt();
      // Until the socket's buffers fill, the server is idle for moments between tiles (while
      // frames are built and written): stopped is idle for 700 ms on end, within 20 s.
      long deadline = System.nanoTime() + 20_000_000_000L;
      boolean stopped = false;
      while (!stopped && System.nanoTime() < deadline) {
        stopped = ServerFixture.eventually(1000, () -> idle(fixture.server))
            && staysIdle(fixture.server, tiles.computed(), 700);
      }
      assertTrue(stopped, "computation stops while the viewer does not read");
      long computed = tiles.computed();
      assertTrue(computed < total, "stopped at " + computed + " of " + total + " tiles: "
          + "bounded by the write queue and socket buffers, not by the view");

      client.read(Long.MAX_VALUE);
      assertEquals(total, Viewer.readUntilDone(client, 2, false).size(),
          "once reading resumes, every tile arrives");
    }
  }

  @Test
  @DisplayName("a new view cancels the old one's tiles; its computations stop")
  void viewSwitchCancels() throws Exception {
    try (ServerFixture fixture = new ServerFixture(8); WsClient client = fixture.connect(true)) {
      TileService tiles = fixture.server.tiles();
      client.nextText(10_000);
      client.send(view(1, 1000, 2048));
      client.nextText(10_000);
      Object first = client.next(60_000);
      assertTrue(first instanceof WsClient.Binary, "first tile of view 1: " + first);
      client.send(view(2, 100, 128));
      int oldFrames = 0;
      boolean done = false;
      int newTiles = 0;
      int expected = -1;
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
          if (j.get("type").asText().equals("view") && j.get("view").asInt() == 2) {
            expected = j.get("tiles").asInt();
          }
          done = j.get("type").asText().equals("done") && j.get("view").asInt() == 2;
          assertTrue(!(j.get("type").asText().equals("done") && j.get("view").asInt() == 1));
        } else {
          throw new AssertionError("stalled");
        }
      }
      assertEquals(expected, newTiles, "every tile of the new view");
      assertTrue(oldFrames <= 8, oldFrames + " frames of the old view after the switch");
      assertTrue(ServerFixture.eventually(5000, () -> idle(fixture.server)),
          "the old view's computations stopped");
      long computed = tiles.computed();
      assertTrue(staysIdle(fixture.server, computed, 500),
          "no tile of the old view started or completed after " + computed);
      assertTrue(computed < 30 + expected, computed + " of view 1's 408 tiles computed");
    }
  }

  @Test
  @DisplayName("closing the socket brings sessions and computations to 0")
  void closeStopsEverything() throws Exception {
    try (ServerFixture fixture = new ServerFixture(8)) {
      WsClient client = fixture.connect(true);
      client.nextText(10_000);
      client.send(view(1, 1000, 2048));
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

  @Test
  @DisplayName("a burst of 300 superseding views: their work leaves the queue at once, the "
      + "last view completes, nothing stays queued or in flight")
  void burstOfViews() throws Exception {
    try (ServerFixture fixture = new ServerFixture(8); WsClient client = fixture.connect(true)) {
      TileService tiles = fixture.server.tiles();
      client.nextText(10_000);
      for (int v = 1; v <= 300; v++) {
        // Each a different plane (x0), so that none shares another's tiles: 4K canvases.
        client.send(PlaneViews.view(v, PlaneViews.PARAMS.replace("\"x0\":5",
            "\"x0\":" + (4 + v / 1000.0)).replace("\"steps\":200", "\"steps\":1000"), 3840,
            2160));
      }
      client.send(view(301, 50, 256));
      PlaneViews.Received last = PlaneViews.read(client, 301, true);
      assertEquals(last.started().get("tiles").asInt(), last.frames().size());
      assertTrue(ServerFixture.eventually(5000, () -> fixture.server.queued() == 0
          && fixture.server.computing() == 0 && tiles.inFlight() == 0),
          "queued " + fixture.server.queued() + ", computing " + fixture.server.computing()
              + ", shared computations " + tiles.inFlight());
      long computed = tiles.computed();
      assertTrue(computed < 300 + 10, computed + " tiles computed for 300 superseded views");
    }
  }
}
