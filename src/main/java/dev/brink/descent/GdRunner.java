package dev.brink.descent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs a {@link TrajectoryBatch} on several threads. The batch is cut into chunks of
 * {@link #CHUNK} trajectories that the threads take in turn, so a thread that drew fast-diverging
 * runs simply takes more chunks. Cancellation is checked before every chunk (a chunk is about
 * 0.25 M GD steps, a few milliseconds).
 */
public final class GdRunner implements AutoCloseable {
  /** Trajectories per unit of work. */
  static final int CHUNK = 256;
  /**
   * Trainings per unit of work (family mlp): about 2 G flops at the default shape and 100
   * steps, a tenth of a second, so cancellation waits little; enough runs that a SIMD lane
   * whose run ends early takes another (NetworkKernel.runAll).
   */
  static final int NETWORK_CHUNK = 64;

  private final int threads;
  private final ExecutorService pool;
  private final Function<TrajectoryBatch, ChunkKernel> kernels;

  /** A runner that uses {@code threads} threads in all, the caller's included. */
  public GdRunner(int threads) {
    this(threads, Kernels::create);
  }

  /** ... with kernels for a batch from this factory (tests pin one). */
  GdRunner(int threads, Function<TrajectoryBatch, ChunkKernel> kernels) {
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

  /**
   * Runs on the calling thread alone, with no threads of its own: one instance serves every
   * thread that computes a unit of work of its own (a tile, a chunk), as the server's do.
   */
  public static final GdRunner ON_CALLER = new GdRunner(1);

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
    int chunk = batch.network() == null ? CHUNK : NETWORK_CHUNK;
    int chunks = (count + chunk - 1) / chunk;
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      ChunkKernel kernel = kernels.apply(batch);
      for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
        if (cancel.isCancelled()) {
          return;
        }
        int from = c * chunk;
        kernel.run(batch, from, Math.min(count, from + chunk), out, cancel);
      }
    };
    int helpers = pool == null ? 0 : Math.min(threads - 1, chunks - 1);
    List<Future<?>> futures = new ArrayList<>(helpers);
    for (int h = 0; h < helpers; h++) {
      futures.add(pool.submit(worker));
    }
    RuntimeException failure = null;
    try {
      worker.run();
    } catch (RuntimeException e) {
      failure = e;
      next.set(chunks);
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
