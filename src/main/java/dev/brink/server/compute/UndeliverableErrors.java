package dev.brink.server.compute;

import io.reactivex.rxjava3.exceptions.UndeliverableException;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RxJava's handler for errors that no one can receive any more. Those of cancelled work
 * (a viewer left, a view was superseded: the computation stops with a CancellationException,
 * or is interrupted, after its subscriber is gone) are expected, at DEBUG; any other is a
 * failure nobody saw, at WARN with its stack.
 */
public final class UndeliverableErrors {
  private static final Logger LOG = LoggerFactory.getLogger(UndeliverableErrors.class);

  private UndeliverableErrors() {
  }

  public static void handle(Throwable e) {
    Throwable cause = e instanceof UndeliverableException && e.getCause() != null
        ? e.getCause() : e;
    if (cause instanceof CancellationException || cause instanceof InterruptedException) {
      LOG.debug("undeliverable after cancel: {}", cause.toString());
    } else {
      LOG.warn("an error after its receiver had gone: {}", cause.toString(), cause);
    }
  }
}
