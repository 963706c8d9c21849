package dev.brink.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.server.protocol.RefusedException;
import dev.brink.server.zoom.ZoomService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;

/** Zoom videos over REST (docs/protocol.md): record, list, show, cancel, download. */
public final class ZoomRoutes {
  private final ZoomService zooms;
  private final long maxBody;

  ZoomRoutes(ZoomService zooms, long maxBody) {
    this.zooms = zooms;
    this.maxBody = maxBody;
  }

  void mount(Router router) {
    router.post("/api/zooms").handler(BodyHandler.create().setBodyLimit(maxBody))
        .failureHandler(ctx -> ApiRoutes.bodyTooLarge(ctx, maxBody));
    router.post("/api/zooms").handler(this::create);
    ApiRoutes.get(router, "/api/zooms").handler(ctx -> blocking(ctx, zooms::list));
    ApiRoutes.get(router, "/api/zooms/:id").handler(ctx -> blocking(ctx,
        () -> zooms.show(id(ctx))));
    router.post("/api/zooms/:id/cancel").handler(ctx -> blocking(ctx, () -> {
      long id = id(ctx);
      return zooms.cancel(id) ? zooms.show(id) : null;
    }));
    ApiRoutes.get(router, "/api/zooms/:id/video").handler(ctx -> file(ctx, zooms::video,
        "video/mp4", "mp4"));
    ApiRoutes.get(router, "/api/zooms/:id/dimensions").handler(ctx -> file(ctx,
        zooms::dimensions, "application/json", "json"));
  }

  private void create(RoutingContext ctx) {
    JsonNode body = ApiRoutes.jsonBody(ctx, "the zoom");
    if (body == null) {
      return;
    }
    ctx.vertx().executeBlocking(() -> zooms.create(body)).onComplete(r -> {
      if (r.succeeded()) {
        ctx.response().setStatusCode(202);
        ApiRoutes.send(ctx, r.result());
      } else {
        ApiRoutes.fail(ctx, r.cause());
      }
    });
  }

  /** A finished recording's file, or 404 while there is none (yet). */
  private static void file(RoutingContext ctx, LongFunction<Path> which, String type,
      String extension) {
    long id;
    try {
      id = id(ctx);
    } catch (RefusedException e) {
      ApiRoutes.fail(ctx, e);
      return;
    }
    Path file = which.apply(id);
    if (file == null) {
      ApiRoutes.notFound(ctx, "no finished zoom " + id + "; GET /api/zooms/" + id
          + " says how far it is");
      return;
    }
    ctx.response().putHeader("content-type", type).putHeader("content-disposition",
        "attachment; filename=\"brink-zoom-" + id + "." + extension + "\"")
        .sendFile(file.toString());
  }

  private static void blocking(RoutingContext ctx, Callable<ObjectNode> call) {
    ApiRoutes.blocking(ctx, call, () -> ApiRoutes.notFound(ctx, "no zoom "
        + ctx.pathParam("id") + "; GET /api/zooms lists them"));
  }

  private static long id(RoutingContext ctx) {
    return ApiRoutes.id(ctx, "zoom");
  }
}
