package dev.brink.params;

/** Range checks that throw {@link InvalidParameterException} naming the field and the range. */
public final class Check {
  private Check() {
  }

  public static double finite(String field, double v) {
    if (!Double.isFinite(v)) {
      throw new InvalidParameterException(field, "must be a finite number, got " + v);
    }
    return v;
  }

  public static double nonNegative(String field, double v) {
    if (!(Double.isFinite(v) && v >= 0)) {
      throw new InvalidParameterException(field, "must be a finite number >= 0, got " + v);
    }
    return v;
  }

  public static double positive(String field, double v) {
    if (!(Double.isFinite(v) && v > 0)) {
      throw new InvalidParameterException(field, "must be a finite number > 0, got " + v);
    }
    return v;
  }

  public static int between(String field, int v, int min, int max) {
    if (v < min || v > max) {
      throw new InvalidParameterException(
          field, "must be an integer from " + min + " to " + max + ", got " + v);
    }
    return v;
  }

  public static long between(String field, long v, long min, long max) {
    if (v < min || v > max) {
      throw new InvalidParameterException(
          field, "must be an integer from " + min + " to " + max + ", got " + v);
    }
    return v;
  }

  public static <T> T required(String field, T v, String why) {
    if (v == null) {
      throw new InvalidParameterException(field, "required " + why);
    }
    return v;
  }
}
