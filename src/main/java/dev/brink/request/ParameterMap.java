package dev.brink.request;

import dev.brink.params.InvalidParameterException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Request parameters as text (a URL's query, a WebSocket message's params), read by name with
 * errors that name the parameter. Names outside the allowed set are refused, so a typo such as
 * "lamda" is reported instead of silently ignored.
 */
public final class ParameterMap {
  private final Map<String, String> values;

  public ParameterMap(Map<String, String> values, Set<String> allowed) {
    for (String name : values.keySet()) {
      if (!allowed.contains(name)) {
        throw new InvalidParameterException(name,
            "unknown parameter; allowed: " + String.join(", ", new TreeSet<>(allowed)));
      }
    }
    this.values = values;
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public String text(String name) {
    return values.get(name);
  }

  /** The number, or null when absent. NaN and infinities parse; range checks come later. */
  public Double number(String name) {
    String v = values.get(name);
    if (v == null) {
      return null;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidParameterException(name, "must be a number, got '" + v + "'");
    }
  }

  /** The integer, or null when absent. */
  public Integer integer(String name) {
    String v = values.get(name);
    if (v == null) {
      return null;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidParameterException(name, "must be an integer, got '" + v + "'");
    }
  }

  /** The integer (64 bits), or otherwise when absent. */
  public long longInteger(String name, long otherwise) {
    String v = values.get(name);
    if (v == null) {
      return otherwise;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new InvalidParameterException(name, "must be an integer, got '" + v + "'");
    }
  }

  public int integer(String name, int otherwise) {
    Integer v = integer(name);
    return v == null ? otherwise : v;
  }

  public double number(String name, double otherwise) {
    Double v = number(name);
    return v == null ? otherwise : v;
  }

  /** true for "true", "1" or an empty value (?bits); false when absent, "false" or "0". */
  public boolean flag(String name) {
    String v = values.get(name);
    if (v == null) {
      return false;
    }
    switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "":
      case "true":
      case "1":
        return true;
      case "false":
      case "0":
        return false;
      default:
        throw new InvalidParameterException(name, "must be true or false, got '" + v + "'");
    }
  }
}
