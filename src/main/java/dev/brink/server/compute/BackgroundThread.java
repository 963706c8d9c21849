package dev.brink.server.compute;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread of low priority for long work the page starts (zoom videos,
 * reproductions): it leaves the compute pool to live views, and closing waits a little for the
 * work, which its owner has asked to stop, then interrupts it.
 */
public final class BackgroundThread implements AutoCloseable {
  private final ExecutorService thread;

  public BackgroundThread(String name) {
    thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY);
      return t;
    });
  }

  public void execute(Runnable work) {
    thread.execute(work);
  }

  /** Waits up to 5 s for the running work to stop, then interrupts it. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
