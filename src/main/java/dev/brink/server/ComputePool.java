package dev.brink.server;

import dev.brink.descent.Cancellation;
import io.reactivex.rxjava3.core.Single;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The threads that run GD, never an event loop. Interactive work (tiles, lines, REST) always
 * runs before background work (sweeps) waiting in the queue, so a sweep delays a viewer by at
 * most the chunks already running. The queue is bounded: beyond it new work is refused with
 * {@link BusyException} instead of queuing without bound.
 */
public final class ComputePool implements AutoCloseable {
  /** Which work goes first. */
  public enum Priority { INTERACTIVE, BACKGROUND }

  /** Queued work, ordered by priority, then first come first served. */
  private static final class Task implements Runnable, Comparable<Task> {
    final Priority priority;
    final long sequence;
    final Runnable body;

    Task(Priority priority, long sequence, Runnable body) {
      this.priority = priority;
      this.sequence = sequence;
      this.body = body;
    }

    @Override
    public void run() {
      body.run();
    }

    @Override
    public int compareTo(Task o) {
      int c = priority.compareTo(o.priority);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }

  private final ThreadPoolExecutor executor;
  private final int queueBound;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicLong sequence = new AtomicLong();

  public ComputePool(int threads, int queueBound) {
    AtomicInteger serial = new AtomicInteger();
    this.queueBound = queueBound;
    executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new PriorityBlockingQueue<>(), r -> {
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

  /** Interactive work; see {@link #single(Priority, Function)}. */
  public <T> Single<T> single(Function<Cancellation, T> work) {
    return single(Priority.INTERACTIVE, work);
  }

  /**
   * Work that runs on the pool when subscribed. Disposing the Single raises the Cancellation the
   * work receives (and skips the work if it has not started), so cancelled views stop.
   */
  public <T> Single<T> single(Priority priority, Function<Cancellation, T> work) {
    return Single.create(emitter -> {
      if (queued() >= queueBound) {
        emitter.tryOnError(new BusyException("the server is busy: " + queued()
            + " computations are waiting; try again shortly"));
        return;
      }
      AtomicBoolean cancelled = new AtomicBoolean();
      emitter.setCancellable(() -> cancelled.set(true));
      try {
        executor.execute(new Task(priority, sequence.incrementAndGet(), () -> {
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
        }));
      } catch (RejectedExecutionException e) {
        emitter.tryOnError(new BusyException("the server is shutting down"));
      }
    });
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
