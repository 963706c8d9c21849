package dev.brink.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.server.protocol.RefusedException;
import dev.brink.server.reproduce.ReproductionService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Reproductions of paper A over REST (docs/protocol.md): start, list, show, cancel, report. */
public final class ReproduceRoutes {
  private final ReproductionService reproductions;
  private final long maxBody;

  ReproduceRoutes(ReproductionService reproductions, long maxBody) {
    this.reproductions = reproductions;
    this.maxBody = maxBody;
  }

  void mount(Router router) {
    router.post("/api/reproductions").handler(BodyHandler.create().setBodyLimit(maxBody))
        .failureHandler(ctx -> ApiRoutes.bodyTooLarge(ctx, maxBody));
    router.post("/api/reproductions").handler(this::create);
    ApiRoutes.get(router, "/api/reproductions").handler(ctx -> blocking(ctx,
        reproductions::list));
    ApiRoutes.get(router, "/api/reproductions/:id").handler(ctx -> blocking(ctx,
        () -> reproductions.show(id(ctx))));
    router.post("/api/reproductions/:id/cancel").handler(ctx -> blocking(ctx, () -> {
      long id = id(ctx);
      return reproductions.cancel(id) ? reproductions.show(id) : null;
    }));
    ApiRoutes.get(router, "/api/reproductions/:id/report/:file").handler(this::file);
  }

  private void create(RoutingContext ctx) {
    JsonNode body = ApiRoutes.jsonBody(ctx, "the reproduction");
    if (body == null) {
      return;
    }
    ctx.vertx().executeBlocking(() -> reproductions.create(body)).onComplete(r -> {
      if (r.succeeded()) {
        ctx.response().setStatusCode(202);
        ApiRoutes.send(ctx, r.result());
      } else {
        ApiRoutes.fail(ctx, r.cause());
      }
    });
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
    Path file = reproductions.file(id, name);
    if (file == null) {
      ApiRoutes.notFound(ctx, "reproduction " + id + " has no file " + name
          + "; its report is /api/reproductions/" + id + "/report/index.html");
      return;
    }
    String type = name.endsWith(".html") ? "text/html; charset=utf-8"
        : name.endsWith(".png") ? "image/png" : "application/json";
    ctx.response().putHeader("content-type", type).putHeader("cache-control", "no-cache")
        .sendFile(file.toString());
  }

  private static void blocking(RoutingContext ctx, Callable<ObjectNode> call) {
    ApiRoutes.blocking(ctx, call, () -> ApiRoutes.notFound(ctx, "no reproduction "
        + ctx.pathParam("id") + "; GET /api/reproductions lists them"));
  }

  private static long id(RoutingContext ctx) {
    return ApiRoutes.id(ctx, "reproduction");
  }
}
