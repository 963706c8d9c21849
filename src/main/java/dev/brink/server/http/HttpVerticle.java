package dev.brink.server.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
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
import dev.brink.server.config.ServerConfig;
import dev.brink.server.compute.ComputePool;
import dev.brink.server.view.ViewSession;
import dev.brink.server.view.ViewStreams;
import dev.brink.server.view.TileService;
import dev.brink.server.sweep.SweepService;
import dev.brink.server.reproduce.ReproductionService;
import dev.brink.server.zoom.ZoomService;

/**
 * The HTTP side: the browser client from web/ at /, the REST API under /api, and one WebSocket
 * per viewer at /ws. Thin: the work is in {@link ApiRoutes}, {@link ViewSession} and below.
 */
public final class HttpVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  private final ServerConfig config;
  private final ComputePool pool;
  private final ViewStreams streams;
  private final TileService tiles;
  private final SweepService sweeps;
  private final ZoomService zooms;
  private final ReproductionService reproductions;
  private final AtomicInteger sessions;
  private final PrometheusMeterRegistry registry;
  private final java.util.Set<ServerWebSocket> open =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Origins origins;
  private HttpServer server;

  public HttpVerticle(ServerConfig config, ComputePool pool, ViewStreams streams, TileService tiles,
      SweepService sweeps, ZoomService zooms, ReproductionService reproductions,
      AtomicInteger sessions, PrometheusMeterRegistry registry) {
    this.registry = registry;
    this.config = config;
    this.origins = new Origins(config);
    this.pool = pool;
    this.streams = streams;
    this.tiles = tiles;
    this.sweeps = sweeps;
    this.zooms = zooms;
    this.reproductions = reproductions;
    this.sessions = sessions;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    HttpErrors.install(router);
    router.route().order(-999).handler(this::checkHostAndOrigin);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    if (!config.allowedOrigins().isEmpty()) {
      // CORS for the embedding sites only; none otherwise.
      router.route("/api/*").handler(CorsHandler.create().addOrigins(config.allowedOrigins())
          .allowedMethod(HttpMethod.GET)
          .allowedMethod(HttpMethod.POST).allowedHeader("content-type"));
    }
    new SweepRoutes(sweeps, config.limits().maxBodyBytes()).mount(router);
    new ZoomRoutes(zooms, config.limits().maxBodyBytes()).mount(router);
    new ReproduceRoutes(reproductions, config.limits().maxBodyBytes()).mount(router);
    new ApiRoutes(config, pool, streams, tiles, sessions::get).mount(router);
    // Browser libraries from WebJars on the classpath, e.g. /webjars/uplot/1.6.30/dist/...
    router.route("/webjars/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(StaticHandler.create("META-INF/resources/webjars"));
    router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(StaticHandler.create("web").setIndexPage("index.html"));
    // Tiles are float32 noise to a compressor: per-message deflate would cost CPU, gain little.
    // No HTTP/2 upgrade on plain HTTP (h2c): browsers never ask for it, and with the JDK's
    // HttpClient, which does, large responses such as /metrics sometimes never completed.
    HttpServerOptions options = new HttpServerOptions()
        .setPerMessageWebSocketCompressionSupported(false).setHttp2ClearTextEnabled(false);
    return vertx.createHttpServer(options)
        .invalidRequestHandler(HttpErrors.invalidRequest(options.getMaxInitialLineLength(),
            options.getMaxHeaderSize()))
        .webSocketHandshakeHandler(this::handshake)
        .webSocketHandler(this::session)
        .requestHandler(HttpErrors.checkingPaths(router))
        .listen(config.port(), config.host())
        .onSuccess(s -> server = s);
  }

  /** The actual port, useful when the config asked for port 0. */
  public int port() {
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
    String host = hs.headers().get("Host");
    String origin = hs.headers().get("Origin");
    if (!origins.hostAllowed(host)) {
      LOG.info("refused WebSocket from {} with Host {}: not a name of this server (--allow-host)",
          hs.remoteAddress(), host);
      hs.reject(403);
      return;
    }
    if (origin != null && !origins.originAllowed(origin, host)) {
      LOG.info("refused WebSocket from {} with Origin {}: not this server nor an allowed origin"
          + " (--allow-origin)", hs.remoteAddress(), origin);
      hs.reject(403);
      return;
    }
    hs.accept();
  }

  /**
   * Every request but the scrapers' (/metrics, /api/health, read-only and reached by service
   * names) must name this server in its Host; a request that changes something (not GET or
   * HEAD) from a browser page must come from an allowed Origin, so that no other site's page
   * can start or cancel sweeps in a viewer's browser.
   */
  private void checkHostAndOrigin(io.vertx.ext.web.RoutingContext ctx) {
    io.vertx.core.http.HttpServerRequest request = ctx.request();
    String path = request.path();
    String host = request.getHeader("Host");
    if (!path.equals("/metrics") && !path.equals("/api/health") && !origins.hostAllowed(host)) {
      LOG.info("refused {} {} from {} with Host {}: not a name of this server (--allow-host)",
          request.method(), path, request.remoteAddress(), host);
      HttpErrors.send(request, 403, "forbidden", "host", "this server is not reached as '"
          + host + "' here; a name other than localhost or an IP address must be allowed with "
          + "--allow-host (a guard against DNS rebinding)");
      return;
    }
    String origin = request.getHeader("Origin");
    boolean reads = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD
        || request.method() == HttpMethod.OPTIONS;
    if (!reads && origin != null && !origins.originAllowed(origin, host)) {
      LOG.info("refused {} {} from {} with Origin {}: not this server nor an allowed origin",
          request.method(), path, request.remoteAddress(), origin);
      HttpErrors.send(request, 403, "forbidden", "origin", "pages of " + origin + " may not "
          + "call this server; allow a site with --allow-origin");
      return;
    }
    ctx.next();
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
