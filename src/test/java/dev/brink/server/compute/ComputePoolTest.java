package dev.brink.server.compute;

import dev.brink.server.ServerFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ComputePoolTest {

  @Test
  @DisplayName("interactive work waiting in the queue runs before waiting sweep work")
  void interactiveFirst() throws Exception {
    try (ComputePool pool = new ComputePool(1, 100)) {
      CountDownLatch release = new CountDownLatch(1);
      List<String> order = new CopyOnWriteArrayList<>();
      CountDownLatch finished = new CountDownLatch(7);
      pool.single(c -> {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return "blocker";
      }).subscribe(x -> finished.countDown());
      for (int i = 0; i < 3; i++) {
        int n = i;
        pool.single(ComputePool.Priority.BACKGROUND, c -> "sweep" + n)
            .subscribe(x -> { order.add(x); finished.countDown(); });
      }
      for (int i = 0; i < 3; i++) {
        int n = i;
        pool.single(c -> "tile" + n).subscribe(x -> { order.add(x); finished.countDown(); });
      }
      release.countDown();
      assertTrue(finished.await(10, TimeUnit.SECONDS));
      assertEquals(List.of("tile0", "tile1", "tile2", "sweep0", "sweep1", "sweep2"), order);
    }
  }

  @Test
  @DisplayName("beyond the queue bound, work is refused as busy instead of queued")
  void bounded() throws Exception {
    try (ComputePool pool = new ComputePool(1, 2)) {
      CountDownLatch release = new CountDownLatch(1);
      pool.single(c -> {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return 0;
      }).subscribe();
      assertTrue(ServerFixture.eventually(5000, () -> pool.active() == 1));
      pool.single(c -> 1).subscribe();
      pool.single(c -> 2).subscribe();
      pool.single(c -> 3).test().await().assertError(BusyException.class);
      release.countDown();
    }
  }
}
