package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BlockedThreadsTest {
  @Test
  @DisplayName("a blocked event loop is counted in brink_threads_blocked_total")
  void counted() throws Exception {
    // Short limits, so that a 1 s block is well past them.
    Vertx vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(50)
        .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
        .setMaxEventLoopExecuteTime(100).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    try {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      BlockedThreads.count(vertx, registry);
      assertTrue(registry.get("brink.threads.blocked").counter().count() == 0);
      vertx.runOnContext(v -> {
        long end = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < end) {
          Thread.onSpinWait();
        }
      });
      assertTrue(ServerFixture.eventually(10_000,
          () -> registry.get("brink.threads.blocked").counter().count() >= 1),
          "the blocked event loop was counted");
    } finally {
      vertx.close().await();
    }
  }
}
