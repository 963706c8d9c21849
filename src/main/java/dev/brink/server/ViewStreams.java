package dev.brink.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.metrics.BrinkMeters;
import dev.brink.line.LevelSummary;
import dev.brink.line.LineRun;
import dev.brink.line.LineSpec;
import dev.brink.plane.ViewPlan;
import dev.brink.report.LevelJson;
import dev.brink.report.LineJson;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.core.Single;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The frames of a view as a Flowable that computes only what is requested: at most
 * {@link ComputePool#threads()} tiles or chunks run ahead of the subscriber's demand, so a
 * viewer that stops asking stops its own computation.
 */
final class ViewStreams {
  static final GdRunner ON_CALLER = new GdRunner(1);

  private final ComputePool pool;
  private final TileService tiles;
  private final BrinkMeters meters;
  /** Compute threads of the cluster: this node's and the workers' that joined. */
  private final IntSupplier capacity;

  ViewStreams(ComputePool pool, TileService tiles, BrinkMeters meters, IntSupplier capacity) {
    this.pool = pool;
    this.tiles = tiles;
    this.meters = meters;
    this.capacity = capacity;
  }

  /** Records a computed chunk's GD work, then accepts it into its line. */
  LevelSummary accept(LineRun run, LineRun.ComputedChunk computed) {
    meters.computed(run.spec().config().family(), computed.outcomes(), computed.chunk().count());
    return run.accept(computed);
  }

  BrinkMeters meters() {
    return meters;
  }

  /**
   * A plane view's frames: its tiles started level by level, nearest the focus first within a
   * level (ViewPlan), up to one per compute thread of the cluster at a time, each sent as soon
   * as it is done (so a slow tile holds up no thread), with the messages PlaneFrames adds, then
   * "done". Frames are built off the event loop.
   */
  Flowable<Frame> plane(int view, ViewPlan plan, String params) {
    PlaneFrames frames = new PlaneFrames(view, plan);
    // One at a time, on a computation thread: a cached tile arrives on the thread that asked
    // for it, which may be the socket's event loop.
    return Flowable.fromIterable(plan.tiles())
        .flatMapSingle(t -> tiles.tile(t, params), false, capacity.getAsInt())
        .observeOn(Schedulers.computation(), false, 1)
        .concatMapIterable(frames::frames, 1)
        .concatWith(Flowable.fromCallable(() -> frames.done(ON_CALLER.kernel())));
  }

  /** Chunks of a line in order, each level followed by its N_B and alpha so far. */
  Flowable<Frame> line(int view, LineSpec spec) {
    LineRun run = new LineRun(spec);
    return ordered(run.chunks(), (chunk, cancel) -> run.compute(chunk, ON_CALLER, cancel))
        .concatMapIterable(computed -> {
          List<Frame> frames = new ArrayList<>(2);
          LevelSummary level = accept(run, computed);
          frames.add(Frame.binary(FrameCodec.line(view, computed.chunk(), computed.outcomes())));
          if (level != null) {
            ObjectNode o = Messages.message("level", view);
            o.setAll(LevelJson.of(level));
            frames.add(Frame.text(o.toString()));
          }
          if (run.complete()) {
            ObjectNode done = Messages.message("done", view);
            done.setAll(LineJson.of(run.result(), false, pool.threads(), ON_CALLER.kernel()));
            frames.add(Frame.text(done.toString()));
          }
          return frames;
        }, 1);
  }

  /**
   * Work units computed on the pool, up to one per compute thread at a time, delivered in order.
   */
  <T, R> Flowable<R> ordered(List<T> units, BiFunction<T, Cancellation, R> work) {
    return ordered(ComputePool.Priority.INTERACTIVE, units, work);
  }

  <T, R> Flowable<R> ordered(ComputePool.Priority priority, List<T> units,
      BiFunction<T, Cancellation, R> work) {
    return ordered(priority, units, work, null);
  }

  /**
   * ... each of which a node of the cluster may compute instead; as many at a time as the
   * cluster has compute threads.
   */
  <T, R> Flowable<R> ordered(ComputePool.Priority priority, List<T> units,
      BiFunction<T, Cancellation, R> work, Function<T, RemoteJob<R>> remote) {
    return Flowable.fromIterable(units)
        .concatMapEager(u -> waitingIfBackground(priority, pool.single(priority,
            cancel -> work.apply(u, cancel), remote == null ? null : remote.apply(u)))
            .toFlowable(), capacity.getAsInt(), 1);
  }

  /** First and longest wait of background work for room in a full compute queue. */
  private static final long BUSY_FIRST_MS = 250;
  private static final long BUSY_MAX_MS = 4000;

  /**
   * Background work (sweeps) that finds the compute queue full waits and tries again, with
   * backoff, for as long as it takes; a viewer's work is refused at once (busy), so that the
   * viewer can say so.
   */
  private static <R> Single<R> waitingIfBackground(ComputePool.Priority priority,
      Single<R> work) {
    if (priority != ComputePool.Priority.BACKGROUND) {
      return work;
    }
    long[] waitMs = {BUSY_FIRST_MS / 2};
    return work.retryWhen(errors -> errors.flatMap(e -> {
      if (!(e instanceof BusyException)) {
        return Flowable.error(e);
      }
      waitMs[0] = Math.min(BUSY_MAX_MS, waitMs[0] * 2);
      return Flowable.timer(waitMs[0], TimeUnit.MILLISECONDS, Schedulers.io());
    }));
  }
}
