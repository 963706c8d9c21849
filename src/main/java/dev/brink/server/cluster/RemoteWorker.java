package dev.brink.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.eventbus.DeliveryOptions;
import dev.brink.metrics.BrinkMeters;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compute-only node's work loop: each of its threads asks the serving nodes for a
 * computation ({@link WorkDispatcher}), runs it and sends the answer back, then asks again; it
 * asks only when a thread is free, so a node takes work as fast as it can do it.
 */
public final class RemoteWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteWorker.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Wait before asking again when no serving node answered. */
  private static final long NO_SERVER_MS = 1000;

  private final Vertx vertx;
  private final EventBus bus;
  private final String self;
  private final WorkerExecutor threads;
  private final int size;
  private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();
  private final AtomicLong done = new AtomicLong();
  private volatile boolean closed;
  private final long hello;

  /** This node in the servers' meters: its address and process id, e.g. 10.0.0.12/4711. */
  private final String name;

  private final Counter gdSteps;

  RemoteWorker(Vertx vertx, String nodeId, String name, int threads, BrinkMeters meters) {
    this.name = name;
    this.gdSteps = Counter.builder("brink.worker.gd.steps")
        .description("GD steps this worker node computed for serving nodes")
        .register(meters.registry());
    meters.gauge("brink.worker.running", "Computations running on this worker node",
        () -> running.size());
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.self = nodeId;
    this.size = threads;
    this.threads = vertx.createSharedWorkerExecutor("brink-remote", threads);
    bus.<String>consumer(WorkDispatcher.CANCEL, m -> {
      AtomicBoolean flag = running.get(m.body());
      if (flag != null) {
        flag.set(true);
      }
    });
    // Announced now and every 2 s, so serving nodes that start later learn of it too.
    announce();
    hello = vertx.setPeriodic(2000, t -> announce());
    for (int i = 0; i < threads; i++) {
      ask();
    }
  }

  /** Computations this node answered. */
  long done() {
    return done.get();
  }

  /**
   * Tells the serving nodes this node is here, and each owner which of its computations are
   * running here, so their leases stay (WorkDispatcher.LEASE_MS).
   */
  private void announce() {
    bus.publish(WorkDispatcher.HELLO, new JsonObject().put("node", self).put("name", name)
        .put("threads", size));
    Map<String, io.vertx.core.json.JsonArray> byOwner = new java.util.HashMap<>();
    for (String id : running.keySet()) {
      // Lease ids are "owner/serial".
      String owner = id.substring(0, Math.max(0, id.lastIndexOf('/')));
      byOwner.computeIfAbsent(owner, o -> new io.vertx.core.json.JsonArray()).add(id);
    }
    byOwner.forEach((owner, ids) -> bus.send(WorkDispatcher.ALIVE + owner, ids));
  }

  private void ask() {
    if (closed) {
      return;
    }
    bus.<JsonObject>request(WorkDispatcher.PULL, new JsonObject().put("node", self),
            new DeliveryOptions().setSendTimeout(5000))
        .onSuccess(reply -> {
          JsonObject m = reply.body();
          if (m == null || !m.containsKey("id")) {
            ask();  // held for 2 s without work: ask again
          } else {
            run(m.getString("id"), m.getString("owner"), m.getJsonObject("job"));
          }
        })
        .onFailure(e -> vertx.setTimer(NO_SERVER_MS, t -> ask()));
  }

  private void run(String id, String owner, JsonObject job) {
    AtomicBoolean cancelled = new AtomicBoolean();
    running.put(id, cancelled);
    threads.executeBlocking(() -> {
      JsonNode description = JSON.readTree(job.encode());
      return RemoteJobs.compute(description, cancelled::get);
    }, false).onComplete(r -> {
      running.remove(id);
      DeliveryOptions options = new DeliveryOptions().addHeader("id", id);
      if (r.succeeded()) {
        done.incrementAndGet();
        gdSteps.increment(RemoteJobs.gdSteps(r.result()));
        bus.request(WorkDispatcher.RESULT + owner, Buffer.buffer(r.result()), options)
            .onFailure(e -> LOG.warn("the answer to {} did not reach its server ({}); the "
                + "lease runs out and it is computed again", id, e.getMessage()));
      } else if (!(r.cause() instanceof CancellationException)) {
        LOG.error("computation {} failed", id, r.cause());
        bus.request(WorkDispatcher.RESULT + owner, Buffer.buffer(),
            options.addHeader("error", String.valueOf(r.cause().getMessage())))
            .onFailure(e -> LOG.warn("the failure of {} did not reach its server ({})", id,
                e.getMessage()));
      }
      ask();
    });
  }

  @Override
  public void close() {
    closed = true;
    vertx.cancelTimer(hello);
    running.values().forEach(flag -> flag.set(true));
    threads.close();
  }
}
