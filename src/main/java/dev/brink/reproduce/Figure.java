package dev.brink.reproduce;

import dev.brink.line.LineResult;
import dev.brink.sweep.CellResult;
import dev.brink.sweep.SweepSpec;
import java.util.List;

/** A figure of a reproduction, drawn by the report into its file name. */
public sealed interface Figure {
  String file();

  /** A line's outcome strip and log2 N_B against the level. */
  record Line(String file, LineResult line) implements Figure {
  }

  /** A sweep's alpha over its grid as a heat map. */
  record Sweep(String file, SweepSpec spec, List<CellResult> cells) implements Figure {
  }

  /**
   * Points against x, one or more series, each with optional error bars (err null), on a
   * linear or log10 x axis (logY: log10 y axis), with an optional dashed vertical line at
   * marker (NaN for none) named markerLabel.
   */
  record Chart(String file, String title, String xLabel, String yLabel, boolean logX,
      boolean logY, List<Series> series, double marker, String markerLabel) implements Figure {
  }

  /** One series of a chart; joined draws a line through the points. */
  record Series(String name, double[] x, double[] y, double[] err, boolean joined) {
  }
}
