package dev.brink.server.zoom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.grid.Axis;
import dev.brink.plane.ZoomPlan;
import dev.brink.report.ZoomVideo;
import dev.brink.request.ParameterMap;
import dev.brink.request.Requests;
import dev.brink.server.protocol.JsonParams;
import dev.brink.server.protocol.Limits;
import dev.brink.server.compute.BackgroundThread;
import dev.brink.server.protocol.RefusedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zoom videos recorded for the page ("record this zoom", docs/protocol.md): one at a time, on
 * one background thread of its own (live views keep the compute pool), into the data folder's
 * zooms/ folder; the last {@link #KEPT} are listed, older ones deleted.
 */
public final class ZoomService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ZoomService.class);
  /** Recordings listed and kept on disk. */
  static final int KEPT = 8;

  private final Path folder;
  private final Limits limits;
  private final BackgroundThread thread = new BackgroundThread("brink-zoom");
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Recording> recordings = new LinkedHashMap<>();

  /** One recording's state; read from any thread. */
  private static final class Recording {
    final long id;
    final ZoomPlan plan;
    final Path video;
    final Path dimensions;
    final AtomicInteger done = new AtomicInteger();
    final AtomicBoolean cancelled = new AtomicBoolean();
    volatile String state = "queued";
    volatile String error;
    volatile double seconds;

    Recording(long id, ZoomPlan plan, Path folder) {
      this.id = id;
      this.plan = plan;
      this.video = folder.resolve("zoom-" + id + ".mp4");
      this.dimensions = folder.resolve("zoom-" + id + ".json");
    }
  }

  /**
   * A service over the data folder's zooms/; recordings of an earlier run are no longer listed
   * (they live in memory), so their files are deleted rather than left behind.
   */
  public ZoomService(Path dataDir, Limits limits) throws IOException {
    this.folder = dataDir.resolve("zooms");
    this.limits = limits;
    if (Files.isDirectory(folder)) {
      try (var old = Files.newDirectoryStream(folder, "zoom-*.{mp4,json}")) {
        for (Path p : old) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /**
   * Starts a recording from a request body: {"params": {the view's parameters}, "x", "y" (the
   * view's axes; their parameter and scale), "center": [X, Y] (axis units), "from_width",
   * "to_width", "frames_per_halving" (8), "size" ("640x360"), "fps" (24)}.
   */
  public synchronized ObjectNode create(JsonNode body) throws IOException {
    for (Recording r : recordings.values()) {
      if (r.state.equals("queued") || r.state.equals("recording")) {
        throw RefusedException.conflict("zoom", "zoom " + r.id + " is being recorded; one at a"
            + " time: wait for it or cancel it (POST /api/zooms/" + r.id + "/cancel)");
      }
    }
    ParameterMap params = new ParameterMap(JsonParams.texts(body.get("params"), "params",
        Set.of()), Requests.VIEW);
    JsonNode center = body.get("center");
    if (center == null || !center.isArray() || center.size() != 2 || !center.get(0).isNumber()
        || !center.get(1).isNumber()) {
      throw RefusedException.badMessage("center", "required: [X, Y], two numbers in axis units");
    }
    int[] size = ZoomPlan.size(text(body, "size", "640x360"));
    ZoomPlan plan = new ZoomPlan(Requests.config(params).eta(params.number("eta")),
        Axis.parse("x", text(body, "x", null)), Axis.parse("y", text(body, "y", null)),
        center.get(0).asDouble(), center.get(1).asDouble(), number(body, "from_width"),
        number(body, "to_width"), (int) number(body, "frames_per_halving", 8), size[0], size[1]);
    limits.checkZoomFrame(plan.frame(0));
    int fps = (int) number(body, "fps", 24);
    if (fps < 1 || fps > 120) {
      throw RefusedException.badMessage("fps", "must be an integer from 1 to 120, got " + fps);
    }
    Files.createDirectories(folder);
    Recording r = new Recording(ids.incrementAndGet(), plan, folder);
    recordings.put(r.id, r);
    forgetOld();
    thread.execute(() -> record(r, fps));
    return status(r);
  }

  private void record(Recording r, int fps) {
    r.state = "recording";
    long start = System.nanoTime();
    Cancellation cancel = r.cancelled::get;
    try {
      var keys = ZoomVideo.write(r.plan, fps, r.video, null, GdRunner.ON_CALLER, cancel,
          f -> r.done.set(f + 1));
      ZoomVideo.writeDimensions(keys, r.dimensions);
      r.state = "done";
    } catch (CancellationException e) {
      r.state = "cancelled";
      deleteQuietly(r);
    } catch (IOException | RuntimeException e) {
      if (r.cancelled.get()) {
        // Stopped by the server's closing: not a failure.
        r.state = "cancelled";
        deleteQuietly(r);
        return;
      }
      LOG.error("zoom {} failed", r.id, e);
      r.error = e.getMessage();
      r.state = "failed";
      deleteQuietly(r);
    }
    r.seconds = (System.nanoTime() - start) / 1e9;
    LOG.info("zoom {}: {} after {} of {} frames in {} s", r.id, r.state, r.done.get(),
        r.plan.frames(), String.format(java.util.Locale.ROOT, "%.1f", r.seconds));
  }

  /** The recording's status, or null when there is none of that number. */
  public synchronized ObjectNode show(long id) {
    Recording r = recordings.get(id);
    return r == null ? null : status(r);
  }

  /** Every recording kept, oldest first. */
  public synchronized ObjectNode list() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    var a = o.putArray("zooms");
    recordings.values().forEach(r -> a.add(status(r)));
    return o;
  }

  /** Cancels a recording (its partial files are deleted); false when there is none. */
  public synchronized boolean cancel(long id) {
    Recording r = recordings.get(id);
    if (r == null) {
      return false;
    }
    r.cancelled.set(true);
    return true;
  }

  /** The finished video, or null. */
  public synchronized Path video(long id) {
    Recording r = recordings.get(id);
    return r != null && r.state.equals("done") ? r.video : null;
  }

  /** The finished keyframes' dimensions (JSON), or null. */
  public synchronized Path dimensions(long id) {
    Recording r = recordings.get(id);
    return r != null && r.state.equals("done") ? r.dimensions : null;
  }

  private ObjectNode status(Recording r) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", r.id);
    o.put("state", r.state);
    o.put("frames", r.plan.frames());
    o.put("frames_done", r.done.get());
    o.put("width", r.plan.width());
    o.put("height", r.plan.height());
    o.put("from_width", r.plan.frameWidth(0));
    o.put("to_width", r.plan.frameWidth(r.plan.frames() - 1));
    if (r.error != null) {
      o.put("error", r.error);
    }
    if (r.state.equals("done")) {
      o.put("seconds", r.seconds);
      o.put("video", "/api/zooms/" + r.id + "/video");
      o.put("dimensions", "/api/zooms/" + r.id + "/dimensions");
    }
    return o;
  }

  /** Past KEPT recordings, the oldest finished ones go, with their files. */
  private void forgetOld() {
    var it = recordings.values().iterator();
    while (recordings.size() > KEPT && it.hasNext()) {
      Recording old = it.next();
      if (!old.state.equals("recording") && !old.state.equals("queued")) {
        deleteQuietly(old);
        it.remove();
      }
    }
  }

  private static void deleteQuietly(Recording r) {
    try {
      Files.deleteIfExists(r.video);
      Files.deleteIfExists(r.dimensions);
    } catch (IOException e) {
      LOG.warn("cannot delete zoom {}'s files: {}", r.id, e.getMessage());
    }
  }

  private static String text(JsonNode body, String field, String fallback) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (fallback == null) {
        throw RefusedException.badMessage(field, "required");
      }
      return fallback;
    }
    if (!v.isTextual()) {
      throw RefusedException.badMessage(field, "must be a string");
    }
    return v.asText();
  }

  private static double number(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || !v.isNumber()) {
      throw RefusedException.badMessage(field, "required: a number");
    }
    return v.asDouble();
  }

  private static double number(JsonNode body, String field, double fallback) {
    return body.has(field) ? number(body, field) : fallback;
  }

  /** Cancels any recording and waits a little for it to stop (it checks between chunks). */
  @Override
  public void close() {
    synchronized (this) {
      recordings.values().forEach(r -> r.cancelled.set(true));
    }
    thread.close();
  }
}
