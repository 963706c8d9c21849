package dev.brink.descent;

/** Asked between chunks of work; once it answers true the computation stops. */
@FunctionalInterface
public interface Cancellation {
  Cancellation NONE = () -> false;

  boolean isCancelled();
}
