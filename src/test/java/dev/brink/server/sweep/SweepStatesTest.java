package dev.brink.server.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.metrics.BrinkMeters;
import dev.brink.server.ServerFixture;
import dev.brink.server.cluster.RemoteFailure;
import dev.brink.server.compute.ComputePool;
import dev.brink.server.compute.OrderedWork;
import dev.brink.store.SweepStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactivex.rxjava3.disposables.Disposable;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A sweep's states reached through the faults that lead to them, on a real SQLite file and a
 * real compute pool: a full compute queue (it waits), a worker node's failure (failed, with the
 * reason, its slot going to the next queued sweep).
 */
class SweepStatesTest {
  private static final String SWEEP = "{\"family\":\"additive\",\"x0\":5,\"lambda\":1,"
      + "\"levels\":8,\"grid\":[\"eps=0.05:0.2:2\"]}";

  /** A sweep service on its own pool of one thread and a queue of queueBound. */
  private record Rig(ComputePool pool, SweepStore store, SweepService sweeps)
      implements AutoCloseable {
    static Rig of(int queueBound, int maxRunning) throws Exception {
      return of(Files.createTempDirectory("brink-states").resolve("brink.db"), queueBound,
          maxRunning, 30_000_000_000L, new SimpleMeterRegistry());
    }

    /** ... on this database file, saving a running cell's line every checkpointNanos. */
    static Rig of(java.nio.file.Path db, int queueBound, int maxRunning, long checkpointNanos,
        SimpleMeterRegistry registry) throws Exception {
      ComputePool pool = new ComputePool(1, queueBound);
      SweepStore store = new SweepStore(db);
      return new Rig(pool, store, new SweepService(store, new OrderedWork(pool, () -> 1),
          new BrinkMeters(registry), maxRunning, checkpointNanos));
    }

    String state(long id) throws Exception {
      return store.sweep(id).orElseThrow().state();
    }

    /** Occupies the pool's thread until the latch opens. */
    Disposable block(CountDownLatch release) {
      return pool.single(cancel -> {
        try {
          return release.await(60, TimeUnit.SECONDS) ? 1 : 0;
        } catch (InterruptedException e) {
          return 0;
        }
      }).subscribe(v -> { }, e -> { });
    }

    @Override
    public void close() throws Exception {
      sweeps.close();
      pool.close();
      store.close();
    }
  }

  private static ObjectNode sweep() throws Exception {
    return (ObjectNode) new ObjectMapper().readTree(SWEEP);
  }

  @Test
  @DisplayName("a full compute queue makes a sweep wait, not fail; it finishes once there is room")
  void fullQueueWaits() throws Exception {
    try (Rig rig = Rig.of(1, 1)) {
      CountDownLatch release = new CountDownLatch(1);
      rig.block(release);
      assertTrue(ServerFixture.eventually(10_000, () -> rig.pool.active() == 1));
      rig.block(release);
      assertEquals(1, rig.pool.queued(), "the queue is full");
      long id = rig.sweeps.create(sweep());
      assertTrue(ServerFixture.eventually(10_000, () -> rig.pool.refused() >= 2),
          "the sweep's work was refused again and again: " + rig.pool.refused());
      assertEquals(SweepStore.RUNNING, rig.state(id));
      release.countDown();
      assertTrue(ServerFixture.eventually(60_000, () -> stateIs(rig, id, SweepStore.DONE)),
          rig.state(id));
      assertEquals(2, rig.store.cells(id).size());
    }
  }

  @Test
  @DisplayName("a worker node's failure fails the sweep with its reason, tells its watchers, and "
      + "the queued sweep starts")
  void workerFailureFails() throws Exception {
    try (Rig rig = Rig.of(4096, 1)) {
      rig.pool.onRemotableWork(() -> { });
      CountDownLatch release = new CountDownLatch(1);
      rig.block(release);
      assertTrue(ServerFixture.eventually(10_000, () -> rig.pool.active() == 1));
      long first = rig.sweeps.create(sweep());
      long second = rig.sweeps.create(sweep());
      assertEquals(SweepStore.QUEUED, rig.state(second), "one sweep runs at a time");
      List<ObjectNode> told = new CopyOnWriteArrayList<>();
      rig.sweeps.watch(first, told::add);
      ComputePool.Task<?>[] taken = new ComputePool.Task<?>[1];
      assertTrue(ServerFixture.eventually(10_000, () -> (taken[0] = rig.pool.claimRemote())
          != null), "the sweep's work is there for a worker node to take");
      taken[0].failRemotely(new RemoteFailure("worker node w1 failed to compute it: out of "
          + "memory"));
      assertTrue(ServerFixture.eventually(10_000, () -> stateIs(rig, first, SweepStore.FAILED)),
          rig.state(first));
      SweepStore.SweepRow row = rig.store.sweep(first).orElseThrow();
      assertTrue(row.error().contains("w1") && row.error().contains("out of memory"),
          row.error());
      assertTrue(ServerFixture.eventually(5000, () -> told.stream().anyMatch(m ->
          m.path("state").asText().equals("failed") && m.path("error").asText()
              .contains("w1"))), told.toString());
      assertEquals(SweepStore.RUNNING, rig.state(second), "the queued sweep took the slot");
      release.countDown();
      assertTrue(ServerFixture.eventually(60_000, () -> stateIs(rig, second, SweepStore.DONE)),
          rig.state(second));
      assertEquals(SweepStore.FAILED, rig.state(first), "failed stays failed");
      ObjectNode shown = rig.sweeps.show(first);
      assertEquals("failed", shown.get("state").asText());
      assertTrue(shown.get("error").asText().contains("w1"), shown.toString());
    }
  }

  private static boolean stateIs(Rig rig, long id, String state) {
    try {
      return rig.state(id).equals(state);
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  @DisplayName("a server stopped inside a cell goes on within it from the cell's checkpoint at "
      + "the next start: fewer points computed, the same cell")
  void resumedWithinACell() throws Exception {
    ObjectNode request = (ObjectNode) new ObjectMapper().readTree("{\"family\":\"additive\","
        + "\"x0\":5,\"lambda\":1,\"levels\":20,\"grid\":[\"eps=0.2:0.2:1\"]}");
    java.nio.file.Path db = Files.createTempDirectory("brink-cell").resolve("brink.db");
    long id;
    int saved;
    long savedPoints = 0;
    try (Rig first = Rig.of(db, 64, 1, 0, new SimpleMeterRegistry())) {
      id = first.sweeps.create(request);
      dev.brink.line.LineSpec line = dev.brink.server.protocol.SweepRequests.parse(
          request.toString()).line(0);
      int[] accepted = {0};
      int chunks = new dev.brink.line.LineRun(line).chunks().size();
      assertTrue(ServerFixture.eventually(60_000, () -> {
        try {
          var cp = first.store.cellCheckpoint(id, 0);
          accepted[0] = cp.isEmpty() ? 0 : dev.brink.line.LineRun.resume(line, 20, cp.get())
              .accepted();
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
        return accepted[0] >= chunks / 4;
      }), "a checkpoint of a quarter of the chunks or more while the cell runs");
      first.sweeps.close();
      saved = dev.brink.line.LineRun.resume(line, 20, first.store.cellCheckpoint(id, 0)
          .orElseThrow()).accepted();
      assertTrue(saved < chunks, "stopped part way");
      for (int k = 0; k < saved; k++) {
        savedPoints += new dev.brink.line.LineRun(line).chunks().get(k).count();
      }
      assertEquals(SweepStore.RUNNING, first.state(id));
    }
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    String resumedCell;
    try (Rig second = Rig.of(db, 64, 1, 0, registry)) {
      second.sweeps.resumeAll();
      assertTrue(ServerFixture.eventually(60_000, () -> stateIs(second, id, SweepStore.DONE)));
      resumedCell = second.store.cells(id).get(0);
      assertTrue(second.store.cellCheckpoint(id, 0).isEmpty(),
          "the checkpoint goes with the cell");
    }
    double computed = registry.find("brink.trajectories").counters().stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    long points = (1L << 20) + 1;
    assertTrue(computed > 0 && computed == points - savedPoints, computed
        + " points computed after the restart, of " + points + "; " + saved + " chunks of "
        + savedPoints + " points were saved");
    try (Rig whole = Rig.of(2 << 10, 1)) {
      long again = whole.sweeps.create(request);
      assertTrue(ServerFixture.eventually(60_000, () -> stateIs(whole, again, SweepStore.DONE)));
      ObjectMapper json = new ObjectMapper();
      ObjectNode through = (ObjectNode) json.readTree(whole.store.cells(again).get(0));
      ObjectNode resumed = (ObjectNode) json.readTree(resumedCell);
      through.remove("seconds");
      resumed.remove("seconds");
      assertEquals(through, resumed, "the same cell as run through, but for its seconds");
    }
  }
}
