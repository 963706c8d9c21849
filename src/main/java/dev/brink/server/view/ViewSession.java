package dev.brink.server.view;

import dev.brink.descent.GdRunner;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.plane.ViewPlan;
import dev.brink.report.JsonProblem;
import dev.brink.report.PlaneJson;
import io.reactivex.rxjava3.core.Flowable;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.brink.server.config.ServerConfig;
import dev.brink.server.compute.BusyException;
import dev.brink.server.protocol.Messages;
import dev.brink.server.protocol.RefusedException;
import dev.brink.server.protocol.Limits;
import dev.brink.server.protocol.Frame;
import dev.brink.server.sweep.SweepService;

/**
 * One viewer's socket: reads control messages, runs at most one view at a time (a new view
 * cancels the old one), and streams its frames through a {@link CreditSink}. Lives on the
 * socket's event loop.
 */
public final class ViewSession {
  private static final Logger LOG = LoggerFactory.getLogger(ViewSession.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServerWebSocket socket;
  private final Context context;
  private final ServerConfig config;
  private final Limits limits;
  private final ViewStreams streams;
  private final String remote;
  private final SweepService sweeps;
  private int currentView = -1;
  private CreditSink current;
  private Runnable unwatch;

  public ViewSession(ServerWebSocket socket, Context context, ServerConfig config, ViewStreams streams,
      SweepService sweeps) {
    this.sweeps = sweeps;
    this.socket = socket;
    this.context = context;
    this.config = config;
    this.limits = new Limits(config.limits());
    this.streams = streams;
    this.remote = String.valueOf(socket.remoteAddress());
  }

  public void start(Runnable onClose) {
    socket.setWriteQueueMaxSize(1 << 20);
    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(b -> reply(-1, RefusedException.badMessage("frame",
        "binary frames are not accepted; send JSON text messages")));
    socket.drainHandler(v -> {
      if (current != null) {
        current.drained();
      }
    });
    socket.closeHandler(v -> {
      stopCurrent();
      stopWatching();
      LOG.info("session closed remote={}", remote);
      onClose.run();
    });
    ObjectNode hello = Messages.message("hello", -1);
    hello.put("protocol", 2);
    hello.put("tile_size", ViewPlan.TILE);
    hello.put("kernel", GdRunner.ON_CALLER.kernel());
    config.clientLimits().forEach((k, v) -> hello.putPOJO(k, v));
    socket.writeTextMessage(hello.toString());
    LOG.info("session opened remote={}", remote);
  }

  private void onText(String text) {
    int view = -1;
    try {
      JsonNode message = parse(text);
      view = ViewRequest.viewId(message);
      String type = message.path("type").asText("");
      switch (type) {
        case "view":
          startView(ViewRequest.parse(message, limits));
          break;
        case "ack":
          ack(view, message);
          break;
        case "watch":
          watch(message);
          break;
        case "cancel":
          if (view == currentView) {
            stopCurrent();
            socket.writeTextMessage(Messages.message("cancelled", view).toString());
          }
          break;
        default:
          throw RefusedException.badMessage("type",
              "must be \"view\", \"ack\", \"cancel\" or \"watch\", got "
                  + message.get("type"));
      }
    } catch (RuntimeException e) {
      reply(view, e);
    }
  }

  private void startView(ViewRequest request) {
    stopCurrent();
    currentView = request.view;
    ObjectNode started = Messages.message("view", request.view);
    Flowable<Frame> frames;
    if (request.isPlane()) {
      started.setAll(PlaneJson.view(request.plan));
      started.put("kernel", GdRunner.ON_CALLER.kernel());
      String reduced = request.reducedBecause(config.limits());
      if (reduced != null) {
        started.put("reduced", reduced);
      }
      frames = streams.plane(request.view, request.plan, request.planeParams);
      LOG.debug("view {} plane of {} tiles, {} points remote={}", request.view,
          request.plan.tiles().size(), request.plan.samples(), remote);
    } else {
      started.put("kind", "line");
      started.put("levels", request.line.levels());
      started.put("points", request.line.points());
      frames = streams.line(request.view, request.line);
      LOG.debug("view {} line of {} levels remote={}", request.view, request.line.levels(),
          remote);
    }
    started.put("window", config.window());
    socket.writeTextMessage(started.toString());
    int view = request.view;
    current = new CreditSink(socket, context, config.window(), streams.meters(),
        e -> reply(view, e));
    frames.subscribe(current);
  }

  private void ack(int view, JsonNode message) {
    JsonNode frames = message.get("frames");
    if (frames == null || !frames.isIntegralNumber() || frames.asInt() < 1) {
      throw RefusedException.badMessage("frames", "must be an integer >= 1, got " + frames);
    }
    if (view == currentView && current != null) {
      current.ack(frames.asInt());
    }
  }

  /**
   * Pushes a sweep's cells to this socket as they finish (one sweep at a time). A socket whose
   * write queue is full misses pushes rather than queuing them; GET /api/sweeps/ID has all.
   */
  private void watch(JsonNode message) {
    JsonNode id = message.get("sweep");
    if (id == null || !id.isIntegralNumber()) {
      throw RefusedException.badMessage("sweep", "must be a sweep number, got " + id);
    }
    stopWatching();
    unwatch = sweeps.watch(id.asLong(), m -> context.runOnContext(v -> {
      if (!socket.isClosed() && !socket.writeQueueFull()) {
        socket.writeTextMessage(m.toString());
      }
    }));
    ObjectNode ok = Messages.message("watching", -1);
    ok.put("sweep", id.asLong());
    socket.writeTextMessage(ok.toString());
  }

  private void stopWatching() {
    if (unwatch != null) {
      unwatch.run();
      unwatch = null;
    }
  }

  private void stopCurrent() {
    if (current != null) {
      current.cancel();
      current = null;
    }
  }

  private void reply(int view, Throwable e) {
    ObjectNode error = Messages.message("error", view);
    error.setAll(Messages.error(e));
    if (Messages.isClientError(e)) {
      LOG.info("refused view={} remote={}: {} {}", view, remote, error.path("field").asText(),
          e.getMessage());
    } else if (e instanceof BusyException) {
      LOG.warn("busy view={} remote={}: {}", view, remote, e.getMessage());
    } else {
      LOG.error("view {} failed remote={}", view, remote, e);
    }
    if (!socket.isClosed()) {
      socket.writeTextMessage(error.toString());
    }
  }

  private static JsonNode parse(String text) {
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw RefusedException.badMessage("message", JsonProblem.describe(e));
    }
    if (message == null || !message.isObject()) {
      throw RefusedException.badMessage("message", "must be a JSON object");
    }
    return message;
  }
}
