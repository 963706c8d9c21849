package dev.brink.cli;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.grid.Axis;
import dev.brink.params.GdConfig;
import dev.brink.plane.PlaneExperiment;
import dev.brink.plane.PlaneResult;
import dev.brink.plane.PlaneSpec;
import dev.brink.report.PlaneJson;
import dev.brink.report.PlaneFigurePng;
import dev.brink.report.PlaneFigureSvg;
import dev.brink.report.PlanePng;
import dev.brink.request.Requests;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `brink plane`: GD outcomes over a plane of two parameters. */
@Command(name = "plane", sortOptions = false, mixinStandardHelpOptions = true,
    description = {"Computes GD outcomes over a width x height grid of two parameters "
        + "(axes: eta, eps, lambda, x0, eps2, lambda2, eta1, eta2), linear or log10."})
final class PlaneCommand implements Callable<Integer> {
  @Mixin
  LossOptions loss;

  @Option(names = "--eta", paramLabel = "ETA",
      description = "Learning rate where it is not an axis (default 1).")
  Double eta;

  @Option(names = "--x", required = true, paramLabel = "AXIS:MIN:MAX[:log]",
      description = "Horizontal axis, e.g. eta:0.85:1.1; MIN and MAX are parameter values.")
  String x;

  @Option(names = "--y", required = true, paramLabel = "AXIS:MIN:MAX[:log]",
      description = "Vertical axis, e.g. eps:0:0.3 or eps:1e-4:0.3:log; row 0 is MIN.")
  String y;

  @Option(names = "--width", paramLabel = "W",
      description = "Grid points across, 1 to " + PlaneSpec.MAX_SIDE + " (default 256); with "
          + "--crop up to 2^48 + 1.")
  long width = 256;

  @Option(names = "--height", paramLabel = "H",
      description = "Grid points up, as --width.")
  long height = 256;

  @Option(names = "--crop", paramLabel = "C0:C1,R0:R1",
      description = "Compute only grid columns C0 to C1 and rows R0 to R1 (inclusive, at most "
          + PlaneSpec.MAX_SIDE + " each): a window of a finer grid, e.g. a live view's.")
  String crop;

  @Option(names = "--json", description = "Print one JSON object with every pixel's outcome.")
  boolean json;

  @Option(names = "--png", paramLabel = "FILE",
      description = "Write the figure as PNG: the plane, one pixel per grid point (bounded "
          + "blue, divergent red, darker near the boundary), axes with ticks, colour bars, the "
          + "convexity threshold or eta = 1 where it applies, and a caption.")
  Path png;

  @Option(names = "--svg", paramLabel = "FILE",
      description = "Write the same figure as SVG (axes and text as vectors).")
  Path svg;

  @Option(names = "--pixels", paramLabel = "FILE",
      description = "Write the plane's pixels alone as PNG, one per grid point.")
  Path pixels;

  @Mixin
  RunOptions run;

  @Override
  public Integer call() throws IOException {
    Axis xAxis = Axis.parse("x", x);
    Axis yAxis = Axis.parse("y", y);
    GdConfig.Builder config = loss.builder().eta(eta);
    PlaneSpec spec = Requests.plane(config, xAxis, yAxis, width, height, crop);
    RunOptions.checkFolder("png", png);
    RunOptions.checkFolder("svg", svg);
    RunOptions.checkFolder("pixels", pixels);
    loss.saveWeights(spec.config());
    long start = System.nanoTime();
    if (spec.pixels() > PlaneSpec.MAX_HELD_PIXELS) {
      return banded(spec, start);
    }
    PlaneResult result;
    try (GdRunner runner = run.runner();
        Progress ignored = run.progress(() -> String.format(Locale.ROOT,
            "plane: %d x %d pixels, %.0f s so far", spec.width(), spec.height(),
            (System.nanoTime() - start) / 1e9))) {
      result = PlaneExperiment.run(spec, runner, Cancellation.NONE);
      if (png != null) {
        PlaneFigurePng.write(result, png);
      }
      if (svg != null) {
        PlaneFigureSvg.write(result, svg);
      }
      if (pixels != null) {
        PlanePng.write(result, pixels);
      }
      PrintWriter out = run.out();
      if (json) {
        run.printJson(PlaneJson.of(result, runner.threads(), runner.kernel()));
      } else {
        out.println(String.format(Locale.ROOT,
            "plane: %s, x %s, y %s, %d x %d pixels: divergent fraction %.6f, %s, %d GD steps in "
                + "%.2f s (%s)%s",
            spec.config().family().id(), xAxis.spec(), yAxis.spec(), spec.width(),
            spec.height(),
            result.divergentFraction(), dimensions(result.dimensions()), result.gdSteps(),
            result.seconds(),
            Progress.rate(result.seconds() > 0 ? result.gdSteps() / result.seconds() : 0),
            pictures()));
      }
      out.flush();
    }
    return 0;
  }

  /**
   * A plane past 4096 x 4096 pixels: only its figures (PNG, SVG), drawn band by band, since
   * every other output holds every pixel.
   */
  private int banded(PlaneSpec spec, long start) throws IOException {
    if ((png == null && svg == null) || json || pixels != null) {
      spec.checkHeld(png == null && svg == null ? "height" : json ? "json" : "pixels");
    }
    try (GdRunner runner = run.runner();
        Progress ignored = run.progress(() -> String.format(Locale.ROOT,
            "plane: %d x %d pixels drawn band by band, %.0f s so far", spec.width(),
            spec.height(), (System.nanoTime() - start) / 1e9))) {
      dev.brink.report.PlaneFigureBands.write(spec, runner, Cancellation.NONE, png, svg);
    }
    run.out().println(String.format(Locale.ROOT, "plane: %s, x %s, y %s, %d x %d pixels drawn "
        + "band by band in %.1f s%s", spec.config().family().id(), spec.x().spec(),
        spec.y().spec(), spec.width(), spec.height(), (System.nanoTime() - start) / 1e9,
        pictures()));
    run.out().flush();
    return 0;
  }

  /** ", figure in a.png and a.svg", or nothing. */
  private String pictures() {
    java.util.List<String> files = new java.util.ArrayList<>();
    for (Path p : new Path[] {png, svg, pixels}) {
      if (p != null) {
        files.add(p.toString());
      }
    }
    return files.isEmpty() ? "" : ", pictures in " + String.join(" and ", files);
  }

  /** Both dimension estimates, in words. */
  static String dimensions(dev.brink.plane.PlaneResult.Dimensions d) {
    String dyadic = d.dyadic().fit().points() >= dev.brink.fractal.SlopeFit.MIN_POINTS
        ? String.format(Locale.ROOT, "boundary dimension %.4f +- %.4f (dyadic fit)",
            d.dyadic().dimension(), d.dyadic().fit().standardError())
        : "boundary dimension: too few boundary boxes";
    double m = d.medianSlope().median();
    return dyadic + (Double.isNaN(m) ? "" : String.format(Locale.ROOT,
        ", %.4f (median of local slopes)", m));
  }
}
