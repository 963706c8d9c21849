package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import dev.brink.server.config.ServerLimits;
import dev.brink.server.sweep.SweepService;

/**
 * Limits on sweeps and request bodies, and a database that refuses writes: the real SQLite
 * file locked by another program, and a real full file system (a small tmpfs).
 */
class SweepFaultsTest {
  /** 12 cells of 12 levels: a few seconds, long enough to catch it running. */
  static final String SWEEP = "{\"family\":\"additive\",\"x0\":5,\"levels\":12,"
      + "\"grid\":[\"eps=0.05:0.2:3\",\"lambda=0.5:1:4\"]}";

  @Test
  @DisplayName("beyond --max-sweeps a sweep is queued and starts when a slot frees; beyond the "
      + "queue one is refused, naming the limit, and not stored")
  void queuedSweeps() throws Exception {
    ServerLimits limits = ServerLimits.defaults().withMaxSweeps(1);
    try (ServerFixture f = new ServerFixture(8, 0, Files.createTempDirectory("brink-max"),
        List.of(), limits)) {
      // Long enough to be running still when the queue is full: minutes of work.
      ServerFixture.Response first = f.post("/api/sweeps", "{\"family\":\"additive\","
          + "\"x0\":5,\"levels\":18,\"grid\":[\"eps=0.05:0.2:10\",\"lambda=0.5:1:10\"]}");
      assertEquals("running", first.json().get("state").asText(), first.json().toString());
      ServerFixture.Response second = f.post("/api/sweeps", SWEEP);
      assertEquals(201, second.status(), second.json().toString());
      assertEquals("queued", second.json().get("state").asText());
      for (int i = 1; i < SweepService.MAX_QUEUED; i++) {
        assertEquals("queued", f.post("/api/sweeps", SWEEP).json().get("state").asText());
      }
      ServerFixture.Response refused = f.post("/api/sweeps", SWEEP);
      assertEquals(400, refused.status(), refused.json().toString());
      assertEquals("limit-exceeded", refused.json().get("error").asText());
      assertEquals("sweeps", refused.json().get("field").asText());
      assertTrue(refused.json().get("message").asText().contains("--max-sweeps"),
          refused.json().toString());
      assertEquals(1 + SweepService.MAX_QUEUED, f.get("/api/sweeps").json().get("sweeps")
          .size(), "the refused sweep was not stored");
      long secondId = second.json().get("id").asLong();
      f.post("/api/sweeps/" + (secondId + 1) + "/cancel", "");
      assertEquals("cancelled", f.get("/api/sweeps/" + (secondId + 1)).json().get("state")
          .asText(), "a queued sweep can be cancelled");
      f.post("/api/sweeps/" + first.json().get("id").asLong() + "/cancel", "");
      assertEquals("running", SweepApiTest.waitFor(f, secondId, "running").get("state")
          .asText(), "the first queued sweep takes the freed slot");
      assertEquals("queued", f.get("/api/sweeps/" + (secondId + 2)).json().get("state")
          .asText(), "the others still wait, in order");
    }
  }

  @Test
  @DisplayName("a body over --max-body-kb gets 413 with a JSON error naming the limit")
  void bodyLimit() throws Exception {
    ServerLimits limits = ServerLimits.defaults().withMaxBodyBytes(1024);
    try (ServerFixture f = new ServerFixture(8, 0, Files.createTempDirectory("brink-body"),
        List.of(), limits)) {
      String big = "{\"family\":\"additive\",\"pad\":\"" + "x".repeat(2000) + "\"}";
      ServerFixture.Response r = f.post("/api/sweeps", big);
      assertEquals(413, r.status());
      assertEquals("limit-exceeded", r.json().get("error").asText());
      assertEquals("body", r.json().get("field").asText());
      assertTrue(r.json().get("message").asText().contains("1024 bytes"), r.json().toString());
      assertEquals(201, f.post("/api/sweeps", SWEEP).status(), "a small body still works");
    }
  }

  @Test
  @DisplayName("a database locked by another program pauses the sweep; it finishes, whole, "
      + "when the lock is gone")
  void lockedDatabase() throws Exception {
    Path data = Files.createTempDirectory("brink-locked");
    try (ServerFixture f = new ServerFixture(8, 0, data)) {
      long id = f.post("/api/sweeps", SWEEP).json().get("id").asLong();
      try (Connection other = DriverManager.getConnection("jdbc:sqlite:"
          + data.resolve("brink.db"))) {
        other.setAutoCommit(false);
        try (Statement s = other.createStatement()) {
          // Takes the write lock and keeps it: every write of the server waits, then fails.
          s.execute("DELETE FROM cells WHERE sweep = -1");
        }
        JsonNode paused = waitFor(f, id, "paused", 60);
        assertTrue(paused.get("error").asText().contains("locked"), paused.toString());
        other.rollback();
      }
      assertWhole(f, id, data, 12);
    }
  }

  @Test
  @DisplayName("a full disk pauses the sweep with a clear error; it finishes, whole, once "
      + "space is freed")
  void fullDisk() throws Exception {
    Path mount = Files.createTempDirectory("brink-tmpfs");
    mountTmpfs(mount, "4m");
    try {
      Path filler = mount.resolve("filler");
      try (ServerFixture f = new ServerFixture(8, 0, mount)) {
        long id = f.post("/api/sweeps", SWEEP).json().get("id").asLong();
        fill(filler);
        JsonNode paused = waitFor(f, id, "paused", 60);
        assertTrue(paused.get("error").asText().contains("full"), paused.toString());
        ServerFixture.Response refused = f.post("/api/sweeps", SWEEP);
        assertEquals(503, refused.status(), refused.json().toString());
        assertEquals("storage", refused.json().get("error").asText());
        Files.delete(filler);
        assertWhole(f, id, mount, 12);
      }
    } finally {
      run("umount", mount.toString());
    }
  }

  /** The sweep ends done with every cell stored once, and SQLite finds the file intact. */
  private static void assertWhole(ServerFixture f, long id, Path data, int cells)
      throws Exception {
    JsonNode done = waitFor(f, id, "done", 120);
    Set<Integer> indices = new HashSet<>();
    for (JsonNode c : done.get("cells")) {
      assertTrue(indices.add(c.get("index").asInt()), "cell stored twice");
    }
    assertEquals(cells, indices.size(), "every cell stored");
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("brink.db"));
        Statement s = db.createStatement();
        ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
      r.next();
      assertEquals("ok", r.getString(1));
    }
  }

  private static JsonNode waitFor(ServerFixture f, long id, String state, int seconds)
      throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    JsonNode s = null;
    while (System.nanoTime() < deadline) {
      s = f.get("/api/sweeps/" + id).json();
      if (s.get("state").asText().equals(state)) {
        return s;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("sweep " + id + " not " + state + " after " + seconds + " s: " + s);
  }

  /** Writes until the file system says it is full. */
  private static void fill(Path filler) {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      assertTrue(String.valueOf(full.getMessage()).contains("No space"), full.toString());
    }
  }

  private static void mountTmpfs(Path at, String size) throws Exception {
    if (run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString()) != 0) {
      fail("this test needs to mount a small tmpfs to fill a real disk: run the tests as root"
          + " (bin/test does on CI machines)");
    }
  }

  private static int run(String... command) throws Exception {
    return new ProcessBuilder(command).inheritIO().start().waitFor();
  }
}
