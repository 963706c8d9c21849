package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.landscape.Family;
import dev.brink.line.LineExperiment;
import dev.brink.line.LineListener;
import dev.brink.line.LineResult;
import dev.brink.params.GdConfig;
import dev.brink.store.SweepStore;
import dev.brink.sweep.GridAxis;
import dev.brink.sweep.SweepSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Sweeps through the REST API of a real server, stored in its real SQLite file. */
class SweepApiTest {
  static final String SMALL = "{\"family\":\"additive\",\"x0\":5,\"levels\":10,"
      + "\"grid\":[\"eps=0.05:0.2:2\",\"lambda=0.5:1:3\"]}";

  static JsonNode waitFor(ServerFixture f, long id, String state) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonNode s = f.get("/api/sweeps/" + id).json();
      if (s.get("state").asText().equals(state)) {
        return s;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("sweep " + id + " not " + state);
  }

  @Test
  @DisplayName("a sweep is created, runs, lists with progress, shows its cells and exports CSV")
  void createShowCsv() throws Exception {
    try (ServerFixture f = new ServerFixture(8)) {
      ServerFixture.Response created = f.post("/api/sweeps", SMALL);
      assertEquals(201, created.status(), created.json().toString());
      long id = created.json().get("id").asLong();
      assertEquals(6, created.json().get("cells_total").asInt());
      JsonNode done = waitFor(f, id, "done");
      assertEquals(6, done.get("cells_done").asInt());
      assertEquals(6, done.get("cells").size());
      SweepSpec spec = SweepSpec.of(GdConfig.builder(Family.ADDITIVE).x0(5.0),
          List.of(GridAxis.parse("eps=0.05:0.2:2"), GridAxis.parse("lambda=0.5:1:3")), 10, 0,
          1.5, -5, 5);
      try (GdRunner runner = GdRunner.forAllCores()) {
        for (JsonNode cell : done.get("cells")) {
          int index = cell.get("index").asInt();
          LineResult expected = LineExperiment.run(spec.line(index), runner, Cancellation.NONE,
              LineListener.NONE);
          assertEquals(expected.alpha().slope(), cell.get("alpha").asDouble());
          assertEquals(expected.nb()[10], cell.get("nb").get(10).asLong());
          assertEquals(spec.values(index).get("lambda"), cell.get("lambda").asDouble());
        }
      }
      JsonNode list = f.get("/api/sweeps").json().get("sweeps");
      assertEquals(1, list.size());
      assertEquals("done", list.get(0).get("state").asText());
      String csv = f.text("/api/sweeps/" + id + "/csv");
      assertTrue(csv.startsWith("index,eps,lambda,theta,alpha,alpha_se,"), csv);
      assertEquals(7, csv.lines().count());
      assertTrue(Files.exists(f.config.dataDir().resolve("brink.db")));
    }
  }

  @Test
  @DisplayName("bad sweeps are refused naming the field; unknown sweeps are 404")
  void badRequests() throws Exception {
    try (ServerFixture f = new ServerFixture(8)) {
      String[][] cases = {
          {"not json", "body"},
          {"{\"family\":\"additive\",\"x0\":5}", "grid"},
          {"{\"family\":\"additive\",\"grid\":[\"eps=0:1\"]}", "grid"},
          {"{\"family\":\"additive\",\"eps\":0.1,\"grid\":[\"eps=0:1:3\"],\"lambda\":1}",
              "eps"},
          {"{\"family\":\"additive\",\"lamda\":1,\"grid\":[\"eps=0:1:3\"]}", "lamda"},
      };
      for (String[] c : cases) {
        ServerFixture.Response r = f.post("/api/sweeps", c[0]);
        assertEquals(400, r.status(), c[0]);
        assertEquals(c[1], r.json().get("field").asText(), c[0] + " -> " + r.json());
      }
      assertEquals(404, f.get("/api/sweeps/99").status());
      assertEquals(400, f.get("/api/sweeps/abc").status());
    }
  }

  @Test
  @DisplayName("a stopped server resumes its sweep: every cell stored once, none recomputed")
  void resumesAfterRestart() throws Exception {
    Path data = Files.createTempDirectory("brink-resume");
    String big = "{\"family\":\"additive\",\"x0\":5,\"levels\":12,"
        + "\"grid\":[\"eps=0.05:0.2:4\",\"lambda=0.5:1:5\"]}";
    long id;
    int doneBefore;
    try (ServerFixture f = new ServerFixture(8, 0, data)) {
      id = f.post("/api/sweeps", big).json().get("id").asLong();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (f.get("/api/sweeps/" + id).json().get("cells_done").asInt() < 3
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    // Read from the database file itself: a restarted server resumes at once, so asking it
    // would race with its first new cell.
    try (SweepStore store = new SweepStore(data.resolve("brink.db"))) {
      doneBefore = store.doneCells(id).size();
    }
    assertTrue(doneBefore >= 3 && doneBefore < 20, "stopped mid-sweep at " + doneBefore);
    try (ServerFixture f = new ServerFixture(8, 0, data)) {
      JsonNode done = waitFor(f, id, "done");
      Set<Integer> indices = new HashSet<>();
      for (JsonNode c : done.get("cells")) {
        assertTrue(indices.add(c.get("index").asInt()), "cell stored twice");
      }
      assertEquals(20, indices.size());
      assertEquals(20 - doneBefore, f.server.sweepCellsComputed(),
          "only the missing cells were computed after the restart");
    }
  }

  @Test
  @DisplayName("cancelling a sweep stops it and keeps its finished cells")
  void cancel() throws Exception {
    try (ServerFixture f = new ServerFixture(8)) {
      long id = f.post("/api/sweeps", "{\"family\":\"additive\",\"x0\":5,\"lambda\":1,\"levels\":16,"
          + "\"grid\":[\"eps=0.05:0.2:10\"]}").json().get("id").asLong();
      ServerFixture.Response r = f.post("/api/sweeps/" + id + "/cancel", "");
      assertEquals(200, r.status(), r.json().toString());
      assertEquals("cancelled", r.json().get("state").asText());
      // Stopped: within 5 s nothing of it computes or waits (the whole sweep takes longer), so
      // no cell can be stored any more.
      assertTrue(ServerFixture.eventually(5000, () -> f.server.computing() == 0
          && f.server.queued() == 0), "its computation stopped");
      long computed = f.server.sweepCellsComputed();
      JsonNode after = f.get("/api/sweeps/" + id).json();
      assertTrue(after.get("cells_done").asInt() < 10, after.toString());
      assertEquals(computed, after.get("cells_done").asLong(), "every computed cell is kept");
      ServerFixture.Response again = f.post("/api/sweeps/" + id + "/cancel", "");
      assertEquals(409, again.status(), again.json().toString());
      assertEquals("conflict", again.json().get("error").asText());
      assertEquals("cancelled", f.get("/api/sweeps/" + id).json().get("state").asText());
    }
  }

  @Test
  @DisplayName("cancelling a finished sweep is refused with 409 and leaves it done")
  void cancelDone() throws Exception {
    try (ServerFixture f = new ServerFixture(8)) {
      long id = f.post("/api/sweeps", SMALL).json().get("id").asLong();
      waitFor(f, id, "done");
      ServerFixture.Response r = f.post("/api/sweeps/" + id + "/cancel", "");
      assertEquals(409, r.status(), r.json().toString());
      assertEquals("conflict", r.json().get("error").asText());
      assertEquals("state", r.json().get("field").asText());
      assertTrue(r.json().get("message").asText().contains("is done"), r.json().toString());
      JsonNode s = f.get("/api/sweeps/" + id).json();
      assertEquals("done", s.get("state").asText());
      assertEquals(6, s.get("cells_done").asInt());
    }
  }
}
