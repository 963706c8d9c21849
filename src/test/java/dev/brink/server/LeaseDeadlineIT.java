package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import dev.brink.server.config.ServerConfig;
import dev.brink.server.config.ClusterSettings;
import dev.brink.server.cluster.ClusteredVertx;
import dev.brink.server.cluster.WorkDispatcher;

/**
 * A cluster node that takes a computation and then never answers nor says it is still working
 * (a lost answer, a stuck worker the cluster has not noticed): its lease runs out
 * (WorkDispatcher.LEASE_MS) and the computation is done again, so the view and the sweep
 * finish. A real server and a real second member of the cluster, in this JVM.
 */
class LeaseDeadlineIT {
  private static ServerFixture fixture;
  private static ClusteredVertx silent;

  @BeforeAll
  static void start() throws Exception {
    ClusterSettings settings = new ClusterSettings(List.of("127.0.0.1"), "127.0.0.1", 5811, 5);
    fixture = new ServerFixture(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0, Files.createTempDirectory("brink-lease"))
        .withCompute(1, 64L << 20).withCluster(settings));
    silent = ClusteredVertx.join(settings, new VertxOptions(), Vertx.builder());
    // It says it has two threads, as a worker does, so the server hands it work in parallel.
    silent.vertx().eventBus().publish(WorkDispatcher.HELLO, new JsonObject()
        .put("node", silent.nodeId()).put("name", "silent").put("threads", 2));
  }

  @AfterAll
  static void stop() {
    silent.vertx().close().await();
    fixture.close();
  }

  /** Asks the server for work until it gets one computation, which it then keeps forever. */
  private static JsonObject takeOne() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      CompletableFuture<Message<JsonObject>> reply = silent.vertx().eventBus()
          .<JsonObject>request(WorkDispatcher.PULL, new JsonObject().put("node",
              silent.nodeId())).toCompletionStage().toCompletableFuture();
      JsonObject m = reply.get(30, TimeUnit.SECONDS).body();
      if (m != null && m.containsKey("id")) {
        return m;
      }
    }
    throw new AssertionError("no computation was offered to the second node");
  }

  private static double requeued() throws Exception {
    return fixture.text("/metrics").lines().filter(l -> l.startsWith("brink_remote_requeued"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  @Test
  @DisplayName("a view whose tile a silent node took finishes, every tile once")
  void viewFinishes() throws Exception {
    double before = requeued();
    try (WsClient client = fixture.connect(true)) {
      client.nextText(10_000);
      client.send(PlaneViews.view(1, PlaneViews.PARAMS, 512, 256));
      JsonObject taken = takeOne();
      assertEquals("tile", taken.getJsonObject("job").getString("kind"), taken.encode());
      PlaneViews.Received r = PlaneViews.read(client, 1, true);
      assertEquals(r.started().get("tiles").asInt(), r.frames().size(), "every tile arrives");
      assertEquals(r.started().get("tiles").asInt(), r.done().get("tiles").asInt());
    }
    assertTrue(requeued() >= before + 1, "the silent node's lease ran out: " + requeued());
  }

  @Test
  @DisplayName("a sweep whose line chunk a silent node took finishes, each cell stored once")
  void sweepFinishes() throws Exception {
    double before = requeued();
    ServerFixture.Response created = fixture.post("/api/sweeps", "{\"family\":\"additive\","
        + "\"x0\":5,\"lambda\":1,\"levels\":12,\"grid\":[\"eps=0.05:0.2:3\"]}");
    long id = created.json().get("id").asLong();
    takeOne();
    JsonNode done = SweepApiTest.waitFor(fixture, id, "done");
    assertEquals(3, done.get("cells_done").asInt());
    assertEquals(3, done.get("cells").size());
    assertTrue(requeued() >= before + 1, "the silent node's lease ran out: " + requeued());
  }

  @Test
  @DisplayName("a node that names its computation every 2 s keeps its lease past the deadline")
  void heartbeatsKeepTheLease() throws Exception {
    double before = requeued();
    try (WsClient client = fixture.connect(true)) {
      client.nextText(10_000);
      client.send(PlaneViews.view(7, PlaneViews.PARAMS.replace("\"x0\":5", "\"x0\":4.5"),
          512, 256));
      JsonObject taken = takeOne();
      String id = taken.getString("id");
      String owner = taken.getString("owner");
      long end = System.nanoTime() + WorkDispatcher.LEASE_MS * 1_500_000L;
      while (System.nanoTime() < end) {
        silent.vertx().eventBus().send(WorkDispatcher.ALIVE + owner,
            new io.vertx.core.json.JsonArray().add(id));
        Thread.sleep(2000);
        assertEquals(before, requeued(), "the named lease stays");
      }
      // Then it falls silent: the lease runs out and the view finishes without it.
      PlaneViews.Received r = PlaneViews.read(client, 7, true);
      assertEquals(r.started().get("tiles").asInt(), r.frames().size(), "every tile arrives");
    }
    assertTrue(requeued() >= before + 1, "the silent lease ran out: " + requeued());
  }
}
