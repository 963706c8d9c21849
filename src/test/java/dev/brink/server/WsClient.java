package dev.brink.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client (the JDK's java.net.http) for tests. It reads messages as they come
 * unless told to hold back, in which case it reads only what {@link #read(int)} allows, so the
 * server meets a client that stops reading.
 */
final class WsClient implements WebSocket.Listener, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A decoded binary frame (docs/protocol.md). */
  record Binary(int kind, int flags, int view, int z, int width, long x, long y, int height,
      float[] values) {
  }

  final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
  private final boolean autoRead;
  private final StringBuilder text = new StringBuilder();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private WebSocket socket;
  volatile boolean closed;

  private WsClient(boolean autoRead) {
    this.autoRead = autoRead;
  }

  static WsClient connect(int port, boolean autoRead) throws Exception {
    WsClient client = new WsClient(autoRead);
    client.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), client)
        .get(10, TimeUnit.SECONDS);
    return client;
  }

  @Override
  public void onOpen(WebSocket ws) {
    if (autoRead) {
      ws.request(1);
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    text.append(data);
    if (last) {
      try {
        messages.add(JSON.readTree(text.toString()));
      } catch (Exception e) {
        messages.add(e);
      }
      text.setLength(0);
    }
    more(ws, last);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
    byte[] chunk = new byte[data.remaining()];
    data.get(chunk);
    bytes.writeBytes(chunk);
    if (last) {
      messages.add(decode(bytes.toByteArray()));
      bytes.reset();
    }
    more(ws, last);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
    closed = true;
    return null;
  }

  private void more(WebSocket ws, boolean last) {
    // Fragments of one message always flow; whole messages only when reading freely.
    if (!last || autoRead) {
      ws.request(1);
    }
  }

  /** Lets n more messages in (for a client created with autoRead false). */
  void read(long n) {
    socket.request(n);
  }

  void send(String json) throws Exception {
    socket.sendText(json, true).get(10, TimeUnit.SECONDS);
  }

  void sendBinary(byte[] b) throws Exception {
    socket.sendBinary(ByteBuffer.wrap(b), true).get(10, TimeUnit.SECONDS);
  }

  /** The next message (JsonNode or Binary), or null after the timeout. */
  Object next(long millis) throws InterruptedException {
    return messages.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** The next text message, failing on a timeout or a binary frame in between. */
  JsonNode nextText(long millis) throws InterruptedException {
    Object m = next(millis);
    if (!(m instanceof JsonNode)) {
      throw new AssertionError("expected a text message, got " + m);
    }
    return (JsonNode) m;
  }

  static Binary decode(byte[] frame) {
    ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
    int version = b.get();
    if (version != 2) {
      throw new AssertionError("version " + version);
    }
    int kind = b.get();
    int flags = b.getShort();
    int view = b.getInt();
    int z = b.getInt();
    int width = b.getInt();
    long x = b.getLong();
    long y = b.getLong();
    int height = b.getInt();
    // A refining tile skips the coarser level's points: fewer values than width x height.
    if (b.remaining() % 4 != 0 || b.remaining() / 4 > width * height) {
      throw new AssertionError(b.remaining() + " bytes of values for " + width + " x " + height);
    }
    float[] values = new float[b.remaining() / 4];
    for (int i = 0; i < values.length; i++) {
      values[i] = b.getFloat();
    }
    return new Binary(kind, flags, view, z, width, x, y, height, values);
  }

  @Override
  public void close() {
    if (!closed) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "test done");
    }
    socket.abort();
  }
}
