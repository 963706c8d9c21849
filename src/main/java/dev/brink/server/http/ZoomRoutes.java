package dev.brink.server.http;

import dev.brink.server.protocol.RefusedException;
import dev.brink.server.zoom.ZoomService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
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
    ApiRoutes.creating(router, "/api/zooms", maxBody, "the zoom", 202, zooms::create);
    ApiRoutes.jobs(router, "/api/zooms", "zoom", zooms::list, zooms::show, zooms::cancel);
    ApiRoutes.get(router, "/api/zooms/:id/video").handler(ctx -> file(ctx, zooms::video,
        "video/mp4", "mp4"));
    ApiRoutes.get(router, "/api/zooms/:id/dimensions").handler(ctx -> file(ctx,
        zooms::dimensions, "application/json", "json"));
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

  private static long id(RoutingContext ctx) {
    return ApiRoutes.id(ctx, "zoom");
  }
}
