package dev.brink.server;

import dev.brink.descent.GdRunner;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.vertx.core.Vertx;
import java.io.IOException;
import dev.brink.metrics.BrinkMeters;
import dev.brink.store.SweepStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.brink.server.config.ServerConfig;
import dev.brink.server.compute.ComputePool;
import dev.brink.server.compute.OrderedWork;
import dev.brink.server.compute.UndeliverableErrors;
import dev.brink.server.http.HttpVerticle;
import dev.brink.server.view.ViewStreams;
import dev.brink.server.view.TileService;
import dev.brink.server.protocol.Limits;
import dev.brink.server.sweep.SweepService;
import dev.brink.server.reproduce.ReproductionService;
import dev.brink.server.zoom.ZoomService;
import dev.brink.server.cluster.ClusteredVertx;
import dev.brink.server.cluster.WorkDispatcher;

/**
 * A running brink server: Vert.x, the compute pool, the tile cache, the sweep store and service,
 * and the HTTP verticle.
 */
public final class BrinkServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BrinkServer.class);

  private final Vertx vertx;
  private final ComputePool pool;
  private final SweepStore store;
  private final SweepService sweeps;
  private final ZoomService zooms;
  private final ReproductionService reproductions;
  private final TileService tiles;
  private final AtomicInteger sessions;
  private final int port;
  private final CompletableFuture<Void> warm;

  private BrinkServer(Vertx vertx, ComputePool pool, SweepStore store, SweepService sweeps,
      ZoomService zooms, ReproductionService reproductions, TileService tiles,
      AtomicInteger sessions, int port, CompletableFuture<Void> warm) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.sweeps = sweeps;
    this.zooms = zooms;
    this.reproductions = reproductions;
    this.tiles = tiles;
    this.sessions = sessions;
    this.port = port;
    this.warm = warm;
  }

  /** Starts a server and waits until it listens; throws with a clear message when it cannot. */
  public static BrinkServer start(ServerConfig config) throws IOException {
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new IOException("cannot create the data folder " + config.dataDir()
          + (Files.exists(config.dataDir()) ? ": a file of that name is in the way"
              : ": " + e.getMessage()), e);
    }
    // Errors from cancelled work have no one left to receive them: log, never print.
    RxJavaPlugins.setErrorHandler(UndeliverableErrors::handle);
    // Bounded: every view runs at most one computation per thread ahead of its viewer.
    ComputePool pool = new ComputePool(config.computeThreads(), 4096);
    PrometheusMeterRegistry registry = BrinkMeters.prometheus(config.cluster() == null ? null
        : config.cluster().nodeName());
    BrinkMeters meters = new BrinkMeters(registry);
    meters.gauge("brink.compute.queue.depth", "Computations waiting for a compute thread",
        pool::queued);
    meters.gauge("brink.compute.active", "Computations running on compute threads",
        pool::active);
    TileService tiles = new TileService(pool, config.cacheBytes(), meters);
    AtomicInteger sessions = meters.sessions();
    // Threads of the cluster's worker nodes, kept by the dispatcher when clustered.
    AtomicInteger remoteThreads = new AtomicInteger();
    OrderedWork work = new OrderedWork(pool, () -> pool.threads() + remoteThreads.get());
    ViewStreams streams = new ViewStreams(work, tiles, meters);
    SweepStore store;
    Path db = config.dataDir().resolve("brink.db");
    try {
      store = new SweepStore(db);
    } catch (SQLException e) {
      pool.close();
      throw new IOException("cannot open the database " + db + ": " + e.getMessage(), e);
    }
    SweepService sweeps = new SweepService(store, work, meters, config.limits().maxSweeps());
    ZoomService zooms;
    try {
      zooms = new ZoomService(config.dataDir(), new Limits(config.limits()));
    } catch (IOException e) {
      pool.close();
      closeQuietly(store);
      throw new IOException("cannot clear the old zoom videos in " + config.dataDir()
          .resolve("zooms") + ": " + e.getMessage(), e);
    }
    ReproductionService reproductions;
    try {
      reproductions = new ReproductionService(config.dataDir(), work, meters);
    } catch (IOException e) {
      pool.close();
      closeQuietly(store);
      throw new IOException("cannot read the reproduction reports in " + config.dataDir()
          .resolve("reproductions") + ": " + e.getMessage(), e);
    }
    // Vert.x's HTTP, WebSocket and pool meters go to the same registry (application="brink").
    VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true).setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    VertxBuilder builder = Vertx.builder().withMetrics(new MicrometerMetricsFactory(registry));
    Vertx vertx;
    if (config.cluster() == null) {
      vertx = builder.with(options).build();
    } else {
      try {
        ClusteredVertx cluster = ClusteredVertx.join(config.cluster(), options, builder);
        vertx = cluster.vertx();
        new WorkDispatcher(cluster, pool, remoteThreads, meters);
        LOG.info("joined the cluster as node {}", cluster.nodeId());
      } catch (Exception e) {
        pool.close();
        closeQuietly(store);
        throw new IOException("cannot join the cluster (members " + config.cluster().members()
            + "): " + e.getMessage(), e);
      }
    }
    BlockedThreads.count(vertx, registry);
    HttpVerticle http = new HttpVerticle(config, pool, streams, tiles, sweeps, zooms,
        reproductions, sessions, registry);
    CompletableFuture<Void> warm;
    try {
      vertx.deployVerticle(http).await(30, TimeUnit.SECONDS);
      sweeps.resumeAll();
      warm = warmUp(pool);
    } catch (Exception e) {
      vertx.close();
      pool.close();
      closeQuietly(store);
      throw new IOException("cannot start on " + config.host() + ":" + config.port() + ": "
          + e.getMessage(), e);
    }
    LOG.info("listening on {}:{} with {} compute threads, data in {}", config.host(),
        http.port(), pool.threads(), config.dataDir().toAbsolutePath());
    return new BrinkServer(vertx, pool, store, sweeps, zooms, reproductions, tiles, sessions,
        http.port(), warm);
  }

  /**
   * Runs the kernel's loops on small planes in the background (KernelWarmUp), one at a time and
   * below every viewer's work, so that a new server's first view does not wait for the JIT and
   * never finds every thread warming up. Completes when the last has run or the pool stopped.
   */
  private static CompletableFuture<Void> warmUp(ComputePool pool) {
    CompletableFuture<Void> warm = new CompletableFuture<>();
    java.util.Iterator<dev.brink.plane.PlaneSpec> planes =
        dev.brink.plane.KernelWarmUp.planes().iterator();
    Runnable[] next = new Runnable[1];
    next[0] = () -> {
      if (!planes.hasNext()) {
        warm.complete(null);
        return;
      }
      dev.brink.plane.PlaneSpec plane = planes.next();
      pool.single(ComputePool.Priority.BACKGROUND, cancel -> {
        dev.brink.plane.KernelWarmUp.run(plane, GdRunner.ON_CALLER, cancel);
        return plane;
      }).subscribe(p -> next[0].run(), e -> {
        LOG.debug("warm-up stopped: {}", e.toString());
        warm.complete(null);
      });
    };
    next[0].run();
    return warm;
  }

  /** Completes when the kernel's warm-up planes have run (or stopped with the server). */
  public CompletableFuture<Void> warm() {
    return warm;
  }

  public int port() {
    return port;
  }

  /** Open viewer sockets. */
  public int sessions() {
    return sessions.get();
  }

  /** GD computations running now. */
  public int computing() {
    return pool.active();
  }

  /** GD computations waiting for a compute thread. */
  public int queued() {
    return pool.queued();
  }

  /** Sweep cells this server computed (not those it found stored). */
  public long sweepCellsComputed() {
    return sweeps.cellsComputed();
  }

  public TileService tiles() {
    return tiles;
  }

  private static void closeQuietly(SweepStore store) {
    try {
      store.close();
    } catch (SQLException e) {
      LOG.warn("database did not close cleanly: {}", e.toString());
    }
  }

  @Override
  public void close() {
    sweeps.close();
    zooms.close();
    reproductions.close();
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly: {}", e.toString());
    }
    pool.close();
    closeQuietly(store);
  }
}
