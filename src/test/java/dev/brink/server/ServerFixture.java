package dev.brink.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import dev.brink.server.config.ServerConfig;
import dev.brink.server.config.ServerLimits;

/** A real brink server on an ephemeral loopback port, with a temporary data folder. */
public final class ServerFixture implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public final BrinkServer server;
  final ServerConfig config;

  ServerFixture(int window) throws Exception {
    this(window, 0);
  }

  /** A server on a given port (0: any free one), e.g. to restart one where a page expects it. */
  public ServerFixture(int window, int port) throws Exception {
    this(window, port, Files.createTempDirectory("brink-test"));
  }

  /** A server on a given data folder, e.g. to restart one over the same database. */
  ServerFixture(int window, int port, Path data) throws Exception {
    this(window, port, data, java.util.List.of());
  }

  /** A server that lets pages of these origins embed it. */
  ServerFixture(int window, int port, Path data, java.util.List<String> origins)
      throws Exception {
    this(window, port, data, origins, ServerLimits.defaults().maxSessions());
  }

  /** ... and at most maxSessions viewer sockets at once. */
  ServerFixture(int window, int port, Path data, java.util.List<String> origins,
      int maxSessions) throws Exception {
    this(window, port, data, origins, ServerLimits.defaults().withMaxSessions(maxSessions));
  }

  /** ... with these limits. */
  ServerFixture(int window, int port, Path data, java.util.List<String> origins,
      ServerLimits limits) throws Exception {
    this(ServerConfig.defaults().withAddress("127.0.0.1", port, data).withWindow(window)
        .withAllowedOrigins(origins).withLimits(limits));
  }

  /**
   * A server of this config, once its kernel warm-up has run: tests that count computations
   * must see only their own.
   */
  ServerFixture(ServerConfig config) throws Exception {
    this.config = config;
    server = BrinkServer.start(config);
    server.warm().get(2, java.util.concurrent.TimeUnit.MINUTES);
  }

  public int port() {
    return server.port();
  }

  WsClient connect(boolean autoRead) throws Exception {
    return WsClient.connect(server.port(), autoRead);
  }

  /** GET path; returns the status and the JSON body. */
  public Response get(String pathAndQuery) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), new ObjectMapper().readTree(r.body()));
  }

  public record Response(int status, JsonNode json) {
  }

  /** POST a JSON body; returns the status and the JSON answer. */
  public Response post(String path, String body) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + path))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), new ObjectMapper().readTree(r.body()));
  }

  /** GET a text body. */
  String text(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Waits up to the timeout for a condition; returns whether it held. */
  public static boolean eventually(long millis, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }

  @Override
  public void close() {
    server.close();
  }
}
