package dev.brink.report;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.fractal.SlopeFit;
import dev.brink.plane.PlaneExperiment;
import dev.brink.plane.PlaneResult;
import dev.brink.plane.ZoomPlan;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import org.jcodec.api.awt.AWTSequenceEncoder;

/**
 * A zoom as a video: every frame of a {@link ZoomPlan} computed as its own plane at the video's
 * resolution (the plane's colours, as `plane --pixels`), with the window's width written on it,
 * encoded as H.264 in MP4 by jcodec; the keyframes' PNGs on request, and each keyframe's two
 * dimension estimates. A frame past float64's resolution at the centre is not computed (it
 * would show the grid of float64 numbers): it says so instead, and frames approaching it carry
 * a warning.
 */
public final class ZoomVideo {
  /** A keyframe's measurements. */
  public record Keyframe(int frame, double width, double dimension, double dimensionSe,
      int dimensionPoints, double medianSlope, double divergentFraction, double ulpsPerPixel,
      long gdSteps, double seconds) {
  }

  private ZoomVideo() {
  }

  /**
   * Computes and encodes every frame.
   *
   * @param keyframes a folder for the keyframes' PNGs, or null
   * @param onFrame told each frame's number as it is done
   * @return the keyframes, in order (those past float64's resolution left out)
   */
  public static List<Keyframe> write(ZoomPlan plan, int fps, Path video, Path keyframes,
      GdRunner runner, Cancellation cancel, IntConsumer onFrame) throws IOException {
    List<Keyframe> out = new ArrayList<>();
    AWTSequenceEncoder encoder = AWTSequenceEncoder.createSequenceEncoder(video.toFile(), fps);
    for (int f = 0; f < plan.frames(); f++) {
      BufferedImage image;
      if (plan.pastResolution(f)) {
        image = blank(plan, f);
      } else {
        PlaneResult r = PlaneExperiment.run(plan.frame(f), runner, cancel);
        image = PlanePng.image(r);
        label(image, plan, f);
        if (plan.keyframe(f)) {
          PlaneResult.Dimensions d = r.dimensions();
          SlopeFit fit = d.dyadic().fit();
          // Too few box sizes with boundary boxes: no dimension (blank in the CSV, null in JSON).
          boolean fitted = fit.points() >= SlopeFit.MIN_POINTS;
          out.add(new Keyframe(f, plan.frameWidth(f), fitted ? fit.slope() : Double.NaN,
              fitted ? fit.standardError() : Double.NaN, fit.points(), d.medianSlope().median(), r.divergentFraction(),
              plan.ulpsPerPixel(f), r.gdSteps(), r.seconds()));
          if (keyframes != null) {
            PlanePng.write(image, keyframes.resolve(String.format(Locale.ROOT,
                "keyframe-%04d.png", f)));
          }
        }
      }
      encoder.encodeImage(image);
      onFrame.accept(f);
    }
    encoder.finish();
    return out;
  }

  /** The frame's width, and a warning within 16 times of float64's resolution. */
  private static void label(BufferedImage image, ZoomPlan plan, int f) {
    Graphics2D g = graphics(image);
    String text = String.format(Locale.ROOT, "width %.4g (frame %d of %d)", plan.frameWidth(f),
        f + 1, plan.frames());
    box(g, text, 8, 8, new Color(255, 255, 255, 200), Color.BLACK);
    double ulps = plan.ulpsPerPixel(f);
    if (ulps < 16 * ZoomPlan.MIN_ULPS_PER_PIXEL) {
      box(g, String.format(Locale.ROOT, "near float64's resolution: %.1f float64 steps per"
          + " pixel", ulps), 8, image.getHeight() - 30, new Color(255, 230, 160, 220),
          Color.BLACK);
    }
    g.dispose();
  }

  /** A frame past float64's resolution: grey, with the reason. */
  private static BufferedImage blank(ZoomPlan plan, int f) {
    BufferedImage image = new BufferedImage(plan.width(), plan.height(),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(image);
    g.setColor(new Color(0x55, 0x55, 0x55));
    g.fillRect(0, 0, plan.width(), plan.height());
    box(g, String.format(Locale.ROOT, "width %.4g: past float64's resolution at the centre",
        plan.frameWidth(f)), 8, 8, Color.WHITE, Color.BLACK);
    box(g, String.format(Locale.ROOT, "(%.2f float64 steps per pixel; not computed)",
        plan.ulpsPerPixel(f)), 8, 34, Color.WHITE, Color.BLACK);
    g.dispose();
    return image;
  }

  private static Graphics2D graphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    int size = Math.max(11, image.getHeight() / 30);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
    return g;
  }

  private static void box(Graphics2D g, String text, int x, int y, Color back, Color ink) {
    int w = g.getFontMetrics().stringWidth(text) + 12;
    int h = g.getFontMetrics().getHeight() + 6;
    g.setColor(back);
    g.fillRect(x, y, w, h);
    g.setColor(ink);
    g.drawString(text, x + 6, y + 3 + g.getFontMetrics().getAscent());
  }

  /** The keyframes as CSV, or as JSON when the file name ends in .json. */
  public static void writeDimensions(List<Keyframe> keyframes, Path file) throws IOException {
    boolean json = file.getFileName().toString().endsWith(".json");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      if (!json) {
        w.write("frame,width,log10_width,dimension,dimension_se,dimension_points,"
            + "median_slope_dimension,divergent_fraction,ulps_per_pixel,gd_steps,seconds\n");
      } else {
        w.write("{\"keyframes\": [\n");
      }
      for (int k = 0; k < keyframes.size(); k++) {
        Keyframe f = keyframes.get(k);
        if (json) {
          w.write(String.format(Locale.ROOT, "  {\"frame\": %d, \"width\": %s, \"log10_width\":"
              + " %s, \"dimension\": %s, \"dimension_se\": %s, \"dimension_points\": %d,"
              + " \"median_slope_dimension\": %s, \"divergent_fraction\": %s,"
              + " \"ulps_per_pixel\": %s, \"gd_steps\": %d, \"seconds\": %s}%s\n", f.frame(),
              f.width(), Math.log10(f.width()), json(f.dimension()), json(f.dimensionSe()),
              f.dimensionPoints(), json(f.medianSlope()), f.divergentFraction(),
              f.ulpsPerPixel(), f.gdSteps(), f.seconds(), k + 1 < keyframes.size() ? "," : ""));
        } else {
          w.write(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%d,%s,%s,%s,%d,%s\n", f.frame(),
              f.width(), Math.log10(f.width()), csv(f.dimension()), csv(f.dimensionSe()),
              f.dimensionPoints(), csv(f.medianSlope()), f.divergentFraction(),
              f.ulpsPerPixel(), f.gdSteps(), f.seconds()));
        }
      }
      if (json) {
        w.write("]}\n");
      }
    }
  }

  private static String json(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "null";
  }

  private static String csv(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "";
  }
}
