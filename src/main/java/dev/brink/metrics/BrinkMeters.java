package dev.brink.metrics;

import dev.brink.descent.Outcomes;
import dev.brink.landscape.Family;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * brink's own meters (docs/metrics.md), all prefixed brink_ in Prometheus. They are updated per
 * tile, per line chunk or per sweep cell, never per GD step; tags are low-cardinality (family,
 * outcome, a running sweep's id), never a parameter value or a pixel.
 */
public final class BrinkMeters {
  private final MeterRegistry registry;
  private final AtomicInteger sessions = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Timer tileCompute;
  private final Counter tilesComputed;
  private final Counter tilesSent;
  private final Counter tilesCancelled;
  private final Counter tilesCached;
  private final Counter backpressure;
  private final DistributionSummary alpha;

  /**
   * A Prometheus registry with the tag application="brink" on every series and the JVM and
   * process binders. The tag is set before anything registers a meter, so Vert.x's meters get
   * it too.
   */
  public static PrometheusMeterRegistry prometheus() {
    return prometheus(null);
  }

  /** ... and, in a cluster, the tag node="ADDRESS/PID" naming this node on every series. */
  public static PrometheusMeterRegistry prometheus(String node) {
    PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    r.config().commonTags("application", "brink");
    if (node != null) {
      r.config().commonTags("node", node);
    }
    new JvmMemoryMetrics().bindTo(r);
    new JvmGcMetrics().bindTo(r);
    new JvmThreadMetrics().bindTo(r);
    new ClassLoaderMetrics().bindTo(r);
    new ProcessorMetrics().bindTo(r);
    new UptimeMetrics().bindTo(r);
    return r;
  }

  public BrinkMeters(MeterRegistry registry) {
    this.registry = registry;
    tileCompute = Timer.builder("brink.tile.compute")
        .description("Time to compute one tile on a compute thread")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(60)).register(registry);
    tilesComputed = Counter.builder("brink.tiles.computed").description("Tiles computed")
        .register(registry);
    tilesSent = Counter.builder("brink.tiles.sent").description("Tiles written to viewers")
        .register(registry);
    tilesCancelled = Counter.builder("brink.tiles.cancelled")
        .description("Tile computations stopped because every viewer left").register(registry);
    tilesCached = Counter.builder("brink.tiles.cached")
        .description("Tiles served from the cache").register(registry);
    backpressure = Counter.builder("brink.backpressure.pauses")
        .description("Times a view's stream paused on a full socket write queue")
        .register(registry);
    alpha = DistributionSummary.builder("brink.sweep.alpha")
        .description("Boundary dimension alpha of finished sweep cells")
        .serviceLevelObjectives(0.1, 0.25, 0.5, 0.75, 0.9, 1.0, 1.25)
        .register(registry);
    Gauge.builder("brink.sessions.active", sessions, AtomicInteger::get)
        .description("Open viewer WebSockets").register(registry);
    Gauge.builder("brink.tiles.in.flight", inFlight, AtomicInteger::get)
        .description("Binary frames sent and not yet acknowledged, all viewers")
        .register(registry);
    for (Family f : Family.values()) {
      gdSteps(f);
      trajectories(f, "bounded");
      trajectories(f, "divergent");
    }
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The GD work of `count` trajectories of a family: steps executed and outcomes. */
  public void computed(Family family, Outcomes outcomes, int count) {
    int divergent = outcomes.divergentCount(count);
    gdSteps(family).increment(outcomes.gdSteps(count));
    trajectories(family, "divergent").increment(divergent);
    trajectories(family, "bounded").increment(count - divergent);
  }

  /** One GD run of a family (the trajectory inspector). */
  public void computedRun(Family family, int steps, boolean divergent) {
    gdSteps(family).increment(steps);
    trajectories(family, divergent ? "divergent" : "bounded").increment();
  }

  public void tileComputed(double seconds) {
    tilesComputed.increment();
    tileCompute.record(Duration.ofNanos((long) (seconds * 1e9)));
  }

  public void tileSent() {
    tilesSent.increment();
  }

  public void tileCancelled() {
    tilesCancelled.increment();
  }

  public void tileCached() {
    tilesCached.increment();
  }

  public void backpressurePause() {
    backpressure.increment();
  }

  public AtomicInteger sessions() {
    return sessions;
  }

  /** Adds delta (may be negative) to the frames in flight of all viewers. */
  public void inFlight(int delta) {
    inFlight.addAndGet(delta);
  }

  /** Gauges of a queue or pool, read when scraped. */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  public void sweepCell(double cellAlpha) {
    alpha.record(cellAlpha);
  }

  /** How long an ended sweep's state stays a series, for alerts and dashboards to see it. */
  public static final long ENDED_STATE_MINUTES = 60;
  private static final java.util.concurrent.ScheduledExecutorService LATER =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "brink-meters-expiry");
        t.setDaemon(true);
        return t;
      });
  private final java.util.Map<Long, Gauge> sweepStates =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A sweep's state as brink_sweep_state{sweep, state} = 1, one series per sweep: queued,
   * running, paused, done, cancelled or failed. An ended sweep's series stays for
   * {@link #ENDED_STATE_MINUTES}, then goes.
   */
  public void sweepState(long id, String state, boolean ended) {
    Gauge now = Gauge.builder("brink.sweep.state", () -> 1)
        .tags("sweep", Long.toString(id), "state", state)
        .description("1 for each sweep, its state as a label").register(registry);
    Gauge before = sweepStates.put(id, now);
    if (before != null && before != now) {
      registry.remove(before);
    }
    if (ended) {
      LATER.schedule(() -> {
        if (sweepStates.remove(id, now)) {
          registry.remove(now);
        }
      }, ENDED_STATE_MINUTES, java.util.concurrent.TimeUnit.MINUTES);
    }
  }

  /**
   * The gauges of a running sweep (tag sweep): cells done, cells total, the last cell's alpha,
   * when it last stored a cell (or started). Returns what removes them, called when the sweep
   * stops running.
   */
  public Runnable runningSweep(long id, Supplier<Number> done, int total,
      Supplier<Number> lastAlpha, Supplier<Number> lastProgressSeconds) {
    Tags tags = Tags.of("sweep", Long.toString(id));
    List<Gauge> gauges = List.of(
        Gauge.builder("brink.sweep.last.progress.timestamp.seconds", lastProgressSeconds)
            .tags(tags).description("Unix time at which the running sweep last stored a cell "
                + "or started").register(registry),
        Gauge.builder("brink.sweep.cells.done", done).tags(tags)
            .description("Cells of a running sweep stored so far").register(registry),
        Gauge.builder("brink.sweep.cells.planned", () -> total).tags(tags)
            .description("Cells of a running sweep").register(registry),
        Gauge.builder("brink.sweep.last.alpha", lastAlpha).tags(tags)
            .description("Alpha of the running sweep's latest cell").register(registry));
    return () -> gauges.forEach(registry::remove);
  }

  private Counter gdSteps(Family f) {
    return Counter.builder("brink.gd.steps").tag("family", f.id())
        .description("GD steps (updates) executed").register(registry);
  }

  private Counter trajectories(Family f, String outcome) {
    return Counter.builder("brink.trajectories").tags("family", f.id(), "outcome", outcome)
        .description("GD runs finished, by outcome").register(registry);
  }
}
