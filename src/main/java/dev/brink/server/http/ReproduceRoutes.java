package dev.brink.server.http;

import dev.brink.server.protocol.RefusedException;
import dev.brink.server.reproduce.ReproductionService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Reproductions of paper A over REST (docs/protocol.md): start, list, show, cancel, report. */
public final class ReproduceRoutes {
  private final ReproductionService reproductions;
  private final long maxBody;

  ReproduceRoutes(ReproductionService reproductions, long maxBody) {
    this.reproductions = reproductions;
    this.maxBody = maxBody;
  }

  void mount(Router router) {
    ApiRoutes.creating(router, "/api/reproductions", maxBody, "the reproduction", 202,
        reproductions::create);
    ApiRoutes.jobs(router, "/api/reproductions", "reproduction", reproductions::list,
        reproductions::show, reproductions::cancel);
    ApiRoutes.get(router, "/api/reproductions/:id/report/:file").handler(this::file);
  }

  /** A file of the report (index.html, report.json, a figure), rewritten as it runs. */
  private void file(RoutingContext ctx) {
    long id;
    try {
      id = id(ctx);
    } catch (RefusedException e) {
      ApiRoutes.fail(ctx, e);
      return;
    }
    String name = ctx.pathParam("file");
    // The file's existence is a disk access: asked off the event loop.
    ctx.vertx().executeBlocking(() -> java.util.Optional.ofNullable(
        reproductions.file(id, name))).onComplete(r -> {
          if (r.failed()) {
            ApiRoutes.fail(ctx, r.cause());
          } else if (r.result().isEmpty()) {
            ApiRoutes.notFound(ctx, "reproduction " + id + " has no file " + name
                + "; its report is /api/reproductions/" + id + "/report/index.html");
          } else {
            String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                : name.endsWith(".png") ? "image/png" : "application/json";
            ctx.response().putHeader("content-type", type).putHeader("cache-control",
                "no-cache").sendFile(r.result().get().toString());
          }
        });
  }

  private static long id(RoutingContext ctx) {
    return ApiRoutes.id(ctx, "reproduction");
  }
}
