package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** /metrics of a real server: brink's meters agree with the work done. */
class MetricsTest extends ServerTestBase {

  /** The value of the series whose line starts with name{ and contains every label given. */
  static double value(String metrics, String name, String... labels) {
    double sum = 0;
    boolean found = false;
    for (String line : metrics.lines().toList()) {
      if (!line.startsWith(name + "{")) {
        continue;
      }
      boolean all = true;
      for (String l : labels) {
        all &= line.contains(l);
      }
      if (all) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        found = true;
      }
    }
    if (!found) {
      throw new AssertionError("no series " + name + " " + List.of(labels));
    }
    return sum;
  }

  @Test
  @DisplayName("after a known line, brink_gd_steps_total grew by exactly its gd_steps")
  void gdStepsCounter() throws Exception {
    String before = fixture.text("/metrics");
    double steps0 = value(before, "brink_gd_steps_total", "family=\"multiplicative\"");
    double runs0 = value(before, "brink_trajectories_total", "family=\"multiplicative\"");
    JsonNode line = fixture.get("/api/line?family=multiplicative&eps=0.2&lambda=0.1&levels=13")
        .json();
    String after = fixture.text("/metrics");
    assertEquals(line.get("gd_steps").asLong(),
        value(after, "brink_gd_steps_total", "family=\"multiplicative\"") - steps0, 0.0);
    assertEquals((1 << 13) + 1,
        value(after, "brink_trajectories_total", "family=\"multiplicative\"") - runs0, 0.0);
    double divergent = value(after, "brink_trajectories_total", "family=\"multiplicative\"",
        "outcome=\"divergent\"") - value(before, "brink_trajectories_total",
        "family=\"multiplicative\"", "outcome=\"divergent\"");
    assertEquals(Math.round(line.get("divergent_fraction").asDouble() * ((1 << 13) + 1)),
        divergent, 0.0);
  }

  @Test
  @DisplayName("a plane view counts tiles computed and sent, times them, and leaves 0 in flight")
  void tileMeters() throws Exception {
    String before = fixture.text("/metrics");
    try (WsClient client = fixture.connect(true)) {
      client.nextText(10_000);
      client.send(PlaneViews.view(1, PlaneViews.PARAMS.replace("\"steps\":200",
          "\"steps\":77"), 512, 256));
      PlaneViews.Received r = PlaneViews.read(client, 1, true);
      int tiles = r.started().get("tiles").asInt();
      assertEquals(tiles, r.frames().size());
      String after = fixture.text("/metrics");
      assertEquals(tiles, value(after, "brink_tiles_computed_total")
          - value(before, "brink_tiles_computed_total"), 0.0);
      assertEquals(tiles, value(after, "brink_tiles_sent_total")
          - value(before, "brink_tiles_sent_total"), 0.0);
      assertEquals(tiles, value(after, "brink_tile_compute_seconds_count")
          - value(before, "brink_tile_compute_seconds_count"), 0.0);
      assertTrue(after.contains("brink_tile_compute_seconds_bucket{"), "histogram buckets");
      assertEquals(1, value(after, "brink_sessions_active"), 0.0);
      assertTrue(ServerFixture.eventually(5000, () -> {
        try {
          return value(fixture.text("/metrics"), "brink_tiles_in_flight") == 0;
        } catch (Exception e) {
          return false;
        }
      }), "every frame acknowledged");
    }
  }

  @Test
  @DisplayName("a viewer that disconnects mid-stream leaves nothing: sessions, in-flight, work 0")
  void disconnectLeavesNothing() throws Exception {
    WsClient client = fixture.connect(true);
    client.nextText(10_000);
    client.send(PlaneViews.view(1, PlaneViews.PARAMS.replace("\"steps\":200", "\"steps\":999"),
        2048, 2048));
    client.nextText(10_000);
    assertTrue(client.next(60_000) instanceof WsClient.Binary, "a tile arrived, unacknowledged");
    assertTrue(value(fixture.text("/metrics"), "brink_tiles_in_flight") >= 1);
    client.close();
    assertTrue(ServerFixture.eventually(10_000, () -> {
      try {
        String m = fixture.text("/metrics");
        return value(m, "brink_sessions_active") == 0 && value(m, "brink_tiles_in_flight") == 0
            && value(m, "brink_compute_active") == 0;
      } catch (Exception e) {
        return false;
      }
    }), "gauges back to 0");
  }

  @Test
  @DisplayName("every series carries application=brink; JVM, process and Vert.x meters are there")
  void commonTagsAndBinders() throws Exception {
    String metrics = fixture.text("/metrics");
    for (String name : List.of("jvm_memory_used_bytes", "jvm_gc_max_data_size_bytes",
        "process_cpu_usage", "vertx_http_server_requests_total", "brink_compute_queue_depth")) {
      assertTrue(metrics.contains(name + "{"), name);
    }
    for (String line : metrics.lines().toList()) {
      if (!line.startsWith("#") && !line.isBlank()) {
        assertTrue(line.contains("application=\"brink\""), line);
        assertFalse(line.contains("eps=") || line.contains("lambda="), line);
      }
    }
  }
}
