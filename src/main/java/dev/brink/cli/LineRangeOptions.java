package dev.brink.cli;

import dev.brink.line.LineSpec;
import picocli.CommandLine.Option;

/** The learning-rate grid of a line: its levels and its range (line and sweep). */
final class LineRangeOptions {
  @Option(names = "--levels", paramLabel = "N",
      description = "Dyadic levels: 2^N + 1 learning rates, 0 to " + LineSpec.MAX_LEVELS
          + " (default 16).")
  int levels = LineSpec.DEFAULT_LEVELS;

  @Option(names = "--eta-min", paramLabel = "A", description = "Smallest learning rate "
      + "(default 0).")
  double etaMin = LineSpec.DEFAULT_ETA_MIN;

  @Option(names = "--eta-max", paramLabel = "B", description = "Largest learning rate "
      + "(default 1.5).")
  double etaMax = LineSpec.DEFAULT_ETA_MAX;
}
