package dev.brink.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests the JDK's client refuses to send (malformed
 * percent-encodings, any method, huge request lines and headers, not HTTP at all).
 */
final class RawHttp {
  /** A response: status, the raw head (status line and headers) and the body. */
  record Response(int status, String head, String body) {
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }

    JsonNode json() throws IOException {
      return new ObjectMapper().readTree(body);
    }
  }

  private RawHttp() {
  }

  /** Sends "method target HTTP/1.1" with Host and Connection: close, and the extra head lines. */
  static Response send(int port, String method, String target, String... headers)
      throws IOException {
    StringBuilder request = new StringBuilder(method).append(' ').append(target)
        .append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port).append("\r\n");
    for (String h : headers) {
      request.append(h).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    return exchange(port, request.toString());
  }

  /** Sends the bytes as they are and reads until the server closes. */
  static Response exchange(int port, String raw) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        all.write(buffer, 0, n);
      }
      String text = all.toString(StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      String head = end < 0 ? text : text.substring(0, end);
      String body = end < 0 ? "" : text.substring(end + 4);
      String[] status = head.split(" ", 3);
      if (status.length < 2 || !status[0].toUpperCase(Locale.ROOT).startsWith("HTTP/")) {
        throw new IOException("not an HTTP response: " + text);
      }
      return new Response(Integer.parseInt(status[1]), head, body);
    }
  }
}
