package dev.brink.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vert.x's warnings of a blocked event loop or worker thread, counted
 * (brink_threads_blocked_total, the BrinkThreadsBlocked alert) as well as logged as Vert.x logs
 * them: the thread, how long, the limit, and its stack once blocked past the warning time.
 */
final class BlockedThreads {
  private static final Logger LOG = LoggerFactory.getLogger(BlockedThreads.class);

  private BlockedThreads() {
  }

  static void count(Vertx vertx, MeterRegistry registry) {
    Counter blocked = Counter.builder("brink.threads.blocked")
        .description("Warnings that a Vert.x event loop or worker thread was blocked past its "
            + "limit (2 s for an event loop)").register(registry);
    ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(e -> {
      blocked.increment();
      log(e);
    });
  }

  private static void log(BlockedThreadEvent e) {
    String message = "Thread " + e.thread().getName() + " has been blocked for "
        + e.duration() / 1_000_000 + " ms, time limit is " + e.maxExecTime() / 1_000_000 + " ms";
    if (e.duration() <= e.warningExceptionTime()) {
      LOG.warn(message);
    } else {
      Exception stack = new Exception("Thread blocked");
      stack.setStackTrace(e.thread().getStackTrace());
      LOG.warn(message, stack);
    }
  }
}
