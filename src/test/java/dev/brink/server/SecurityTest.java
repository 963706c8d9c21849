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
import dev.brink.server.config.ServerConfig;

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

  /** The status of a WebSocket handshake with exactly this Host and Origin (null: none). */
  static int rawHandshake(int port, String host, String origin) throws Exception {
    String request = "GET /ws HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n")
        + "\r\n";
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      StringBuilder line = new StringBuilder();
      InputStream in = s.getInputStream();
      for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
        line.append((char) c);
      }
      return Integer.parseInt(line.toString().split(" ")[1]);
    }
  }

  @Test
  @DisplayName("Host and Origin: scheme, host and port compared; a rebound DNS name is refused "
      + "on the WebSocket and the REST API, other sites' pages cannot change anything")
  void hostAndOriginChecked() throws Exception {
    try (ServerFixture f = new ServerFixture(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0, Files.createTempDirectory("brink-host"))
        .withAllowedHosts(List.of("brink.lab.example")))) {
      int p = f.port();
      String self = "127.0.0.1:" + p;
      assertEquals(101, rawHandshake(p, self, "http://" + self));
      assertEquals(101, rawHandshake(p, "localhost:" + p, "http://localhost:" + p));
      assertEquals(101, rawHandshake(p, "[::1]:" + p, "http://[::1]:" + p));
      assertEquals(101, rawHandshake(p, self, null));
      assertEquals(403, rawHandshake(p, self, "https://" + self), "another scheme");
      assertEquals(403, rawHandshake(p, self, "ftp://" + self), "another scheme");
      assertEquals(403, rawHandshake(p, self, "http://127.0.0.1:" + (p + 1)), "another port");
      assertEquals(403, rawHandshake(p, "evil.example:" + p, "http://evil.example:" + p),
          "DNS rebinding: the page's own name");
      assertEquals(403, rawHandshake(p, "evil.example:" + p, null), "an unknown name");
      assertEquals(101, rawHandshake(p, "brink.lab.example:" + p,
          "http://brink.lab.example:" + p), "a name given with --allow-host");
      assertEquals(101, rawHandshake(p, "BRINK.lab.example:" + p,
          "http://brink.LAB.example:" + p), "names compare without case");

      RawHttp.Response rebound = RawHttp.exchange(p, "GET /api/families HTTP/1.1\r\nHost: "
          + "evil.example:" + p + "\r\nConnection: close\r\n\r\n");
      assertEquals(403, rebound.status());
      assertEquals("host", rebound.json().get("field").asText(), rebound.body());
      assertTrue(rebound.json().get("message").asText().contains("--allow-host"));
      assertEquals(200, RawHttp.exchange(p, "GET /api/health HTTP/1.1\r\nHost: brink:8080"
          + "\r\nConnection: close\r\n\r\n").status(), "scrapers reach health by any name");
      assertEquals(200, RawHttp.exchange(p, "GET /api/families HTTP/1.1\r\nHost: "
          + "brink.lab.example\r\nConnection: close\r\n\r\n").status());

      String sweep = "{\"params\":{\"family\":\"additive\"}}";
      RawHttp.Response forged = RawHttp.exchange(p, "POST /api/sweeps HTTP/1.1\r\nHost: " + self
          + "\r\nOrigin: http://evil.example\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + sweep.length() + "\r\nConnection: close\r\n\r\n" + sweep);
      assertEquals(403, forged.status(), forged.body());
      assertEquals("origin", forged.json().get("field").asText());
      assertEquals(0, f.get("/api/sweeps").json().get("sweeps").size(), "no sweep created");
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
