package dev.brink.server;

import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compute-only node (`brink worker`): joins the cluster and computes what the serving nodes
 * hand out, with no HTTP, no viewers and no database.
 */
public final class BrinkWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BrinkWorker.class);

  private final Vertx vertx;
  private final RemoteWorker worker;
  private final String nodeId;

  private BrinkWorker(Vertx vertx, RemoteWorker worker, String nodeId) {
    this.vertx = vertx;
    this.worker = worker;
    this.nodeId = nodeId;
  }

  /** Joins the cluster and starts asking for work on {@code threads} threads. */
  public static BrinkWorker start(ClusterSettings settings, int threads) throws IOException {
    RxJavaPlugins.setErrorHandler(e -> LOG.debug("undeliverable after cancel: {}", e.toString()));
    ClusteredVertx cluster;
    try {
      cluster = ClusteredVertx.join(settings, new VertxOptions(), Vertx.builder());
    } catch (Exception e) {
      throw new IOException("cannot join the cluster (members " + settings.members() + "): "
          + e.getMessage(), e);
    }
    RemoteWorker worker = new RemoteWorker(cluster.vertx(), cluster.nodeId(),
        settings.host() + "/" + ProcessHandle.current().pid(), threads);
    LOG.info("worker node {} joined the cluster with {} compute threads", cluster.nodeId(),
        threads);
    return new BrinkWorker(cluster.vertx(), worker, cluster.nodeId());
  }

  public String nodeId() {
    return nodeId;
  }

  @Override
  public void close() {
    worker.close();
    LOG.info("worker node {} answered {} computations", nodeId, worker.done());
    try {
      vertx.close().await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly: {}", e.toString());
    }
  }
}
