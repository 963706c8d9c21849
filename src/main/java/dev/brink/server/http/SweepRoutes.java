package dev.brink.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import dev.brink.server.protocol.RefusedException;
import dev.brink.server.sweep.SweepService;

/** Sweeps over REST (docs/protocol.md): create, list, show, cancel, CSV. */
public final class SweepRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SweepService sweeps;
  private final long maxBody;

  SweepRoutes(SweepService sweeps, long maxBody) {
    this.sweeps = sweeps;
    this.maxBody = maxBody;
  }

  void mount(Router router) {
    ApiRoutes.creating(router, "/api/sweeps", maxBody, "the sweep", 201,
        body -> sweeps.show(sweeps.create(body)));
    ApiRoutes.get(router, "/api/sweeps").handler(ctx -> blocking(ctx, () -> {
      ObjectNode o = JSON.createObjectNode();
      o.putArray("sweeps").addAll(sweeps.list());
      return o;
    }));
    ApiRoutes.get(router, "/api/sweeps/:id").handler(ctx -> blocking(ctx, () -> sweeps.show(id(ctx))));
    router.post("/api/sweeps/:id/cancel").handler(ctx -> blocking(ctx, () -> {
      long id = id(ctx);
      return sweeps.cancel(id) ? sweeps.show(id) : null;
    }));
    ApiRoutes.get(router, "/api/sweeps/:id/csv").handler(this::csv);
  }

  private void csv(RoutingContext ctx) {
    ctx.vertx().executeBlocking(() -> sweeps.csv(id(ctx))).onComplete(r -> {
      if (r.failed()) {
        ApiRoutes.fail(ctx, r.cause());
      } else if (r.result() == null) {
        notFound(ctx);
      } else {
        ctx.response().putHeader("content-type", "text/csv")
            .putHeader("content-disposition", "attachment; filename=\"sweep-" + id(ctx)
                + ".csv\"").end(r.result());
      }
    });
  }

  /** Runs a store call on a worker; null means no such sweep (404). */
  private static void blocking(RoutingContext ctx, Callable<ObjectNode> call) {
    ApiRoutes.blocking(ctx, call, () -> notFound(ctx));
  }

  private static long id(RoutingContext ctx) {
    return ApiRoutes.id(ctx, "sweep");
  }

  private static void notFound(RoutingContext ctx) {
    ApiRoutes.notFound(ctx, "no sweep " + ctx.pathParam("id") + "; GET /api/sweeps lists them");
  }
}
