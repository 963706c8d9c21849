package dev.brink.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.line.LevelSummary;
import dev.brink.line.LineRun;
import dev.brink.line.LineSpec;
import dev.brink.plane.TileAddress;
import dev.brink.plane.TilePyramid;
import dev.brink.report.LevelJson;
import dev.brink.report.LineJson;
import io.reactivex.rxjava3.core.Flowable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * The frames of a view as a Flowable that computes only what is requested: at most
 * {@link ComputePool#threads()} tiles or chunks run ahead of the subscriber's demand, so a
 * viewer that stops asking stops its own computation.
 */
final class ViewStreams {
  static final GdRunner ON_CALLER = new GdRunner(1);

  private final ComputePool pool;
  private final TileService tiles;

  ViewStreams(ComputePool pool, TileService tiles) {
    this.pool = pool;
    this.tiles = tiles;
  }

  /** Tiles in the given order (nearest the centre first), each as soon as it is ready. */
  Flowable<Frame> plane(int view, TilePyramid pyramid, List<TileAddress> addresses) {
    long start = System.nanoTime();
    AtomicLong gdSteps = new AtomicLong();
    AtomicLong cached = new AtomicLong();
    return Flowable.fromIterable(addresses)
        .flatMapSingle(a -> tiles.tile(pyramid, a), false, pool.threads())
        .map(hit -> {
          if (hit.cached()) {
            cached.incrementAndGet();
          } else {
            gdSteps.addAndGet(hit.tile().gdSteps());
          }
          return Frame.binary(FrameCodec.tile(view, hit.tile(), hit.cached()));
        })
        .concatWith(Flowable.fromCallable(() -> {
          ObjectNode done = Messages.message("done", view);
          done.put("tiles", addresses.size());
          done.put("cached", cached.get());
          done.put("gd_steps", gdSteps.get());
          done.put("seconds", (System.nanoTime() - start) / 1e9);
          return Frame.text(done.toString());
        }));
  }

  /** Chunks of a line in order, each level followed by its N_B and alpha so far. */
  Flowable<Frame> line(int view, LineSpec spec) {
    LineRun run = new LineRun(spec);
    return ordered(run.chunks(), (chunk, cancel) -> run.compute(chunk, ON_CALLER, cancel))
        .concatMapIterable(computed -> {
          List<Frame> frames = new ArrayList<>(2);
          LevelSummary level = run.accept(computed);
          frames.add(Frame.binary(FrameCodec.line(view, computed.chunk(), computed.outcomes())));
          if (level != null) {
            ObjectNode o = Messages.message("level", view);
            o.setAll(LevelJson.of(level));
            frames.add(Frame.text(o.toString()));
          }
          if (run.complete()) {
            ObjectNode done = Messages.message("done", view);
            done.setAll(LineJson.of(run.result(), false, pool.threads()));
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
    return Flowable.fromIterable(units)
        .concatMapEager(u -> pool.single(priority, cancel -> work.apply(u, cancel)).toFlowable(),
            pool.threads(), 1);
  }
}
