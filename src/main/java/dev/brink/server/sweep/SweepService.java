package dev.brink.server.sweep;

import dev.brink.descent.GdRunner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.line.LineRun;
import dev.brink.line.LineSpec;
import dev.brink.report.SweepJson;
import dev.brink.store.SweepStore;
import dev.brink.sweep.CellResult;
import dev.brink.sweep.SweepSpec;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.brink.server.compute.ComputePool;
import dev.brink.server.protocol.Messages;
import dev.brink.server.protocol.SweepRequests;
import dev.brink.server.protocol.RefusedException;
import dev.brink.server.compute.OrderedWork;
import dev.brink.metrics.BrinkMeters;
import dev.brink.server.cluster.RemoteJobs;
import dev.brink.server.cluster.RemoteFailure;

/**
 * Runs sweeps as background jobs: cell after cell, each cell's line in chunks on the compute
 * pool below interactive work, each finished cell committed to the store at once. Unfinished
 * sweeps resume at start-up without recomputing stored cells. When the database cannot be
 * written (disk full, file read-only, locked) the sweep pauses with its finished cell held in
 * memory, retries with backoff and goes on once the write succeeds. Blocking: call from workers.
 */
public final class SweepService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SweepService.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A running sweep: its spec, what runs it, and when it started (for the ETA). */
  private record Running(SweepSpec spec, Disposable work, long startNanos, int doneAtStart,
      Runnable gauges) {
  }

  /** First and longest wait before writing again to a database that refused a write. */
  private static final long RETRY_FIRST_MS = 500;
  private static final long RETRY_MAX_MS = 8000;

  /** How often a running cell's line is saved: a kill then costs at most this of the cell. */
  private static final long CHECKPOINT_NANOS = 30_000_000_000L;
  private final long checkpointNanos;
  private final SweepStore store;
  private final OrderedWork work;
  private final BrinkMeters meters;
  private final int maxRunning;
  /** Sweeps waiting for the database to accept writes again, with the reason. */
  private final Map<Long, String> paused = new ConcurrentHashMap<>();
  private final Map<Long, Running> running = new ConcurrentHashMap<>();
  private final AtomicLong cellsComputed = new AtomicLong();
  private final Map<Long, Double> lastAlpha = new ConcurrentHashMap<>();
  private final Map<Long, AtomicLong> stored = new ConcurrentHashMap<>();
  /** When each running sweep last stored a cell (or started), for its stall alert. */
  private final Map<Long, AtomicLong> lastProgressMs = new ConcurrentHashMap<>();
  /** The state a sweep shows while its database writes fail; never stored. */
  static final String PAUSED = "paused";
  /** Sweeps that may wait for one of the --max-sweeps slots; beyond, new ones are refused. */
  public static final int MAX_QUEUED = 100;

  private final Map<Long, Set<Consumer<ObjectNode>>> watchers = new ConcurrentHashMap<>();

  public SweepService(SweepStore store, OrderedWork work, BrinkMeters meters, int maxRunning) {
    this(store, work, meters, maxRunning, CHECKPOINT_NANOS);
  }

  /** ... saving a running cell's line every checkpointNanos (tests: 0, after every chunk). */
  SweepService(SweepStore store, OrderedWork work, BrinkMeters meters, int maxRunning,
      long checkpointNanos) {
    this.checkpointNanos = checkpointNanos;
    this.store = store;
    this.work = work;
    this.meters = meters;
    this.maxRunning = maxRunning;
    meters.gauge("brink.sweeps.paused",
        "Sweeps paused because the database refuses writes (disk full, read-only)",
        paused::size);
  }

  /**
   * Calls the watcher with {"type": "cell", "sweep", "cell", "cells_done", "cells_total"} for
   * every cell of the sweep stored from now on, and {"type": "sweep", "sweep", "state"} when it
   * ends. Returns what stops the watching. Watchers run on compute threads: hand off, fast.
   */
  public Runnable watch(long sweep, Consumer<ObjectNode> watcher) {
    watchers.computeIfAbsent(sweep, k -> ConcurrentHashMap.newKeySet()).add(watcher);
    return () -> {
      Set<Consumer<ObjectNode>> set = watchers.get(sweep);
      if (set != null) {
        set.remove(watcher);
      }
    };
  }

  private void tell(long sweep, ObjectNode message) {
    Set<Consumer<ObjectNode>> set = watchers.get(sweep);
    if (set != null) {
      set.forEach(w -> w.accept(message));
    }
  }

  /** Cells computed (and stored) by this service since it started. */
  public long cellsComputed() {
    return cellsComputed.get();
  }

  /**
   * Restarts every sweep a previous run left unfinished: the running ones (up to --max-sweeps;
   * the rest wait again), then the queued ones in order as slots allow.
   */
  public synchronized void resumeAll() throws SQLException {
    for (long id : store.ids(SweepStore.RUNNING)) {
      SweepStore.SweepRow row = store.sweep(id).orElseThrow();
      if (running.size() < maxRunning) {
        LOG.info("resuming sweep {} at {} of {} cells", id, row.cellsDone(), row.cellsTotal());
        start(id, SweepRequests.parse(row.request()), row.request());
      } else {
        store.setState(id, SweepStore.QUEUED);
      }
    }
    startQueued();
    for (long id : store.ids(SweepStore.QUEUED)) {
      meters.sweepState(id, SweepStore.QUEUED, false);
    }
  }

  /**
   * Validates a request ({"family": ..., "grid": [...], ...}), stores it and starts it, or
   * queues it while --max-sweeps are running; refused when {@link #MAX_QUEUED} wait already.
   */
  public synchronized long create(JsonNode request) throws SQLException {
    SweepSpec spec = SweepRequests.parse(request.toString());
    boolean slot = running.size() < maxRunning;
    if (!slot && store.ids(SweepStore.QUEUED).size() >= MAX_QUEUED) {
      throw RefusedException.limit("sweeps", maxRunning + " sweeps run and " + MAX_QUEUED
          + " wait on this server (limit --max-sweeps and its queue); cancel one or wait");
    }
    long id = store.create(request.toString(), spec.cells(),
        slot ? SweepStore.RUNNING : SweepStore.QUEUED);
    if (slot) {
      LOG.info("sweep {} created: {} cells", id, spec.cells());
      start(id, spec, request.toString());
    } else {
      LOG.info("sweep {} queued: {} cells, {} sweeps running (--max-sweeps)", id, spec.cells(),
          running.size());
      meters.sweepState(id, SweepStore.QUEUED, false);
    }
    return id;
  }

  /**
   * Stops a queued or running sweep; its stored cells stay. Returns false when there is no such
   * sweep; refused (conflict) when it has ended, which leaves it as it is.
   */
  public synchronized boolean cancel(long id) throws SQLException {
    var row = store.sweep(id);
    if (row.isEmpty()) {
      return false;
    }
    if (!store.cancelUnfinished(id)) {
      throw RefusedException.conflict("state", "sweep " + id + " is " + row.get().state()
          + "; only a queued or running sweep can be cancelled");
    }
    Running r = running.remove(id);
    if (r != null) {
      r.work().dispose();
      r.gauges().run();
    }
    paused.remove(id);
    announce(id, SweepStore.CANCELLED, null);
    LOG.info("sweep {} cancelled", id);
    startQueued();
    return true;
  }

  /** Starts queued sweeps, oldest first, while fewer than --max-sweeps run. */
  private synchronized void startQueued() throws SQLException {
    for (long id : store.ids(SweepStore.QUEUED)) {
      if (running.size() >= maxRunning) {
        return;
      }
      SweepStore.SweepRow row = store.sweep(id).orElseThrow();
      store.setState(id, SweepStore.RUNNING);
      LOG.info("sweep {} starts after waiting: {} cells", id, row.cellsTotal());
      announce(id, SweepStore.RUNNING, null);
      start(id, SweepRequests.parse(row.request()), row.request());
    }
  }

  /** Every sweep with its progress. */
  public List<ObjectNode> list() throws SQLException {
    List<ObjectNode> out = new ArrayList<>();
    for (SweepStore.SweepRow row : store.sweeps()) {
      out.add(summary(row));
    }
    return out;
  }

  /** One sweep with its progress and cells, or null. */
  public ObjectNode show(long id) throws SQLException {
    var row = store.sweep(id);
    if (row.isEmpty()) {
      return null;
    }
    ObjectNode o = summary(row.get());
    var cells = o.putArray("cells");
    for (String c : store.cells(id)) {
      cells.add(SweepRequests.read(c));
    }
    return o;
  }

  /** The sweep's cells as CSV, or null. */
  public String csv(long id) throws SQLException {
    var row = store.sweep(id);
    if (row.isEmpty()) {
      return null;
    }
    SweepSpec spec = SweepRequests.parse(row.get().request());
    List<CellResult> cells = new ArrayList<>();
    for (String c : store.cells(id)) {
      cells.add(SweepJson.cellFromJson(SweepRequests.read(c), spec));
    }
    return SweepJson.csv(spec, cells);
  }

  private ObjectNode summary(SweepStore.SweepRow row) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", row.id());
    String pause = paused.get(row.id());
    o.put("state", pause != null ? PAUSED : row.state());
    if (pause != null) {
      o.put("error", pause);
    } else if (row.error() != null) {
      o.put("error", row.error());
    }
    o.put("created", row.created());
    o.put("cells_done", row.cellsDone());
    o.put("cells_total", row.cellsTotal());
    Running r = running.get(row.id());
    if (r != null) {
      int doneNow = row.cellsDone() - r.doneAtStart();
      double seconds = (System.nanoTime() - r.startNanos()) / 1e9;
      if (doneNow > 0) {
        o.put("eta_seconds", seconds / doneNow * (row.cellsTotal() - row.cellsDone()));
      } else {
        o.putNull("eta_seconds");
      }
    }
    o.set("request", SweepRequests.read(row.request()));
    return o;
  }

  /** Runs the sweep's missing cells; request is the sweep as stored (workers rebuild it). */
  private void start(long id, SweepSpec spec, String request) throws SQLException {
    Set<Integer> done = store.doneCells(id);
    List<Integer> todo = new ArrayList<>();
    for (int i = 0; i < spec.cells(); i++) {
      if (!done.contains(i)) {
        todo.add(i);
      }
    }
    AtomicLong storedCells = new AtomicLong(done.size());
    stored.put(id, storedCells);
    AtomicLong progressMs = new AtomicLong(System.currentTimeMillis());
    lastProgressMs.put(id, progressMs);
    Runnable gauges = meters.runningSweep(id, storedCells::get, spec.cells(),
        () -> lastAlpha.getOrDefault(id, Double.NaN), () -> progressMs.get() / 1000.0);
    meters.sweepState(id, SweepStore.RUNNING, false);
    Disposable work = Flowable.fromIterable(todo)
        .concatMapCompletable(cell -> computeCell(id, spec, request, cell), 1)
        .subscribe(() -> finish(id), error -> fail(id, error));
    running.put(id, new Running(spec, work, System.nanoTime(), done.size(), gauges));
  }

  /**
   * One cell: its line's chunks on the pool at background priority (or on other nodes of a
   * cluster), then stored.
   */
  private Completable computeCell(long id, SweepSpec spec, String request, int cell) {
    return Completable.defer(() -> {
      LineRun run = resumed(id, cell, spec.line(cell));
      AtomicLong lastSaved = new AtomicLong(System.nanoTime());
      return work.ordered(ComputePool.Priority.BACKGROUND, run.remaining(),
              (k, cancel) -> run.compute(run.chunks().get(k), GdRunner.ON_CALLER, cancel),
              k -> RemoteJobs.lineChunk(request, cell, run, k))
          // A worker's chunk arrives on the event loop: the line's accounting, its checkpoints
          // and the stored cell are database and CPU work, in order on one I/O thread.
          .observeOn(Schedulers.io())
          .doOnNext(computed -> {
            meters.computed(spec.line(cell).config().family(), computed.outcomes(),
                computed.chunk().count());
            run.accept(computed);
            if (!run.complete() && System.nanoTime() - lastSaved.get() >= checkpointNanos) {
              saveCheckpoint(id, cell, run);
              lastSaved.set(System.nanoTime());
            }
          })
          .ignoreElements()
          .andThen(Single.fromCallable(() -> {
            CellResult result = CellResult.of(spec, cell, run.result());
            ObjectNode json = SweepJson.cell(result);
            meters.sweepCell(result.alpha());
            lastAlpha.put(id, result.alpha());
            return json;
          }))
          .flatMapCompletable(json -> durably(id, () -> {
            if (store.saveCell(id, cell, json.toString())) {
              stored.get(id).incrementAndGet();
              AtomicLong progress = lastProgressMs.get(id);
              if (progress != null) {
                progress.set(System.currentTimeMillis());
              }
            }
            cellsComputed.incrementAndGet();
            ObjectNode message = Messages.message("cell", -1);
            message.put("sweep", id);
            message.set("cell", json);
            message.put("cells_done", stored.get(id).get());
            message.put("cells_total", spec.cells());
            tell(id, message);
          }));
    });
  }

  /** The cell's line from its checkpoint, if one was saved and is whole, else a new one. */
  private LineRun resumed(long id, int cell, LineSpec line) {
    try {
      java.util.Optional<byte[]> saved = store.cellCheckpoint(id, cell);
      if (saved.isPresent()) {
        LineRun run = LineRun.resume(line, Math.min(line.levels(), LineRun.KEPT_LEVELS),
            saved.get());
        LOG.info("sweep {} cell {} resumed at chunk {} of {}", id, cell, run.accepted(),
            run.chunks().size());
        return run;
      }
    } catch (SQLException | IllegalArgumentException e) {
      LOG.warn("sweep {} cell {}: its checkpoint cannot be used ({}); computed afresh", id, cell,
          e.getMessage());
    }
    return new LineRun(line);
  }

  /**
   * Saves a running cell's line. A checkpoint the database refuses is skipped, not retried: the
   * cell goes on, and a restart then recomputes more of it.
   */
  private void saveCheckpoint(long id, int cell, LineRun run) {
    try {
      store.saveCellCheckpoint(id, cell, run.checkpoint());
    } catch (SQLException e) {
      LOG.warn("sweep {} cell {}: checkpoint not saved ({})", id, cell, e.getMessage());
    }
  }

  /** A database write of a sweep, retried with backoff while the database refuses it. */
  private Completable durably(long id, io.reactivex.rxjava3.functions.Action write) {
    AtomicLong waitMs = new AtomicLong(RETRY_FIRST_MS / 2);
    return Completable.fromAction(write)
        .retryWhen(errors -> errors.flatMap(e -> {
          if (!(e instanceof SQLException) || !running.containsKey(id)) {
            return Flowable.error(e);
          }
          String reason = Messages.storageProblem(e);
          if (paused.put(id, reason) == null) {
            LOG.error("sweep {} paused: {}; its finished cells are kept and it goes on when the"
                + " database accepts writes again", id, reason);
            announce(id, PAUSED, reason);
          }
          long ms = Math.min(RETRY_MAX_MS, waitMs.updateAndGet(w -> w * 2));
          return Flowable.timer(ms, TimeUnit.MILLISECONDS, Schedulers.io());
        }))
        .doOnComplete(() -> {
          if (paused.remove(id) != null) {
            LOG.info("sweep {} goes on: the database accepts writes again", id);
            announce(id, SweepStore.RUNNING, null);
          }
        });
  }

  private void finish(long id) {
    durably(id, () -> store.endRunning(id, SweepStore.DONE, null)).subscribe(() -> {
      stopGauges(running.remove(id));
      announce(id, SweepStore.DONE, null);
      LOG.info("sweep {} done", id);
      startQueued();
    }, error -> fail(id, error));
  }

  /** A new state: to the sweep's watchers, with the reason if any, and to its meter. */
  private void announce(long id, String state, String error) {
    ObjectNode o = Messages.message("sweep", -1);
    o.put("sweep", id);
    o.put("state", state);
    if (error != null) {
      o.put("error", error);
    }
    tell(id, o);
    boolean ended = state.equals(SweepStore.DONE) || state.equals(SweepStore.CANCELLED)
        || state.equals(SweepStore.FAILED);
    if (ended) {
      lastProgressMs.remove(id);
    }
    meters.sweepState(id, state, ended);
  }

  private static void stopGauges(Running r) {
    if (r != null) {
      r.gauges().run();
    }
  }

  /**
   * A sweep that cannot go on (not a full compute queue, which waits, nor a database refusing
   * writes, which pauses): failed, with the reason, in the store and to its watchers; its slot
   * goes to the next queued sweep.
   */
  private void fail(long id, Throwable error) {
    paused.remove(id);
    stopGauges(running.remove(id));
    boolean known = Messages.isClientError(error) || error instanceof RemoteFailure;
    String reason = known ? error.getMessage() : "computing a cell failed ("
        + error.getClass().getSimpleName() + "); the server log has the details";
    if (known) {
      LOG.error("sweep {} failed: {}", id, reason);
    } else {
      LOG.error("sweep {} failed: {}", id, reason, error);
    }
    try {
      store.endRunning(id, SweepStore.FAILED, reason);
      startQueued();
    } catch (SQLException e) {
      // Still running in the store: the next start resumes it.
      LOG.error("sweep {} failed and its state could not be stored: {}", id,
          Messages.storageProblem(e));
    }
    announce(id, SweepStore.FAILED, reason);
  }

  @Override
  public void close() {
    running.values().forEach(r -> {
      r.work().dispose();
      r.gauges().run();
    });
    running.clear();
  }
}
