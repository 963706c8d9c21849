package dev.brink.server.http;

import dev.brink.descent.GdRunner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.descent.Trajectory;
import dev.brink.line.LineRun;
import dev.brink.network.NetworkData;
import dev.brink.network.NetworkReference;
import dev.brink.params.GdConfig;
import dev.brink.line.LineSpec;
import dev.brink.plane.PlaneExperiment;
import dev.brink.plane.PlaneSpec;
import dev.brink.report.FamiliesJson;
import dev.brink.report.LineJson;
import dev.brink.report.PlaneFigurePng;
import dev.brink.report.PlaneJson;
import dev.brink.report.TrajectoryJson;
import dev.brink.request.ParameterMap;
import dev.brink.request.Requests;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.SerialDisposable;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.brink.server.config.ServerConfig;
import dev.brink.server.compute.ComputePool;
import dev.brink.server.protocol.Messages;
import dev.brink.server.protocol.RefusedException;
import dev.brink.server.protocol.Limits;
import dev.brink.server.view.ViewStreams;
import dev.brink.server.view.TileService;

/** The REST API under /api (docs/protocol.md): families, line, plane, trajectory, health. */
public final class ApiRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);
  /** Reads request bodies; thread-safe once configured. */
  private static final com.fasterxml.jackson.databind.ObjectMapper BODIES =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final ServerConfig config;
  private final Limits limits;
  private final ComputePool pool;
  private final ViewStreams streams;
  private final TileService tiles;
  private final IntSupplier sessions;
  private final long startNanos = System.nanoTime();

  ApiRoutes(ServerConfig config, ComputePool pool, ViewStreams streams, TileService tiles,
      IntSupplier sessions) {
    this.config = config;
    this.limits = new Limits(config.limits());
    this.pool = pool;
    this.streams = streams;
    this.tiles = tiles;
    this.sessions = sessions;
  }

  void mount(Router router) {
    get(router, "/api/health").handler(this::health);
    get(router, "/api/families").handler(this::families);
    get(router, "/api/line").handler(this::line);
    get(router, "/api/plane").handler(this::plane);
    get(router, "/api/plane/figure.png").handler(this::figure);
    get(router, "/api/trajectory").handler(this::trajectory);
  }

  /** A GET route that answers HEAD too (the same status and headers, no body). */
  static io.vertx.ext.web.Route get(Router router, String path) {
    return router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD);
  }

  static void notFound(RoutingContext ctx, String message) {
    HttpErrors.send(ctx.request(), 404, "not-found", "path", message);
  }

  private void health(RoutingContext ctx) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("status", "ok");
    o.put("uptime_seconds", (System.nanoTime() - startNanos) / 1e9);
    o.put("sessions", sessions.getAsInt());
    o.put("computing", pool.active());
    o.put("queued", pool.queued());
    o.put("tiles_computed", tiles.computed());
    o.put("tile_cache_hits", tiles.cacheHits());
    send(ctx, o);
  }

  private void families(RoutingContext ctx) {
    send(ctx, FamiliesJson.of(config.limits().maxLevels(), config.limits().maxSteps(),
        config.clientLimits()));
  }

  private void line(RoutingContext ctx) {
    try {
      ParameterMap p = params(ctx, Requests.LINE);
      LineSpec spec = Requests.line(p);
      limits.check(spec);
      boolean bits = p.flag("bits");
      // Every level kept, for the bits (the server's --max-levels is <= 30).
      LineRun run = new LineRun(spec, spec.levels());
      respond(ctx, streams.work().ordered(run.chunks(),
              (chunk, cancel) -> run.compute(chunk, GdRunner.ON_CALLER, cancel))
          .doOnNext(computed -> streams.accept(run, computed))
          .ignoreElements()
          .toSingle(() -> LineJson.of(run.result(), bits, pool.threads(),
              GdRunner.ON_CALLER.kernel())));
    } catch (RuntimeException e) {
      fail(ctx, e);
    }
  }

  private void plane(RoutingContext ctx) {
    try {
      PlaneSpec spec = Requests.plane(params(ctx, Requests.PLANE), 256);
      respond(ctx, computed(spec).map(r -> PlaneJson.of(r, pool.threads(),
          GdRunner.ON_CALLER.kernel())), ApiRoutes::send);
    } catch (RuntimeException e) {
      fail(ctx, e);
    }
  }

  /** The plane's figure as `plane --png` draws it: axes, colour bars, guides, caption. */
  private void figure(RoutingContext ctx) {
    try {
      PlaneSpec spec = Requests.plane(params(ctx, Requests.PLANE), 256);
      respond(ctx, computed(spec).map(PlaneFigurePng::bytes), (c, png) -> c.response()
          .putHeader("content-type", "image/png").end(io.vertx.core.buffer.Buffer.buffer(png)));
    } catch (RuntimeException e) {
      fail(ctx, e);
    }
  }

  /** A REST plane, within the limits, band by band on the compute pool. */
  private Single<dev.brink.plane.PlaneResult> computed(PlaneSpec spec) {
    limits.check(spec.config());
    limits.checkRestPixels(spec.pixels());
    List<Integer> starts = new ArrayList<>();
    for (int row0 = 0; row0 < spec.height(); row0 += PlaneExperiment.rowsPerBand(spec)) {
      starts.add(row0);
    }
    long start = System.nanoTime();
    return streams.work().ordered(starts,
            (row0, cancel) -> PlaneExperiment.band(spec, row0, GdRunner.ON_CALLER, cancel))
        .doOnNext(band -> streams.meters().computed(spec.config().family(), band.outcomes(),
            band.rows() * spec.width()))
        .toList()
        .map(bands -> PlaneExperiment.assemble(spec, bands, (System.nanoTime() - start) / 1e9));
  }

  /**
   * One run: by its parameters and learning rates, or as the pixel (column, row) of a plane's
   * grid, whose parameters then come from the one function that computes them for planes and
   * views, so the inspector shows the very run a pixel shows.
   */
  private void trajectory(RoutingContext ctx) {
    try {
      ParameterMap p = params(ctx, Requests.TRAJECTORY);
      GdConfig config;
      double[] eta;
      double[] x0;
      ObjectNode pixel = null;
      if (p.has("column") || p.has("row")) {
        for (String name : new String[] {"column", "row", "x", "y", "width", "height"}) {
          if (!p.has(name)) {
            throw new dev.brink.params.InvalidParameterException(name, "required for a pixel: "
                + "the plane's x, y, width and height and the pixel's column and row");
          }
        }
        for (String name : new String[] {"crop", "eta0", "eta1", "eta2"}) {
          if (p.has(name)) {
            throw new dev.brink.params.InvalidParameterException(name,
                "not with a pixel: its plane gives its run");
          }
        }
        PlaneSpec plane = Requests.plane(p, 256);
        long column = p.longInteger("column", 0);
        long row = p.longInteger("row", 0);
        PlaneExperiment.Point point = PlaneExperiment.point(plane, column, row);
        config = point.config();
        eta = point.eta();
        x0 = point.x0();
        pixel = JsonNodeFactory.instance.objectNode();
        pixel.put("column", column);
        pixel.put("row", row);
        pixel.put(plane.x().parameter().id(), plane.x().value(column, plane.gridWidth()));
        pixel.put(plane.y().parameter().id(), plane.y().value(row, plane.gridHeight()));
      } else {
        config = Requests.config(p).eta(p.number("eta")).build();
        eta = Requests.etas(p, config);
        x0 = new double[config.dim()];
        java.util.Arrays.fill(x0, config.x0());
      }
      limits.checkTrajectory(config);
      GdConfig run = config;
      ObjectNode at = pixel;
      double[] rates = eta;
      double offset = config.network() == null ? 0
          : pixel != null ? x0[0] : config.network().offset();
      respond(ctx, pool.single(cancel -> {
        if (run.network() != null) {
          NetworkReference.Run t = NetworkReference.train(
              NetworkData.draw(run.network(), run.steps()), rates[0], rates[1], offset,
              run.optimizer(), run.steps(), true, cancel::isCancelled);
          streams.meters().computedRun(run.family(), t.known(), !t.trainable());
          ObjectNode o = TrajectoryJson.network(run, rates, offset, t);
          if (at != null) {
            o.set("pixel", at);
          }
          return o;
        }
        Trajectory t = Trajectory.trace(run.landscape(), eta, x0, run.steps(), run.bound(),
            run.optimizer());
        streams.meters().computedRun(run.family(), t.divergeStep(), t.divergent());
        ObjectNode o = TrajectoryJson.of(run, eta, t);
        if (at != null) {
          o.set("pixel", at);
        }
        return o;
      }));
    } catch (RuntimeException e) {
      fail(ctx, e);
    }
  }

  /** Sends the result when ready; a client that goes away cancels the computation. */
  private void respond(RoutingContext ctx, Single<ObjectNode> result) {
    respond(ctx, result, ApiRoutes::send);
  }

  /** ... sent by sender (JSON, or a PNG). */
  private static <T> void respond(RoutingContext ctx, Single<T> result,
      java.util.function.BiConsumer<RoutingContext, T> sender) {
    // The request's own context: vertx.runOnContext from a pool thread would pick any event
    // loop, which could write the response while this handler still runs.
    io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
    SerialDisposable work = new SerialDisposable();
    ctx.response().closeHandler(v -> work.dispose());
    work.replace(result.subscribe(
        answer -> context.runOnContext(v -> {
          if (!ctx.response().ended() && !ctx.response().closed()) {
            sender.accept(ctx, answer);
          }
        }),
        error -> context.runOnContext(v -> fail(ctx, error))));
  }

  private static ParameterMap params(RoutingContext ctx, Set<String> allowed) {
    MultiMap query = ctx.queryParams();
    Map<String, String> values = new HashMap<>();
    for (String name : query.names()) {
      List<String> all = query.getAll(name);
      if (all.size() > 1) {
        throw new dev.brink.params.InvalidParameterException(name, "given " + all.size()
            + " times; give it once");
      }
      values.put(name, all.get(0));
    }
    return new ParameterMap(values, allowed);
  }

  /**
   * The request's body as a JSON object, or null after answering 400 (empty, not JSON, not an
   * object); what names the thing the body describes, for the message.
   */
  static JsonNode jsonBody(RoutingContext ctx, String what) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      fail(ctx, RefusedException.badMessage("body", "empty; send " + what + " as a JSON object"
          + " (docs/protocol.md)"));
      return null;
    }
    JsonNode body;
    try {
      body = BODIES.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      fail(ctx, RefusedException.badMessage("body", dev.brink.report.JsonProblem.describe(e)));
      return null;
    }
    if (body == null || !body.isObject()) {
      fail(ctx, RefusedException.badMessage("body", "must be a JSON object"));
      return null;
    }
    return body;
  }

  /**
   * Runs a call on a worker thread and sends its JSON; a null answer means no such thing, which
   * missing answers (404).
   */
  static void blocking(RoutingContext ctx, java.util.concurrent.Callable<ObjectNode> call,
      Runnable missing) {
    ctx.vertx().executeBlocking(call).onComplete(r -> {
      if (r.failed()) {
        fail(ctx, r.cause());
      } else if (r.result() == null) {
        missing.run();
      } else {
        send(ctx, r.result());
      }
    });
  }

  /** Makes a thing from a request's JSON body; may block (it runs on a worker thread). */
  interface Maker {
    ObjectNode make(JsonNode body) throws Exception;
  }

  /**
   * POST path: a JSON body of at most maxBody bytes (413 past it, 400 when it is not an object)
   * made into a thing on a worker thread, answered with status and the thing's JSON; what names
   * the thing in messages ("the sweep").
   */
  static void creating(Router router, String path, long maxBody, String what, int status,
      Maker maker) {
    router.post(path).handler(BodyHandler.create().setBodyLimit(maxBody))
        .failureHandler(ctx -> bodyTooLarge(ctx, maxBody));
    router.post(path).handler(ctx -> {
      JsonNode body = jsonBody(ctx, what);
      if (body == null) {
        return;
      }
      ctx.vertx().executeBlocking(() -> maker.make(body)).onComplete(r -> {
        if (r.succeeded()) {
          ctx.response().setStatusCode(status);
          send(ctx, r.result());
        } else {
          fail(ctx, r.cause());
        }
      });
    });
  }

  /**
   * A kind of background job's routes: GET base lists them, GET base/:id shows one, POST
   * base/:id/cancel cancels one; kind names it in messages ("zoom"), a missing one is 404.
   */
  static void jobs(Router router, String base, String kind,
      java.util.concurrent.Callable<ObjectNode> list,
      java.util.function.LongFunction<ObjectNode> show,
      java.util.function.LongPredicate cancel) {
    get(router, base).handler(ctx -> blocking(ctx, list, () -> missing(ctx, base, kind)));
    get(router, base + "/:id").handler(ctx -> blocking(ctx, () -> show.apply(id(ctx, kind)),
        () -> missing(ctx, base, kind)));
    router.post(base + "/:id/cancel").handler(ctx -> blocking(ctx, () -> {
      long id = id(ctx, kind);
      return cancel.test(id) ? show.apply(id) : null;
    }, () -> missing(ctx, base, kind)));
  }

  private static void missing(RoutingContext ctx, String base, String kind) {
    notFound(ctx, "no " + kind + " " + ctx.pathParam("id") + "; GET " + base + " lists them");
  }

  /** The path's {id}, a number of the kind named (a sweep, a zoom). */
  static long id(RoutingContext ctx, String kind) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw RefusedException.badMessage("id", "must be a " + kind + " number, got '"
          + ctx.pathParam("id") + "'");
    }
  }

  /** BodyHandler fails a body over the limit with 413; say which limit, as JSON. */
  static void bodyTooLarge(RoutingContext ctx, long maxBody) {
    if (ctx.statusCode() != 413) {
      ctx.next();
      return;
    }
    ctx.response().setStatusCode(413).putHeader("content-type", "application/json")
        .end(Messages.error(RefusedException.limit("body", "a request body is at most "
            + maxBody + " bytes on this server (limit --max-body-kb)")).toString());
  }

  static void send(RoutingContext ctx, ObjectNode json) {
    if (!ctx.response().ended() && !ctx.response().closed()) {
      ctx.response().putHeader("content-type", "application/json").end(json.toString());
    }
  }

  static void fail(RoutingContext ctx, Throwable e) {
    int status = Messages.status(e);
    if (status >= 500 && status != 503) {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().uri(), e);
    } else {
      LOG.info("refused {} {} from {}: {}", ctx.request().method(), ctx.request().path(),
          ctx.request().remoteAddress(), e.getMessage());
    }
    if (!ctx.response().ended() && !ctx.response().closed()) {
      ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
          .end(Messages.error(e).toString());
    }
  }
}
