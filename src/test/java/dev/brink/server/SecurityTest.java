package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Who may open a WebSocket, CORS, and static files that stay inside web/. */
class SecurityTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The handshake's HTTP status: 101 when accepted. */
  static int handshake(int port, String origin) throws Exception {
    WebSocket.Builder b = HTTP.newWebSocketBuilder();
    if (origin != null) {
      b.header("Origin", origin);
    }
    try {
      WebSocket ws = b.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"),
          new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
      ws.abort();
      return 101;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException) {
        return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
      }
      throw e;
    }
  }

  @Test
  @DisplayName("WebSockets: same origin and non-browsers allowed, other sites refused with 403")
  void originChecked() throws Exception {
    try (ServerFixture f = new ServerFixture(8)) {
      int port = f.port();
      assertEquals(101, handshake(port, null));
      assertEquals(101, handshake(port, "http://127.0.0.1:" + port));
      assertEquals(403, handshake(port, "http://evil.example"));
      assertEquals(403, handshake(port, "http://127.0.0.1:1"));
      assertEquals(403, handshake(port, "not a url"));
    }
  }

  @Test
  @DisplayName("an allowed embedding origin may open the WebSocket and gets CORS; others do not")
  void embeddingOrigins() throws Exception {
    try (ServerFixture f = new ServerFixture(8, 0, Files.createTempDirectory("brink-cors"),
        List.of("http://lab.example"))) {
      assertEquals(101, handshake(f.port(), "http://lab.example"));
      assertEquals(403, handshake(f.port(), "http://other.example"));
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(
              "http://127.0.0.1:" + f.port() + "/api/health"))
          .header("Origin", "http://lab.example").build(), HttpResponse.BodyHandlers.ofString());
      assertEquals("http://lab.example",
          r.headers().firstValue("access-control-allow-origin").orElse(null));
    }
    try (ServerFixture f = new ServerFixture(8)) {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(
              "http://127.0.0.1:" + f.port() + "/api/health"))
          .header("Origin", "http://lab.example").build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(r.headers().firstValue("access-control-allow-origin").isEmpty(),
          "no CORS without configured origins");
    }
  }

  @Test
  @DisplayName("beyond --max-sessions a new WebSocket is refused with 503 until one closes")
  void sessionLimit() throws Exception {
    try (ServerFixture f = new ServerFixture(8, 0, Files.createTempDirectory("brink-limit"),
        List.of(), 2)) {
      WsClient a = f.connect(true);
      WsClient b = f.connect(true);
      assertTrue(ServerFixture.eventually(5000, () -> f.server.sessions() == 2));
      assertEquals(503, handshake(f.port(), null));
      a.close();
      assertTrue(ServerFixture.eventually(5000, () -> f.server.sessions() == 1));
      assertEquals(101, handshake(f.port(), null));
      b.close();
    }
  }

  /** A raw request, so that the path reaches the server exactly as written. */
  static String raw(int port, String path) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  @DisplayName("static files cannot escape web/ (path traversal)")
  void noTraversal() throws Exception {
    assertTrue(Files.readString(java.nio.file.Path.of("pom.xml")).contains("<project"));
    try (ServerFixture f = new ServerFixture(8)) {
      for (String path : List.of("/../pom.xml", "/%2e%2e/pom.xml", "/..%2fpom.xml",
          "/js/../../pom.xml", "/%2e%2e%2f%2e%2e%2fpom.xml", "/....//pom.xml",
          "/..\\pom.xml", "/web/../pom.xml", "/%252e%252e/pom.xml")) {
        String response = raw(f.port(), path);
        assertFalse(response.contains("<project"), path + " served the project's pom.xml");
        assertFalse(response.startsWith("HTTP/1.1 5"), path + ": " + response.lines().findFirst());
      }
      assertTrue(raw(f.port(), "/js/viewport.js").startsWith("HTTP/1.1 200"));
    }
  }
}
