package dev.brink.sweep;

import dev.brink.grid.Linspace;
import dev.brink.params.Check;
import dev.brink.params.InvalidParameterException;
import java.util.List;

/**
 * One axis of a sweep's grid: a parameter at linspace(min, max, count). The parameters are eps,
 * lambda, eps2, lambda2, dim, bound, x0, and seed, the random-start axis (x0 drawn per learning
 * rate from the sweep's x0 range, one seed per cell); for family mlp, offset and seed, the seed
 * of the network's data and initial weights; for every family, the optimizer's beta, beta1,
 * beta2 and adam-eps.
 */
public record GridAxis(String name, double min, double max, int count) {
  public static final List<String> NAMES = List.of("eps", "lambda", "eps2", "lambda2", "dim",
      "bound", "x0", "seed", "offset", "beta", "beta1", "beta2", "adam-eps");
  public static final int MAX_COUNT = 10_000;

  public GridAxis {
    if (!NAMES.contains(name)) {
      throw new InvalidParameterException("grid", "unknown grid parameter '" + name
          + "', allowed: " + String.join(", ", NAMES));
    }
    Check.finite("grid", min);
    Check.finite("grid", max);
    Check.between("grid", count, 1, MAX_COUNT);
    if (count > 1 && !(min < max)) {
      throw new InvalidParameterException("grid", name + " needs MIN < MAX, got " + min + ":"
          + max);
    }
    if (name.equals("dim") || name.equals("seed")) {
      for (int i = 0; i < count; i++) {
        double v = new Linspace(min, max, count).value(i);
        if (v != Math.rint(v)) {
          throw new InvalidParameterException("grid", name + " takes whole numbers; "
              + name + "=" + min + ":" + max + ":" + count + " gives " + v);
        }
      }
    }
  }

  /** Parses NAME=MIN:MAX:COUNT, e.g. eps=0.01:0.2:10. */
  public static GridAxis parse(String text) {
    String usage = "expected NAME=MIN:MAX:COUNT with NAME one of " + String.join(", ", NAMES)
        + ", got '" + text + "'";
    int eq = text.indexOf('=');
    String[] parts = eq < 0 ? new String[0] : text.substring(eq + 1).split(":", -1);
    if (parts.length != 3) {
      throw new InvalidParameterException("grid", usage);
    }
    try {
      return new GridAxis(text.substring(0, eq).trim(), Double.parseDouble(parts[0].trim()),
          Double.parseDouble(parts[1].trim()), Integer.parseInt(parts[2].trim()));
    } catch (NumberFormatException e) {
      throw new InvalidParameterException("grid", usage);
    }
  }

  public double value(int i) {
    return new Linspace(min, max, count).value(i);
  }

  public String spec() {
    return name + "=" + min + ":" + max + ":" + count;
  }
}
