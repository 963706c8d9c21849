package dev.brink.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.fractal.BoxCount2D;
import dev.brink.metrics.BrinkMeters;
import dev.brink.line.LevelSummary;
import dev.brink.line.LineRun;
import dev.brink.line.LineSpec;
import dev.brink.plane.TileAddress;
import dev.brink.plane.TileMosaic;
import dev.brink.plane.TilePyramid;
import dev.brink.report.LevelJson;
import dev.brink.report.LineJson;
import io.reactivex.rxjava3.core.Flowable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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

  /** Views at least this many pixels on each side get the boundary's dimension. */
  static final int DIMENSION_MIN_SIDE = 256;

  /**
   * Tiles in the given order (nearest the centre first), as soon as they are ready, and for
   * views of at least 256 x 256 pixels the boundary's box-counting dimension over the tiles so
   * far, every 4 tiles and at the end. Frames are built on the pool, never on the event loop.
   */
  Flowable<Frame> plane(int view, TilePyramid pyramid, List<TileAddress> addresses,
      String params) {
    long start = System.nanoTime();
    AtomicLong gdSteps = new AtomicLong();
    AtomicLong cached = new AtomicLong();
    TileMosaic mosaic = mosaic(addresses);
    // Computed in parallel, one per compute thread of the cluster, and sent in request order:
    // nearest the centre first.
    return Flowable.fromIterable(addresses)
        .concatMapEager(a -> tiles.tile(pyramid, a, params)
            .flatMap(hit -> pool.single(cancel -> frames(view, hit, mosaic, addresses.size(),
                gdSteps, cached))).toFlowable(), capacity.getAsInt(), 1)
        .concatMapIterable(frames -> frames, 1)
        .concatWith(Flowable.fromCallable(() -> {
          ObjectNode done = Messages.message("done", view);
          done.put("tiles", addresses.size());
          done.put("cached", cached.get());
          done.put("gd_steps", gdSteps.get());
          done.put("seconds", (System.nanoTime() - start) / 1e9);
          return Frame.text(done.toString());
        }));
  }

  /** A tile's frame, and the dimension so far after every 4th tile and the last. */
  private static List<Frame> frames(int view, TileService.Hit hit, TileMosaic mosaic, int total,
      AtomicLong gdSteps, AtomicLong cached) {
    if (hit.cached()) {
      cached.incrementAndGet();
    } else {
      gdSteps.addAndGet(hit.tile().gdSteps());
    }
    List<Frame> frames = new ArrayList<>(2);
    frames.add(Frame.tile(FrameCodec.tile(view, hit.tile(), hit.cached())));
    synchronized (mosaic) {
      mosaic.add(hit.tile());
      boolean big = mosaic.width() >= DIMENSION_MIN_SIDE
          && mosaic.height() >= DIMENSION_MIN_SIDE;
      if (big && (mosaic.tiles() % 4 == 0 || mosaic.tiles() == total)) {
        frames.add(Frame.text(dimension(view, mosaic).toString()));
      }
    }
    return frames;
  }

  private static TileMosaic mosaic(List<TileAddress> addresses) {
    long x0 = Long.MAX_VALUE;
    long y0 = Long.MAX_VALUE;
    long x1 = Long.MIN_VALUE;
    long y1 = Long.MIN_VALUE;
    for (TileAddress a : addresses) {
      x0 = Math.min(x0, a.x());
      y0 = Math.min(y0, a.y());
      x1 = Math.max(x1, a.x());
      y1 = Math.max(y1, a.y());
    }
    return new TileMosaic(addresses.get(0).z(), x0, y0, x1, y1);
  }

  private static ObjectNode dimension(int view, TileMosaic mosaic) {
    BoxCount2D.Result r = BoxCount2D.measure(mosaic);
    ObjectNode o = Messages.message("dimension", view);
    o.put("dimension", r.dimension());
    o.put("dimension_se", r.fit().standardError());
    o.put("sizes_used", r.fit().points());
    o.put("tiles", mosaic.tiles());
    o.put("width", mosaic.width());
    o.put("height", mosaic.height());
    ArrayNode counts = o.putArray("counts");
    for (long c : r.counts()) {
      counts.add(c);
    }
    return o;
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
        .concatMapEager(u -> pool.single(priority, cancel -> work.apply(u, cancel),
            remote == null ? null : remote.apply(u)).toFlowable(), capacity.getAsInt(), 1);
  }
}
