package dev.brink.bench;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.grid.Axis;
import dev.brink.landscape.Family;
import dev.brink.params.GdConfig;
import dev.brink.plane.PlaneExperiment;
import dev.brink.plane.PlaneResult;
import dev.brink.plane.PlaneSpec;
import dev.brink.plane.ViewPlan;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import dev.brink.server.config.ServerConfig;
import dev.brink.server.BrinkServer;

/**
 * A live view end to end: the explorer's default plane (the eta-eps transition, 1000 steps)
 * whole, on a canvas of width x height device pixels, received by a WebSocket client from a
 * fresh server (empty cache) that acknowledges every frame as it arrives, as the browser does,
 * once the server has warmed its kernel and the JIT has compiled the server's start (both would
 * otherwise take cores from the view: 0.25-0.9 s of compilation fell within each view); and
 * the same grid points computed by the science core alone, as `brink plane` does, with the same
 * threads ({@link #direct}). The two are measured as separate workloads, each after its own
 * warm-up, not in turns: one run's JIT profile recompiled the kernel in the other's (perf: the
 * compiler threads took 7-40% of a core during views that followed direct runs).
 */
public final class StreamingBenchmark {
  /** The explorer's default plane. */
  static final String PARAMS = "{\"family\":\"additive\",\"lambda\":1,\"x0\":5,"
      + "\"x\":\"eta:0.85:1.1\",\"y\":\"eps:0:0.3\"}";

  /** One measured view. */
  public record Result(double coarseSeconds, double viewSeconds, long gdSteps) {
  }

  private StreamingBenchmark() {
  }

  /** The default plane, whole. */
  static PlaneSpec root() {
    return PlaneSpec.of(GdConfig.builder(Family.ADDITIVE).lambda(1.0).x0(5.0),
        Axis.parse("x", "eta:0.85:1.1"), Axis.parse("y", "eps:0:0.3"), 1, 1);
  }

  /** The grid the view's finest level samples, as a whole plane: what `brink plane` computes. */
  static PlaneSpec sameGrid(int width, int height) {
    ViewPlan plan = ViewPlan.of(root(), ViewPlan.Window.WHOLE, width, height, 0.5, 0.5,
        Long.MAX_VALUE);
    return root().crop(plan.gridWidth(), plan.gridHeight(), 0, 0, (int) plan.gridWidth(),
        (int) plan.gridHeight());
  }

  /** The science core alone on the view's grid. */
  static PlaneResult direct(int width, int height, int threads) {
    try (GdRunner runner = new GdRunner(threads)) {
      return PlaneExperiment.run(sameGrid(width, height), runner, Cancellation.NONE);
    }
  }

  /** Measures the view once. */
  public static Result measure(int width, int height, int threads) throws Exception {
    ServerConfig config = ServerConfig.defaults()
        .withAddress("127.0.0.1", 0, Files.createTempDirectory("brink"))
        .withCompute(threads, 256L << 20);
    try (BrinkServer server = BrinkServer.start(config)) {
      server.warm().get(2, TimeUnit.MINUTES);
      awaitQuietCompiler();
      Client client = new Client();
      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), client)
          .get(10, TimeUnit.SECONDS);
      client.start = System.nanoTime();
      socket.sendText(String.format(Locale.ROOT, "{\"type\":\"view\",\"view\":1,"
          + "\"kind\":\"plane\",\"params\":%s,\"pixels\":{\"width\":%d,\"height\":%d}}",
          PARAMS, width, height), true).get(10, TimeUnit.SECONDS);
      long gdSteps = client.done.get(10, TimeUnit.MINUTES);
      double viewSeconds = (client.doneNanos - client.start) / 1e9;
      socket.abort();
      return new Result((client.coarseNanos - client.start) / 1e9, viewSeconds, gdSteps);
    }
  }

  /**
   * Returns once the JIT has compiled nothing for 200 ms (or after 30 s): what a viewer finds
   * on a server that has been up for a moment.
   */
  private static void awaitQuietCompiler() throws InterruptedException {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long last = jit.getTotalCompilationTime();
    int quiet = 0;
    while (quiet < 2 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      long now = jit.getTotalCompilationTime();
      quiet = now == last ? quiet + 1 : 0;
      last = now;
    }
  }

  /**
   * Acknowledges every binary frame as it arrives; notes level 0's end and completes with the
   * GD steps of the view's "done".
   */
  private static final class Client implements WebSocket.Listener {
    final CompletableFuture<Long> done = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    volatile long start;
    volatile long coarseNanos;
    volatile long doneNanos;

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      if (last) {
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
        if (message.contains("\"type\":\"level\"") && message.contains("\"level\":0,")) {
          coarseNanos = System.nanoTime();
        } else if (message.contains("\"type\":\"done\"")) {
          doneNanos = System.nanoTime();
          int at = message.indexOf("\"gd_steps\":") + "\"gd_steps\":".length();
          int end = at;
          while (end < message.length() && Character.isDigit(message.charAt(end))) {
            end++;
          }
          done.complete(Long.parseLong(message.substring(at, end)));
        } else if (message.contains("\"type\":\"error\"")) {
          done.completeExceptionally(new IllegalStateException(message));
        }
      }
      ws.request(1);
      return null;
    }
  }
}
