package dev.brink.server.reproduce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.line.LineResult;
import dev.brink.line.LineRun;
import dev.brink.line.LineSpec;
import dev.brink.metrics.BrinkMeters;
import dev.brink.reproduce.LineEngine;
import dev.brink.server.cluster.RemoteJobs;
import dev.brink.server.compute.ComputePool;
import dev.brink.server.compute.OrderedWork;
import dev.brink.server.protocol.LineDescriptions;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import io.reactivex.rxjava3.disposables.Disposable;

/**
 * A reproduction's lines as a sweep's cells are computed: their chunks on the compute pool at
 * background priority (live views first), or on the cluster's worker nodes, delivered in order
 * to the reproduction's own thread, which waits for them (it is no event loop) and keeps the
 * line's accounting and checkpoints.
 */
final class PoolLines implements LineEngine {
  private final OrderedWork work;
  private final BrinkMeters meters;

  PoolLines(OrderedWork work, BrinkMeters meters) {
    this.work = work;
    this.meters = meters;
  }

  @Override
  public LineResult finish(LineRun run, Cancellation cancel, Consumer<LineRun> checkpoint,
      long everyNanos) {
    ObjectNode described = describable(run.spec());
    Iterator<LineRun.ComputedChunk> computed = work.ordered(ComputePool.Priority.BACKGROUND,
        run.remaining(), (k, c) -> run.compute(run.chunks().get(k), GdRunner.ON_CALLER, c),
        described == null ? null : k -> RemoteJobs.lineChunk(described, run, k))
        .blockingIterable(Math.max(2, work.capacity())).iterator();
    long last = System.nanoTime();
    try {
      while (computed.hasNext()) {
        if (cancel.isCancelled()) {
          throw new CancellationException("cancelled");
        }
        LineRun.ComputedChunk c = computed.next();
        meters.computed(run.spec().config().family(), c.outcomes(), c.chunk().count());
        run.accept(c);
        if (!run.complete() && System.nanoTime() - last >= everyNanos) {
          checkpoint.accept(run);
          last = System.nanoTime();
        }
      }
    } finally {
      // Stops the chunks in flight, here and on other nodes, when this ends early.
      ((Disposable) computed).dispose();
    }
    checkpoint.accept(run);
    return run.result();
  }

  /** The line as a worker node can be told it; null (this node only) when it cannot be. */
  private static ObjectNode describable(LineSpec line) {
    ObjectNode d = LineDescriptions.describe(line);
    try {
      return d != null && LineDescriptions.read(d).equals(line) ? d : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
