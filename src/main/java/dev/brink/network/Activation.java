package dev.brink.network;

import java.util.Locale;

/** The hidden layer's nonlinearity. */
public enum Activation {
  /** H = tanh(sqrt(2) Z), with brink's own tanh ({@link NetTanh}). */
  TANH,
  /** H = relu(sqrt(2) Z) = sqrt(2) relu(Z). */
  RELU,
  /** H = Z: the deep linear network. */
  IDENTITY;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The activation with this id, or null. */
  public static Activation byId(String id) {
    for (Activation a : values()) {
      if (a.id().equals(id)) {
        return a;
      }
    }
    return null;
  }

  public static String allowedIds() {
    StringBuilder s = new StringBuilder();
    for (Activation a : values()) {
      s.append(s.length() == 0 ? "" : ", ").append(a.id());
    }
    return s.toString();
  }

  /**
   * The factor A with u = A * sum_i X_pi W0_ij: sqrt(2) / sqrt(d) for tanh and relu (the
   * mean-field scale and the gain folded into one multiplication), 1 / sqrt(d) for identity.
   */
  public double inputScale(int inputs) {
    return this == IDENTITY ? 1 / Math.sqrt(inputs) : Math.sqrt(2.0 / inputs);
  }
}
