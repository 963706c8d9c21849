package dev.brink.bench;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.grid.Axis;
import dev.brink.landscape.Family;
import dev.brink.params.GdConfig;
import dev.brink.plane.PlaneExperiment;
import dev.brink.plane.PlaneResult;
import dev.brink.plane.PlaneSpec;
import dev.brink.server.BrinkServer;
import dev.brink.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Streaming overhead: the 512 x 512 eta-eps transition plane computed by the science core
 * directly, then received by a fast WebSocket client from a fresh server (empty cache) that
 * acknowledges every frame at once. Both use the same threads; the ratio of their rates is the
 * share of compute speed that survives streaming.
 */
public final class StreamingBenchmark {
  /** One measured pair. */
  public record Result(double directSeconds, double streamSeconds, long gdSteps) {
    public double ratio() {
      return directSeconds / streamSeconds;
    }
  }

  private StreamingBenchmark() {
  }

  /** Measures once; x0 shifts the plane so that repeated runs never share cached tiles. */
  public static Result measure(int threads, double x0) throws Exception {
    PlaneSpec spec = PlaneSpec.of(GdConfig.builder(Family.ADDITIVE).lambda(1.0).x0(x0),
        Axis.parse("x", "eta:0.85:1.1"), Axis.parse("y", "eps:0:0.3"), 512, 512);
    long start = System.nanoTime();
    PlaneResult direct;
    try (GdRunner runner = new GdRunner(threads)) {
      direct = PlaneExperiment.run(spec, runner, Cancellation.NONE);
    }
    double directSeconds = (System.nanoTime() - start) / 1e9;

    ServerConfig config = ServerConfig.defaults()
        .withAddress("127.0.0.1", 0, Files.createTempDirectory("brink"))
        .withCompute(threads, 256L << 20);
    try (BrinkServer server = BrinkServer.start(config)) {
      FastClient client = new FastClient();
      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), client)
          .get(10, TimeUnit.SECONDS);
      start = System.nanoTime();
      socket.sendText(String.format(Locale.ROOT, "{\"type\":\"view\",\"view\":1,\"kind\":"
          + "\"plane\",\"params\":{\"family\":\"additive\",\"lambda\":1,\"x0\":%s,"
          + "\"x\":\"eta:0.85:1.1\",\"y\":\"eps:0:0.3\",\"width\":512,\"height\":512}}",
          Double.toString(x0)), true).get(10, TimeUnit.SECONDS);
      int frames = client.done.get(10, TimeUnit.MINUTES);
      double streamSeconds = (System.nanoTime() - start) / 1e9;
      socket.abort();
      if (frames != 16) {
        throw new IllegalStateException("expected 16 tiles, got " + frames);
      }
      return new Result(directSeconds, streamSeconds, direct.gdSteps());
    }
  }

  /** Acknowledges every binary frame as it arrives; completes on the view's "done". */
  private static final class FastClient implements WebSocket.Listener {
    final CompletableFuture<Integer> done = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private int frames;

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      if (last) {
        frames++;
        ws.sendText("{\"type\":\"ack\",\"view\":1,\"frames\":1}", true);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String message = text.toString();
        text.setLength(0);
        if (message.contains("\"type\":\"done\"")) {
          done.complete(frames);
        } else if (message.contains("\"type\":\"error\"")) {
          done.completeExceptionally(new IllegalStateException(message));
        }
      }
      ws.request(1);
      return null;
    }
  }
}
