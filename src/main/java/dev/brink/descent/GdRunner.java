package dev.brink.descent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs a {@link TrajectoryBatch} on several threads. The threads take chunks of trajectories in
 * turn, so a thread that drew fast-diverging runs simply takes more chunks. Chunks hold
 * {@link #CHUNK} trajectories until the batch nears its end, then shrink (to a quarter of what
 * is left per thread, at least {@link #MIN_CHUNK}) so that the threads finish together: with
 * fixed chunks one thread ran a batch's last chunk alone, and a line's first levels (fewer
 * points than two chunks) ran on one thread (measured on 2 cores, best of 10: the Fig. 2a line
 * 0.86 -> 0.75 s, the eta-eps plane 0.227 -> 0.201 s). Cancellation is checked before every
 * chunk (a chunk is at most about 0.25 M GD steps, a few milliseconds).
 */
public final class GdRunner implements AutoCloseable {
  /** Trajectories per unit of work, until the end of a batch. */
  static final int CHUNK = 256;
  /** The smallest unit of work: twice the SIMD kernel's 16 lanes (AVX-512). */
  static final int MIN_CHUNK = 32;

  private final int threads;
  private final ExecutorService pool;
  private final IntFunction<ChunkKernel> kernels;

  /** A runner that uses {@code threads} threads in all, the caller's included. */
  public GdRunner(int threads) {
    this(threads, Kernels::create);
  }

  /** ... with kernels for a dimension from this factory (tests pin one). */
  GdRunner(int threads, IntFunction<ChunkKernel> kernels) {
    this.kernels = kernels;
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.threads = threads;
    AtomicInteger serial = new AtomicInteger();
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(r, "brink-gd-" + serial.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** A runner with one thread per available core. */
  public static GdRunner forAllCores() {
    return new GdRunner(Runtime.getRuntime().availableProcessors());
  }

  public int threads() {
    return threads;
  }

  /** The kernel this runner uses: "simd" or "scalar". */
  public String kernel() {
    return Kernels.name();
  }

  /**
   * Runs every trajectory of the batch and waits for all of them.
   *
   * @param out (Output) slots 0..count-1 overwritten
   * @throws CancellationException when {@code cancel} said so before the batch finished
   */
  public void run(TrajectoryBatch batch, Outcomes out, Cancellation cancel) {
    int count = batch.count();
    if (out.capacity() < count) {
      throw new IllegalArgumentException("outcomes hold " + out.capacity() + " < " + count);
    }
    int mostChunks = (count + MIN_CHUNK - 1) / MIN_CHUNK;
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      ChunkKernel kernel = kernels.apply(batch.dim());
      while (true) {
        int from = next.get();
        int left = count - from;
        if (left <= 0) {
          return;
        }
        int size = Math.min(left, Math.min(CHUNK, Math.max(MIN_CHUNK, left / (4 * threads))));
        if (!next.compareAndSet(from, from + size)) {
          continue;
        }
        if (cancel.isCancelled()) {
          next.set(count);
          return;
        }
        kernel.run(batch, from, from + size, out);
      }
    };
    int helpers = pool == null ? 0 : Math.min(threads - 1, mostChunks - 1);
    List<Future<?>> futures = new ArrayList<>(helpers);
    for (int h = 0; h < helpers; h++) {
      futures.add(pool.submit(worker));
    }
    RuntimeException failure = null;
    try {
      worker.run();
    } catch (RuntimeException e) {
      failure = e;
      next.set(count);
    }
    for (Future<?> f : futures) {
      failure = join(f, failure);
    }
    if (failure != null) {
      throw failure;
    }
    if (cancel.isCancelled()) {
      throw new CancellationException("GD batch cancelled");
    }
  }

  private static RuntimeException join(Future<?> f, RuntimeException failure) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          f.get();
          return failure;
        } catch (InterruptedException e) {
          // Finish waiting: the helpers write into the caller's buffers.
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (failure != null) {
            return failure;
          }
          return cause instanceof RuntimeException ? (RuntimeException) cause
              : new IllegalStateException(cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
