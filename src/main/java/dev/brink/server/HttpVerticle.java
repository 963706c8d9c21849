package dev.brink.server;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.ext.web.Router;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side: the browser client from web/ at /, the REST API under /api, and one WebSocket
 * per viewer at /ws. Thin: the work is in {@link ApiRoutes}, {@link ViewSession} and below.
 */
final class HttpVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  private final ServerConfig config;
  private final ComputePool pool;
  private final ViewStreams streams;
  private final TileService tiles;
  private final SweepService sweeps;
  private final AtomicInteger sessions;
  private final PrometheusMeterRegistry registry;
  private final java.util.Set<ServerWebSocket> open =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private HttpServer server;

  HttpVerticle(ServerConfig config, ComputePool pool, ViewStreams streams, TileService tiles,
      SweepService sweeps, AtomicInteger sessions, PrometheusMeterRegistry registry) {
    this.registry = registry;
    this.config = config;
    this.pool = pool;
    this.streams = streams;
    this.tiles = tiles;
    this.sweeps = sweeps;
    this.sessions = sessions;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    if (!config.allowedOrigins().isEmpty()) {
      // CORS for the embedding sites only; none otherwise.
      router.route("/api/*").handler(CorsHandler.create().addOrigins(config.allowedOrigins())
          .allowedMethod(io.vertx.core.http.HttpMethod.GET)
          .allowedMethod(io.vertx.core.http.HttpMethod.POST).allowedHeader("content-type"));
    }
    new SweepRoutes(sweeps, config.limits().maxBodyBytes()).mount(router);
    new ApiRoutes(config, pool, streams, tiles, sessions::get).mount(router);
    // Browser libraries from WebJars on the classpath, e.g. /webjars/uplot/1.6.30/dist/...
    router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
    router.route("/*").handler(StaticHandler.create("web").setIndexPage("index.html"));
    // Tiles are float32 noise to a compressor: per-message deflate would cost CPU, gain little.
    // No HTTP/2 upgrade on plain HTTP (h2c): browsers never ask for it, and with the JDK's
    // HttpClient, which does, large responses such as /metrics sometimes never completed.
    HttpServerOptions options = new HttpServerOptions()
        .setPerMessageWebSocketCompressionSupported(false).setHttp2ClearTextEnabled(false);
    return vertx.createHttpServer(options)
        .webSocketHandshakeHandler(this::handshake)
        .webSocketHandler(this::session)
        .requestHandler(router)
        .listen(config.port(), config.host())
        .onSuccess(s -> server = s);
  }

  /** The actual port, useful when the config asked for port 0. */
  int port() {
    return server.actualPort();
  }

  /**
   * Accepts WebSockets at /ws from this server's own pages, from the configured embedding
   * origins, and from clients that send no Origin (not browsers); a page elsewhere cannot open
   * one (cross-site WebSocket hijacking).
   */
  private void handshake(ServerWebSocketHandshake hs) {
    if (!hs.path().equals("/ws")) {
      LOG.info("refused WebSocket at {} from {}: only /ws", hs.path(), hs.remoteAddress());
      hs.reject(404);
      return;
    }
    if (sessions.get() >= config.limits().maxSessions()) {
      LOG.warn("refused WebSocket from {}: {} sessions open, the limit (--max-sessions)",
          hs.remoteAddress(), sessions.get());
      hs.reject(503);
      return;
    }
    String origin = hs.headers().get("Origin");
    if (origin != null && !allowedOrigin(origin, hs.headers().get("Host"))) {
      LOG.info("refused WebSocket from {} with Origin {}: not this server nor an allowed origin"
          + " (--allow-origin)", hs.remoteAddress(), origin);
      hs.reject(403);
      return;
    }
    hs.accept();
  }

  private boolean allowedOrigin(String origin, String host) {
    if (config.allowedOrigins().contains(origin)) {
      return true;
    }
    try {
      java.net.URI uri = java.net.URI.create(origin);
      String authority = uri.getRawAuthority();
      return host != null && authority != null && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void session(ServerWebSocket socket) {
    sessions.incrementAndGet();
    open.add(socket);
    new ViewSession(socket, vertx.getOrCreateContext(), config, streams, sweeps)
        .start(() -> {
          open.remove(socket);
          sessions.decrementAndGet();
        });
  }

  /** On shutdown every viewer's socket is closed with 1001 and a reason, not just dropped. */
  @Override
  public Future<?> stop() {
    java.util.List<Future<Void>> closing = new java.util.ArrayList<>();
    for (ServerWebSocket socket : open) {
      closing.add(socket.close((short) 1001, "brink is shutting down"));
    }
    return Future.join(closing).otherwiseEmpty();
  }
}
