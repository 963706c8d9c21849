package dev.brink.server.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import dev.brink.log.LogText;
import dev.brink.server.protocol.RefusedException;

/**
 * Every HTTP error the router or the HTTP codec produces, as the one JSON error object of
 * docs/protocol.md in brink's words: unknown paths, methods a path does not answer, malformed
 * percent-encodings, URIs and headers too long, requests the codec cannot read. Failures thrown
 * by handlers go through {@link ApiRoutes#fail}, which maps them by {@link Messages}.
 */
public final class HttpErrors {
  /** The statuses the router may fail a request with by itself. */
  private static final int[] ROUTER_STATUSES = {400, 403, 404, 405, 406, 413, 415, 500};

  private HttpErrors() {
  }

  /**
   * Decodes the query of every request first, so a malformed one is a 400 that names it, and
   * maps the router's own failures to JSON.
   */
  static void install(Router router) {
    router.route().order(-1000).handler(ctx -> {
      try {
        ctx.queryParams();
      } catch (RuntimeException e) {
        // Vert.x wraps the decoder's IllegalArgumentException in an HttpException(400).
        Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
        send(ctx.request(), 400, "bad-parameter", "query", "the query is not valid "
            + "percent-encoding (" + LogText.escape(cause.getMessage()) + "); write '%' as %25");
        return;
      }
      ctx.next();
    });
    for (int status : ROUTER_STATUSES) {
      router.errorHandler(status, HttpErrors::routerFailure);
    }
  }

  private static void routerFailure(RoutingContext ctx) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    if (ctx.failure() != null) {
      ApiRoutes.fail(ctx, ctx.failure());
      return;
    }
    HttpServerRequest request = ctx.request();
    String what = request.method() + " " + LogText.escape(request.path());
    switch (ctx.statusCode()) {
      case 404:
        send(request, 404, "not-found", "path", "no such page or API: " + what
            + "; see docs/protocol.md");
        break;
      case 405:
        ctx.response().putHeader("allow", request.path().equals("/api/sweeps")
            || request.path().endsWith("/cancel") ? "GET, HEAD, POST" : "GET, HEAD");
        send(request, 405, "method-not-allowed", "method", request.method()
            + " is not answered at " + LogText.escape(request.path()) + "; see docs/protocol.md");
        break;
      case 413:
        send(request, 413, RefusedException.LIMIT_EXCEEDED, "body", "the request body is "
            + "larger than this server takes");
        break;
      case 415:
        send(request, 415, "bad-message", "content-type", "send the body as application/json");
        break;
      default:
        send(request, ctx.statusCode(), "bad-request", null, "the request was refused ("
            + ctx.statusCode() + "): " + what);
    }
  }

  /**
   * The router, behind a check of the path's percent-encoding: the router answers a malformed
   * one with plain text before any handler of it runs.
   */
  static Handler<HttpServerRequest> checkingPaths(Router router) {
    return request -> {
      try {
        QueryStringDecoder.decodeComponent(request.path());
      } catch (IllegalArgumentException e) {
        send(request, 400, "bad-request", "path", "the path is not valid percent-encoding ("
            + LogText.escape(e.getMessage()) + "); write '%' as %25");
        return;
      }
      router.handle(request);
    };
  }

  /**
   * Requests the HTTP codec could not read: the URI or the headers too long, or not HTTP; the
   * connection is closed after the answer, as the codec cannot go on reading it.
   */
  static Handler<HttpServerRequest> invalidRequest(int maxLine, int maxHeaders) {
    return request -> {
      Throwable cause = request.decoderResult().cause();
      request.response().putHeader("connection", "close");
      if (cause instanceof TooLongHttpLineException) {
        send(request, 414, RefusedException.LIMIT_EXCEEDED, "uri", "the request line is longer "
            + "than " + maxLine + " bytes; ask for less, or send a sweep's parameters in its "
            + "POST body");
      } else if (cause instanceof TooLongHttpHeaderException) {
        send(request, 431, RefusedException.LIMIT_EXCEEDED, "headers", "the request's headers "
            + "are longer than " + maxHeaders + " bytes");
      } else {
        send(request, 400, "bad-request", null, "not a valid HTTP request"
            + (cause == null ? "" : ": " + LogText.escape(String.valueOf(cause.getMessage()))));
      }
    };
  }

  static void send(HttpServerRequest request, int status, String kind, String field,
      String message) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("error", kind);
    if (field == null) {
      o.putNull("field");
    } else {
      o.put("field", field);
    }
    o.put("message", message);
    request.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(o.toString());
  }
}
