package dev.brink.server.view;

import io.reactivex.rxjava3.core.FlowableSubscriber;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import java.util.function.Consumer;
import dev.brink.metrics.BrinkMeters;
import org.reactivestreams.Subscription;
import dev.brink.server.protocol.Frame;

/**
 * Writes one view's frames to its socket, asking the Flowable for the next frame only when the
 * last one asked for has been written, fewer than {@code window} binary frames are
 * unacknowledged, and the socket's write queue is not full. So the computation never runs more
 * than the window (plus the stream's bounded look-ahead) ahead of what the viewer painted, nor
 * ahead of what the network takes.
 * Every signal is handled on the socket's event loop.
 */
public final class CreditSink implements FlowableSubscriber<Frame> {
  private final ServerWebSocket socket;
  private final Context context;
  private final int window;
  private final Consumer<Throwable> onError;
  private final BrinkMeters meters;
  private Subscription upstream;
  private boolean paused;
  private int inFlight;
  private int requested;
  private boolean stopped;

  CreditSink(ServerWebSocket socket, Context context, int window, BrinkMeters meters,
      Consumer<Throwable> onError) {
    this.meters = meters;
    this.socket = socket;
    this.context = context;
    this.window = window;
    this.onError = onError;
  }

  @Override
  public void onSubscribe(Subscription s) {
    context.runOnContext(v -> {
      upstream = s;
      if (stopped) {
        s.cancel();
      } else {
        pump();
      }
    });
  }

  @Override
  public void onNext(Frame frame) {
    context.runOnContext(v -> {
      requested--;
      if (stopped || socket.isClosed()) {
        return;
      }
      if (frame.isBinary()) {
        inFlight++;
        meters.inFlight(1);
        if (frame.tile()) {
          meters.tileSent();
        }
        socket.writeBinaryMessage(frame.binary());
      } else {
        socket.writeTextMessage(frame.text());
      }
      pump();
    });
  }

  @Override
  public void onError(Throwable t) {
    context.runOnContext(v -> {
      if (!stopped) {
        stopped = true;
        onError.accept(t);
      }
    });
  }

  @Override
  public void onComplete() {
    context.runOnContext(v -> stopped = true);
  }

  /** The viewer painted n more binary frames. */
  void ack(int n) {
    int acked = Math.min(inFlight, n);
    inFlight -= acked;
    meters.inFlight(-acked);
    pump();
  }

  /** The socket's write queue drained. */
  void drained() {
    pump();
  }

  /** Stops the view: no more frames, and the computation upstream is cancelled. */
  void cancel() {
    meters.inFlight(-inFlight);
    inFlight = 0;
    stopped = true;
    if (upstream != null) {
      upstream.cancel();
    }
  }

  /** Binary frames sent and not yet acknowledged. */
  int inFlight() {
    return inFlight;
  }

  private void pump() {
    // One frame asked for at a time, so the write queue is checked after every write; the
    // stream upstream keeps every compute thread busy ahead of that single request.
    if (upstream == null || stopped || socket.isClosed() || requested > 0
        || inFlight >= window) {
      return;
    }
    if (socket.writeQueueFull()) {
      if (!paused) {
        paused = true;
        meters.backpressurePause();
      }
      return;
    }
    paused = false;
    requested++;
    upstream.request(1);
  }
}
