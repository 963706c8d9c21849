package dev.brink.grid;

import dev.brink.params.InvalidParameterException;
import java.util.Locale;

/**
 * One axis of a plane: a parameter sampled at count points from min to max, endpoints
 * included, linearly or evenly in log10.
 */
public record Axis(AxisParameter parameter, double min, double max, Scale scale) {

  /**
   * Parses "NAME:MIN:MAX" or "NAME:MIN:MAX:log", e.g. "eta:0.85:1.1" or "eps:1e-4:0.3:log".
   *
   * @param field the option it came from, for error messages ("x" or "y")
   */
  public static Axis parse(String field, String text) {
    String form = "AXIS:MIN:MAX or AXIS:MIN:MAX:log with AXIS one of "
        + AxisParameter.allowedIds();
    if (text == null) {
      throw new InvalidParameterException(field, "required: " + form);
    }
    String usage = "expected " + form + ", got '" + text + "'";
    String[] parts = text.split(":", -1);
    if (parts.length != 3 && parts.length != 4) {
      throw new InvalidParameterException(field, usage);
    }
    AxisParameter parameter = AxisParameter.byId(parts[0].trim().toLowerCase(Locale.ROOT));
    if (parameter == null) {
      throw new InvalidParameterException(field, "unknown axis '" + parts[0] + "': " + usage);
    }
    Scale scale = Scale.LINEAR;
    if (parts.length == 4) {
      String s = parts[3].trim().toLowerCase(Locale.ROOT);
      if (s.equals("log")) {
        scale = Scale.LOG;
      } else if (!s.equals("lin") && !s.equals("linear")) {
        throw new InvalidParameterException(field, "unknown scale '" + parts[3] + "': " + usage);
      }
    }
    return of(field, parameter, number(field, parts[1], usage), number(field, parts[2], usage),
        scale);
  }

  /** A validated axis: finite ends with min < max, allowed for the parameter, > 0 when log. */
  public static Axis of(String field, AxisParameter parameter, double min, double max,
      Scale scale) {
    parameter.checkValue(field, min);
    parameter.checkValue(field, max);
    if (!(min < max)) {
      throw new InvalidParameterException(field,
          "needs MIN < MAX, got " + min + " and " + max);
    }
    if (scale == Scale.LOG && !(min > 0)) {
      throw new InvalidParameterException(field,
          "a log axis needs MIN > 0, got " + min);
    }
    return new Axis(parameter, min, max, scale);
  }

  /** The value of sample i of count (i = 0 is min, i = count - 1 is max). */
  public double value(long i, long count) {
    if (scale == Scale.LINEAR) {
      return new Linspace(min, max, count).value(i);
    }
    if (count > 1 && i == count - 1) {
      return max;
    }
    if (i == 0) {
      return min;
    }
    // StrictMath: the same bits on every JVM and processor, as the grid must be.
    return StrictMath.pow(10, new Linspace(StrictMath.log10(min), StrictMath.log10(max), count)
        .value(i));
  }

  /** The text {@link #parse} reads back. */
  public String spec() {
    return parameter.id() + ":" + min + ":" + max + (scale == Scale.LOG ? ":log" : "");
  }

  private static double number(String field, String s, String usage) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw new InvalidParameterException(field, "'" + s + "' is not a number: " + usage);
    }
  }
}
