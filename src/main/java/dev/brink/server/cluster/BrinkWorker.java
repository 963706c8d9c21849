package dev.brink.server.cluster;

import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.vertx.core.Vertx;
import dev.brink.metrics.BrinkMeters;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.brink.server.config.ClusterSettings;
import dev.brink.server.compute.UndeliverableErrors;

/**
 * A compute-only node (`brink worker`): joins the cluster and computes what the serving nodes
 * hand out, with no HTTP, no viewers and no database.
 */
public final class BrinkWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BrinkWorker.class);

  private final Vertx vertx;
  private final RemoteWorker worker;
  private final String nodeId;

  private final int metricsPort;

  private BrinkWorker(Vertx vertx, RemoteWorker worker, String nodeId, int metricsPort) {
    this.metricsPort = metricsPort;
    this.vertx = vertx;
    this.worker = worker;
    this.nodeId = nodeId;
  }

  /**
   * Joins the cluster and starts asking for work on {@code threads} threads; with a metrics
   * port (0: any free one) it serves its meters at /metrics there, else none.
   */
  public static BrinkWorker start(ClusterSettings settings, int threads, Integer metricsPort)
      throws IOException {
    RxJavaPlugins.setErrorHandler(UndeliverableErrors::handle);
    warmUp();
    PrometheusMeterRegistry registry = BrinkMeters.prometheus(settings.nodeName());
    BrinkMeters meters = new BrinkMeters(registry);
    ClusteredVertx cluster;
    try {
      cluster = ClusteredVertx.join(settings, new VertxOptions().setMetricsOptions(
              new MicrometerMetricsOptions().setEnabled(true)
                  .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))),
          Vertx.builder().withMetrics(new MicrometerMetricsFactory(registry)));
    } catch (Exception e) {
      throw new IOException("cannot join the cluster (members " + settings.members() + "): "
          + e.getMessage(), e);
    }
    RemoteWorker worker = new RemoteWorker(cluster.vertx(), cluster.nodeId(),
        settings.nodeName(), threads, meters);
    LOG.info("worker node {} joined the cluster with {} compute threads", cluster.nodeId(),
        threads);
    int port = -1;
    if (metricsPort != null) {
      Router router = Router.router(cluster.vertx());
      router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
      try {
        port = cluster.vertx().createHttpServer().requestHandler(router)
            .listen(metricsPort, settings.host()).await(30, TimeUnit.SECONDS).actualPort();
      } catch (Exception e) {
        worker.close();
        cluster.vertx().close();
        throw new IOException("cannot serve metrics on " + settings.host() + ":" + metricsPort
            + ": " + e.getMessage(), e);
      }
    }
    return new BrinkWorker(cluster.vertx(), worker, cluster.nodeId(), port);
  }

  /**
   * Runs the kernels' warm-up planes (KernelWarmUp) before joining, as a server does in the
   * background: a cold worker ran its first tiles interpreted, many times slower, while they
   * waited on it (about 3 s here).
   */
  private static void warmUp() {
    long start = System.nanoTime();
    for (dev.brink.plane.PlaneSpec plane : dev.brink.plane.KernelWarmUp.planes()) {
      dev.brink.plane.KernelWarmUp.run(plane, dev.brink.descent.GdRunner.ON_CALLER,
          dev.brink.descent.Cancellation.NONE);
    }
    LOG.info("kernels warmed up in {} s", String.format(java.util.Locale.ROOT, "%.1f",
        (System.nanoTime() - start) / 1e9));
  }

  public String nodeId() {
    return nodeId;
  }

  /** Where /metrics is served, or -1. */
  public int metricsPort() {
    return metricsPort;
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
