package dev.brink.server.compute;

import dev.brink.descent.Cancellation;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * Units of work (a line's chunks, a plane's bands) computed on the pool and delivered in order,
 * as many at a time as the cluster has compute threads, so a subscriber that stops asking
 * stops the computation.
 */
public final class OrderedWork {
  /** First and longest wait of background work for room in a full compute queue. */
  private static final long BUSY_FIRST_MS = 250;
  private static final long BUSY_MAX_MS = 4000;

  private final ComputePool pool;
  /** Compute threads of the cluster: this node's and the workers' that joined. */
  private final IntSupplier capacity;

  public OrderedWork(ComputePool pool, IntSupplier capacity) {
    this.pool = pool;
    this.capacity = capacity;
  }

  /** Interactive units. */
  public <T, R> Flowable<R> ordered(List<T> units, BiFunction<T, Cancellation, R> work) {
    return ordered(ComputePool.Priority.INTERACTIVE, units, work, null);
  }

  /** ... of a priority, each of which a node of the cluster may compute instead (remote). */
  public <T, R> Flowable<R> ordered(ComputePool.Priority priority, List<T> units,
      BiFunction<T, Cancellation, R> work, Function<T, RemoteJob<R>> remote) {
    return Flowable.fromIterable(units)
        .concatMapEager(u -> waitingIfBackground(priority, pool.single(priority,
            cancel -> work.apply(u, cancel), remote == null ? null : remote.apply(u)))
            .toFlowable(), capacity.getAsInt(), 1);
  }

  /** This node's compute threads. */
  public int threads() {
    return pool.threads();
  }

  /** This node's compute threads and the cluster's workers'. */
  public int capacity() {
    return capacity.getAsInt();
  }

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
