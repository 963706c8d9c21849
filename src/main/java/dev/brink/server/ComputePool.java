package dev.brink.server;

import dev.brink.descent.Cancellation;
import io.reactivex.rxjava3.core.Single;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The threads that run GD, never an event loop. Work waits in a bounded queue; when it is full
 * new work is refused with {@link BusyException} instead of queuing without bound.
 */
public final class ComputePool implements AutoCloseable {
  private final ThreadPoolExecutor executor;
  private final AtomicInteger active = new AtomicInteger();

  public ComputePool(int threads, int queueBound) {
    AtomicInteger serial = new AtomicInteger();
    executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queueBound), r -> {
          Thread t = new Thread(r, "brink-compute-" + serial.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  public int threads() {
    return executor.getCorePoolSize();
  }

  /** Computations running now. */
  public int active() {
    return active.get();
  }

  /** Computations waiting for a thread. */
  public int queued() {
    return executor.getQueue().size();
  }

  /**
   * Work that runs on the pool when subscribed. Disposing the Single raises the Cancellation the
   * work receives (and skips the work if it has not started), so cancelled views stop.
   */
  public <T> Single<T> single(Function<Cancellation, T> work) {
    return Single.create(emitter -> {
      AtomicBoolean cancelled = new AtomicBoolean();
      Future<?> future;
      try {
        future = executor.submit(() -> {
          if (cancelled.get()) {
            return;
          }
          active.incrementAndGet();
          try {
            emitter.onSuccess(work.apply(cancelled::get));
          } catch (Throwable e) {
            emitter.tryOnError(e);
          } finally {
            active.decrementAndGet();
          }
        });
      } catch (RejectedExecutionException e) {
        emitter.tryOnError(new BusyException("the server is busy: " + queued()
            + " computations are waiting; try again shortly"));
        return;
      }
      emitter.setCancellable(() -> {
        cancelled.set(true);
        future.cancel(false);
      });
    });
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
