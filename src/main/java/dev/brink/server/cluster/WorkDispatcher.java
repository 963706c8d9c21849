package dev.brink.server.cluster;

import dev.brink.metrics.BrinkMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Vertx;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.brink.server.compute.ComputePool;

/**
 * Hands this node's remotable computations to workers on other nodes that ask for them
 * (docs/operations.md, Cluster). Workers pull: a worker asks only when it has a free thread,
 * so faster nodes take more. A computation leased to a node that leaves the cluster goes back
 * into the queue; so does one whose node has said nothing of it for {@link #LEASE_MS} (a
 * worker names the computations it is running every 2 s: a lost answer, a stuck or dead
 * worker that the cluster has not noticed yet, never hang a tile or a sweep cell). One
 * cancelled here is cancelled there; an answer for a computation that is no longer leased
 * (cancelled, or re-dispatched and answered) is dropped, so each is used once.
 */
public final class WorkDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(WorkDispatcher.class);
  public static final String PULL = "brink.work.pull";
  static final String RESULT = "brink.work.result.";
  static final String CANCEL = "brink.work.cancel";
  public static final String HELLO = "brink.work.hello";
  /** Where a worker names the computations of this node it is running, as a JSON array. */
  public static final String ALIVE = "brink.work.alive.";
  /** A lease its node has not named for this long goes back into the queue. */
  public static final long LEASE_MS = 10_000;

  /** A computation on another node, and when that node last said it was running it. */
  private static final class Lease {
    final ComputePool.Task<?> task;
    final String node;
    volatile long seenNanos = System.nanoTime();

    Lease(ComputePool.Task<?> task, String node) {
      this.task = task;
      this.node = node;
    }
  }

  private final ComputePool pool;
  private final EventBus bus;
  private final String self;
  private final Map<String, Lease> leases = new ConcurrentHashMap<>();
  /** Compute threads each worker node announced. */
  private final Map<String, Integer> workers = new ConcurrentHashMap<>();
  /** GD steps each worker node computed for this one, by the name it announced. */
  private final Map<String, Counter> workerSteps = new ConcurrentHashMap<>();
  private final Map<String, String> names = new ConcurrentHashMap<>();
  private final BrinkMeters meters;
  private final AtomicInteger remoteThreads;
  private final AtomicLong serial = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong requeued = new AtomicLong();
  /** Requests for work held until some arrives. */
  private final Deque<Message<JsonObject>> waiting = new ConcurrentLinkedDeque<>();
  private final Vertx vertx;
  /** How long a request for work is held, and how many are at most. */
  private static final long HOLD_MS = 2000;
  private static final int MAX_WAITING = 4096;

  /**
   * Starts serving pulls on the clustered Vert.x; remoteThreads is kept at the sum of the
   * workers' threads.
   */
  public WorkDispatcher(ClusteredVertx cluster, ComputePool pool, AtomicInteger remoteThreads,
      BrinkMeters meters) {
    this.pool = pool;
    this.meters = meters;
    this.vertx = cluster.vertx();
    pool.onRemotableWork(() -> vertx.runOnContext(v -> serveWaiting()));
    meters.gauge("brink.remote.leased", "Computations of this node running on other nodes",
        leases::size);
    FunctionCounter.builder("brink.remote.answered", answered, AtomicLong::get)
        .description("Computations of this node that other nodes answered")
        .register(meters.registry());
    FunctionCounter.builder("brink.remote.requeued", requeued, AtomicLong::get)
        .description("Computations handed back to the queue because their node left or went "
            + "silent past the lease deadline")
        .register(meters.registry());
    this.bus = cluster.vertx().eventBus();
    this.self = cluster.nodeId();
    this.remoteThreads = remoteThreads;
    bus.<JsonObject>consumer(PULL, this::pull);
    bus.<Buffer>consumer(RESULT + self, this::result);
    bus.<io.vertx.core.json.JsonArray>consumer(ALIVE + self, m -> {
      for (Object id : m.body()) {
        Lease lease = leases.get(String.valueOf(id));
        if (lease != null) {
          lease.seenNanos = System.nanoTime();
        }
      }
    });
    vertx.setPeriodic(LEASE_MS / 4, t -> expireLeases());
    bus.<JsonObject>consumer(HELLO, m -> {
      String node = m.body().getString("node");
      names.put(node, m.body().getString("name", node));
      Integer before = workers.put(node, m.body().getInteger("threads"));
      if (before == null) {
        LOG.info("worker {} joined with {} compute threads", node,
            m.body().getInteger("threads"));
      }
      recount();
    });
    cluster.onNodeLeft(this::nodeLeft);
  }

  /**
   * A worker's request for work: answered at once when there is some, else held (long poll)
   * until some arrives or {@link #HOLD_MS} pass, so a worker starts new work without delay and
   * an idle one costs one message per thread every 2 s.
   */
  private void pull(Message<JsonObject> m) {
    ComputePool.Task<?> task = pool.claimRemote();
    if (task != null) {
      lease(m, task);
      return;
    }
    if (waiting.size() >= MAX_WAITING) {
      m.reply(new JsonObject());
      return;
    }
    waiting.add(m);
    vertx.setTimer(HOLD_MS, t -> {
      if (waiting.remove(m)) {
        m.reply(new JsonObject());
      }
    });
    // Work may have arrived between the claim and the wait.
    serveWaiting();
  }

  /** Hands queued remotable work to held requests, oldest first. */
  private void serveWaiting() {
    for (Message<JsonObject> m = waiting.poll(); m != null; m = waiting.poll()) {
      ComputePool.Task<?> task = pool.claimRemote();
      if (task == null) {
        waiting.addFirst(m);
        return;
      }
      lease(m, task);
    }
  }

  private void lease(Message<JsonObject> m, ComputePool.Task<?> task) {
    String id = self + "/" + serial.incrementAndGet();
    String node = m.body().getString("node");
    leases.put(id, new Lease(task, node));
    task.onRemoteCancel(() -> {
      if (leases.remove(id) != null) {
        bus.publish(CANCEL, id);
      }
    });
    m.reply(new JsonObject().put("id", id).put("owner", self)
        .put("job", new JsonObject(task.remote.describe().toString())));
  }

  private void result(Message<Buffer> m) {
    Lease lease = leases.remove(m.headers().get("id"));
    m.reply(null);
    if (lease == null) {
      return;
    }
    String error = m.headers().get("error");
    if (error != null) {
      lease.task.failRemotely(new RemoteFailure("worker node "
          + names.getOrDefault(lease.node, lease.node) + " failed to compute it: " + error));
    } else {
      answered.incrementAndGet();
      byte[] answer = m.body().getBytes();
      workerSteps.computeIfAbsent(names.getOrDefault(lease.node, lease.node),
          name -> Counter.builder("brink.remote.gd.steps").tag("node", name)
              .description("GD steps that a worker node computed for this server")
              .register(meters.registry()))
          .increment(RemoteJobs.gdSteps(answer));
      lease.task.completeRemotely(answer);
    }
  }

  /** Leases whose node has not named them for LEASE_MS go back into the queue. */
  private void expireLeases() {
    long now = System.nanoTime();
    for (Map.Entry<String, Lease> e : leases.entrySet()) {
      Lease lease = e.getValue();
      if (now - lease.seenNanos > LEASE_MS * 1_000_000 && leases.remove(e.getKey(), lease)) {
        requeued.incrementAndGet();
        LOG.warn("computation {} leased to node {} got no word for {} s: back in the queue",
            e.getKey(), names.getOrDefault(lease.node, lease.node), LEASE_MS / 1000);
        bus.publish(CANCEL, e.getKey());
        lease.task.requeue();
      }
    }
  }

  private void nodeLeft(String nodeId) {
    workers.remove(nodeId);
    recount();
    int back = 0;
    for (Map.Entry<String, Lease> e : leases.entrySet()) {
      if (e.getValue().node.equals(nodeId) && leases.remove(e.getKey()) != null) {
        e.getValue().task.requeue();
        back++;
      }
    }
    requeued.addAndGet(back);
    LOG.warn("node {} left the cluster; {} of its computations are back in the queue", nodeId,
        back);
  }

  private void recount() {
    remoteThreads.set(workers.values().stream().mapToInt(Integer::intValue).sum());
  }
}
