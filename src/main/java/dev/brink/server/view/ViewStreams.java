package dev.brink.server.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.ArrayList;
import java.util.List;
import dev.brink.server.compute.OrderedWork;
import dev.brink.server.protocol.Messages;
import dev.brink.server.protocol.Frame;
import dev.brink.server.protocol.FrameCodec;

/**
 * The frames of a view as a Flowable that computes only what is requested: at most
 * as many tiles or chunks as the cluster has compute threads run ahead of the subscriber's demand, so a
 * viewer that stops asking stops its own computation.
 */
public final class ViewStreams {
  private final OrderedWork work;
  private final TileService tiles;
  private final BrinkMeters meters;

  public ViewStreams(OrderedWork work, TileService tiles, BrinkMeters meters) {
    this.work = work;
    this.tiles = tiles;
    this.meters = meters;
  }

  /**
   * Records a computed chunk's GD work, then accepts it into its line (one that keeps every
   * level, as views and REST lines do); returns the level it completes, or null.
   */
  public LevelSummary accept(LineRun run, LineRun.ComputedChunk computed) {
    meters.computed(run.spec().config().family(), computed.outcomes(), computed.chunk().count());
    List<LevelSummary> done = run.accept(computed);
    return done.isEmpty() ? null : done.get(0);
  }

  public BrinkMeters meters() {
    return meters;
  }

  /** The pool's ordered work, for REST answers computed as views are. */
  public OrderedWork work() {
    return work;
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
        .flatMapSingle(t -> tiles.tile(t, params), false, work.capacity())
        .observeOn(Schedulers.computation(), false, 1)
        .concatMapIterable(frames::frames, 1)
        .concatWith(Flowable.fromCallable(() -> frames.done(GdRunner.ON_CALLER.kernel())));
  }

  /** Chunks of a line in order, each level followed by its N_B and alpha so far. */
  Flowable<Frame> line(int view, LineSpec spec) {
    // Every level kept: the frames carry every point (the server's --max-levels is <= 30).
    LineRun run = new LineRun(spec, spec.levels());
    return work.ordered(run.chunks(),
            (chunk, cancel) -> run.compute(chunk, GdRunner.ON_CALLER, cancel))
        .concatMapIterable(computed -> {
          List<Frame> frames = new ArrayList<>(2);
          LevelSummary level = accept(run, computed);
          frames.add(Frame.binary(FrameCodec.line(view, computed.chunk(), computed.outcomes(),
              spec.config().family())));
          if (level != null) {
            ObjectNode o = Messages.message("level", view);
            o.setAll(LevelJson.of(level));
            frames.add(Frame.text(o.toString()));
          }
          if (run.complete()) {
            ObjectNode done = Messages.message("done", view);
            done.setAll(LineJson.of(run.result(), false, work.threads(),
                GdRunner.ON_CALLER.kernel()));
            frames.add(Frame.text(done.toString()));
          }
          return frames;
        }, 1);
  }
}
