package dev.brink.cli;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.grid.Axis;
import dev.brink.grid.AxisParameter;
import dev.brink.grid.Scale;
import dev.brink.params.InvalidParameterException;
import dev.brink.plane.ZoomPlan;
import dev.brink.report.ZoomVideo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `brink zoom`: a zoom video into a plane, every frame computed at its own window. */
@Command(name = "zoom", sortOptions = false, mixinStandardHelpOptions = true,
    description = {"Zooms into a plane about a centre: frames whose width shrinks by 2^(1/K)"
        + " each, every one computed at the video's resolution, written as an MP4, with each"
        + " keyframe's boundary dimension."})
final class ZoomCommand implements Callable<Integer> {
  @Mixin
  LossOptions loss;

  @Option(names = "--eta", paramLabel = "ETA",
      description = "Learning rate where it is not an axis (default 1).")
  Double eta;

  @Option(names = "--x", required = true, paramLabel = "AXIS[:log]",
      description = "Horizontal axis's parameter, e.g. eta or eta0:log.")
  String x;

  @Option(names = "--y", required = true, paramLabel = "AXIS[:log]",
      description = "Vertical axis's parameter, e.g. eps or eta1:log.")
  String y;

  @Option(names = "--center", required = true, paramLabel = "X,Y",
      description = "The zoom's centre in axis units (log10 of the value on a log axis).")
  String center;

  @Option(names = "--from-width", required = true, paramLabel = "W0",
      description = "The first window's width in axis units (decades on a log axis).")
  double fromWidth;

  @Option(names = "--to-width", required = true, paramLabel = "W1",
      description = "The last window's width, <= W0.")
  double toWidth;

  @Option(names = "--frames-per-halving", paramLabel = "K",
      description = "Frames per halving of the width, 1 to 64 (default 8); every K-th is a"
          + " keyframe.")
  int perHalving = 8;

  @Option(names = "--size", paramLabel = "WxH",
      description = "Frame size in pixels, even, 16 to 8192 each (default 640x360).")
  String size = "640x360";

  @Option(names = "--fps", paramLabel = "F",
      description = "Frames per second of the video, 1 to 120 (default 24).")
  int fps = 24;

  @Option(names = "--out", required = true, paramLabel = "FILE.mp4",
      description = "The video (H.264 in MP4).")
  Path out;

  @Option(names = "--keyframes", paramLabel = "DIR",
      description = "Also write each keyframe as keyframe-NNNN.png in this existing folder.")
  Path keyframes;

  @Option(names = "--dimensions", paramLabel = "FILE",
      description = "Write each keyframe's width and boundary dimensions as CSV (or JSON for"
          + " a .json name): dimension against log10 of the width.")
  Path dimensions;

  @Mixin
  RunOptions run;

  @Override
  public Integer call() throws IOException {
    int[] wh = ZoomPlan.size(size);
    double[] c = center(center);
    if (fps < 1 || fps > 120) {
      throw new InvalidParameterException("fps", "must be an integer from 1 to 120, got " + fps);
    }
    ZoomPlan plan = new ZoomPlan(loss.builder().eta(eta), axis("x", x), axis("y", y), c[0],
        c[1], fromWidth, toWidth, perHalving, wh[0], wh[1]);
    RunOptions.checkFolder("out", out);
    RunOptions.checkFolder("dimensions", dimensions);
    if (keyframes != null && !Files.isDirectory(keyframes)) {
      throw new InvalidParameterException("keyframes", "folder " + keyframes
          + " does not exist");
    }
    long start = System.nanoTime();
    AtomicInteger done = new AtomicInteger();
    List<ZoomVideo.Keyframe> keys;
    try (GdRunner runner = run.runner();
        Progress ignored = run.progress(() -> String.format(Locale.ROOT,
            "zoom: %d of %d frames, %.0f s so far", done.get(), plan.frames(),
            (System.nanoTime() - start) / 1e9))) {
      keys = ZoomVideo.write(plan, fps, out, keyframes, runner, Cancellation.NONE,
          f -> done.set(f + 1));
    }
    if (dimensions != null) {
      ZoomVideo.writeDimensions(keys, dimensions);
    }
    run.out().println(String.format(Locale.ROOT, "zoom: %d frames of %d x %d, widths %s to %s,"
        + " %d keyframes, in %.1f s: %s", plan.frames(), plan.width(), plan.height(),
        fromWidth, toWidth, keys.size(), (System.nanoTime() - start) / 1e9, out));
    for (ZoomVideo.Keyframe k : keys) {
      run.out().println(String.format(Locale.ROOT, "  keyframe %d: width %.4g, dimension %s"
          + " (dyadic fit), %s (median of local slopes)", k.frame(), k.width(),
          number(k.dimension()), number(k.medianSlope())));
    }
    run.out().flush();
    return 0;
  }

  private static String number(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "none";
  }

  /** "eta0:log" as an axis of that parameter and scale (its ends are the plan's). */
  private static Axis axis(String field, String text) {
    String[] parts = text.split(":", -1);
    AxisParameter p = AxisParameter.byId(parts[0].trim());
    boolean log = parts.length == 2 && parts[1].trim().equals("log");
    if (p == null || parts.length > 2 || parts.length == 2 && !log) {
      throw new InvalidParameterException(field, "expected AXIS or AXIS:log with AXIS one of "
          + AxisParameter.allowedIds() + ", got '" + text + "'");
    }
    return log ? new Axis(p, 1, 10, Scale.LOG) : new Axis(p, 0, 1, Scale.LINEAR);
  }

  private static double[] center(String text) {
    String[] parts = text.split(",", -1);
    try {
      if (parts.length == 2) {
        return new double[] {Double.parseDouble(parts[0].trim()),
            Double.parseDouble(parts[1].trim())};
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new InvalidParameterException("center", "expected X,Y (two numbers), got '" + text
        + "'");
  }
}
