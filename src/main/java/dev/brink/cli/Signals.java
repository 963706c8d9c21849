package dev.brink.cli;

import java.util.concurrent.CountDownLatch;

/** Waits for SIGTERM or Ctrl-C, so long-running commands stop gracefully with exit code 0. */
final class Signals {
  private Signals() {
  }

  static void awaitTermination() throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    for (String name : new String[] {"TERM", "INT"}) {
      sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stop.countDown());
    }
    stop.await();
  }
}
