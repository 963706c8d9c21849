package dev.brink.cli;

import dev.brink.landscape.Family;
import dev.brink.params.GdConfig;
import dev.brink.params.InvalidParameterException;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options every GD command shares: the loss, the start and the run length. */
final class LossOptions {
  @Option(names = "--family", required = true, paramLabel = "F",
      description = "Loss family: quadratic, additive, multiplicative or twocos.")
  String family;

  @Option(names = "--eps", paramLabel = "E",
      description = "Amplitude of the cosine (additive, multiplicative, twocos), >= 0.")
  Double eps;

  @Option(names = "--lambda", paramLabel = "L",
      description = "Wavelength of the cosine, > 0; k = 2 pi / lambda.")
  Double lambda;

  @Option(names = "--eps2", paramLabel = "E2",
      description = "Amplitude of the second cosine (twocos only), >= 0.")
  Double eps2;

  @Option(names = "--lambda2", paramLabel = "L2",
      description = "Wavelength of the second cosine (twocos only), > 0.")
  Double lambda2;

  @Option(names = "--dim", paramLabel = "n",
      description = "Number of coordinates, 1 to " + GdConfig.MAX_DIM + " (default 1).")
  Integer dim;

  @Option(names = "--x0", paramLabel = "X",
      description = "Start value of every coordinate (default 1).")
  Double x0;

  @Option(names = "--steps", paramLabel = "T",
      description = "GD steps per run, 1 to " + GdConfig.MAX_STEPS + " (default 1000).")
  Integer steps;

  @Option(names = "--bound", paramLabel = "B",
      description = "Divergent when the loss exceeds B * n, > 0 (default 1e8).")
  Double bound;

  GdConfig.Builder builder() {
    Family f = Family.byId(family.trim().toLowerCase(Locale.ROOT));
    if (f == null) {
      throw new InvalidParameterException("family",
          "unknown family '" + family + "', allowed: " + Family.allowedIds());
    }
    return GdConfig.builder(f).eps(eps).lambda(lambda).eps2(eps2).lambda2(lambda2).dim(dim)
        .x0(x0).steps(steps).bound(bound);
  }
}
