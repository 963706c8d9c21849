package dev.brink.server.compute;

import dev.brink.descent.Cancellation;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.core.SingleEmitter;
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

  /**
   * Queued work, ordered by priority, then first come first served. Remotable work may be
   * claimed by another node instead ({@link #claimRemote}); whoever claims it first runs it.
   */
  public static final class Task<T> implements Runnable, Comparable<Task<?>> {
    final Priority priority;
    final long sequence;
    public final RemoteJob<T> remote;
    private final Function<Cancellation, T> work;
    private final SingleEmitter<T> emitter;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final ComputePool pool;
    /** Runs when the work is cancelled while another node holds it. */
    private volatile Runnable onRemoteCancel;

    Task(ComputePool pool, Priority priority, long sequence, Function<Cancellation, T> work,
        RemoteJob<T> remote, SingleEmitter<T> emitter) {
      this.pool = pool;
      this.priority = priority;
      this.sequence = sequence;
      this.work = work;
      this.remote = remote;
      this.emitter = emitter;
    }

    @Override
    public void run() {
      if (cancelled.get() || !claimed.compareAndSet(false, true)) {
        return;
      }
      if (remote != null && pool.onRemotable != null) {
        pool.remotable.remove(this);
      }
      pool.active.incrementAndGet();
      try {
        emitter.onSuccess(work.apply(cancelled::get));
      } catch (Throwable e) {
        emitter.tryOnError(e);
      } finally {
        pool.active.decrementAndGet();
      }
    }

    boolean isCancelled() {
      return cancelled.get();
    }

    /** Another node answered. */
  public   void completeRemotely(byte[] answer) {
      try {
        emitter.onSuccess(remote.decode(answer));
      } catch (RuntimeException e) {
        emitter.tryOnError(e);
      }
    }

  public   void failRemotely(Throwable e) {
      emitter.tryOnError(e);
    }

    /** The node holding it left: it goes back to the queue for any node, this one included. */
  public   void requeue() {
      onRemoteCancel = null;
      claimed.set(false);
      pool.enqueue(this);
    }

  public   void onRemoteCancel(Runnable r) {
      onRemoteCancel = r;
    }

    /** Cancelled: out of the queue at once, so a superseded view's work holds no memory. */
    private void cancel() {
      cancelled.set(true);
      pool.executor.remove(this);
      pool.remotable.remove(this);
      Runnable r = onRemoteCancel;
      if (r != null) {
        r.run();
      }
    }

    @Override
    public int compareTo(Task<?> o) {
      int c = priority.compareTo(o.priority);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }

  private final ThreadPoolExecutor executor;
  /** The remotable part of the executor's queue, in the same order. */
  private final PriorityBlockingQueue<Task<?>> remotable = new PriorityBlockingQueue<>();
  private final int queueBound;
  /** Set when a cluster's workers may take work; until then nothing is kept for them. */
  private volatile Runnable onRemotable;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

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

  /** Computations refused so far because the queue was full. */
  public long refused() {
    return refused.get();
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
    return single(priority, work, null);
  }

  /** ... which another node of a cluster may run instead, when it asks for work first. */
  public <T> Single<T> single(Priority priority, Function<Cancellation, T> work, RemoteJob<T> remote) {
    return Single.create(emitter -> {
      if (queued() >= queueBound) {
        refused.incrementAndGet();
        emitter.tryOnError(new BusyException("the server is busy: " + queued()
            + " computations are waiting; try again shortly"));
        return;
      }
      Task<T> task = new Task<>(this, priority, sequence.incrementAndGet(), work, remote,
          emitter);
      emitter.setCancellable(task::cancel);
      try {
        enqueue(task);
      } catch (RejectedExecutionException e) {
        emitter.tryOnError(new BusyException("the server is shutting down"));
      }
    });
  }

  private void enqueue(Task<?> task) {
    executor.execute(task);
    Runnable listener = onRemotable;
    if (task.remote != null && listener != null) {
      remotable.add(task);
      listener.run();
    }
  }

  /**
   * Lets other nodes take remotable work from now on; the listener is called (on the
   * enqueuing thread: be quick) whenever some is queued.
   */
  public void onRemotableWork(Runnable listener) {
    onRemotable = listener;
  }

  /**
   * The first waiting remotable task, now claimed for another node (this node's threads skip
   * it), or null when there is none.
   */
  public Task<?> claimRemote() {
    for (Task<?> task = remotable.poll(); task != null; task = remotable.poll()) {
      if (!task.isCancelled() && task.claimed.compareAndSet(false, true)) {
        executor.remove(task);
        return task;
      }
    }
    return null;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
