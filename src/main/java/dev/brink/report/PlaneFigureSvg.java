package dev.brink.report;

import dev.brink.plane.PlaneResult;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A plane's figure ({@link PlaneFigure}) as SVG: the plot's pixels embedded as a PNG (one per
 * grid point, drawn without smoothing), axes, ticks, colour bars, guides and caption as vector
 * shapes and text, for papers.
 */
public final class PlaneFigureSvg {
  private PlaneFigureSvg() {
  }

  public static void write(PlaneResult r, Path file) throws IOException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(PlanePng.image(r), "png", png);
    write(new PlaneFigure(r), new java.io.ByteArrayInputStream(png.toByteArray()), file);
  }

  /**
   * The figure with the plot's pixels from this PNG stream, streamed into the file: the PNG
   * goes through base64 as it is read, so a figure past 4096 x 4096 is never held whole.
   */
  static void write(PlaneFigure f, InputStream plotPng, Path file) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      out.write(head(f).getBytes(StandardCharsets.UTF_8));
      OutputStream shield = new FilterOutputStream(out) {
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
          // The base64 stream's close writes its padding; the file goes on.
          out.flush();
        }
      };
      try (OutputStream base64 = Base64.getEncoder().wrap(shield)) {
        plotPng.transferTo(base64);
      }
      out.write(tail(f).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The whole SVG of a held plane, for tests. */
  static String svg(PlaneFigure f) throws IOException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(PlanePng.image(f.result), "png", png);
    return head(f) + Base64.getEncoder().encodeToString(png.toByteArray()) + tail(f);
  }

  /** The SVG up to the plot image's base64 data. */
  private static String head(PlaneFigure f) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
        + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, "
        + "Helvetica, Arial, sans-serif\" font-size=\"13\" fill=\"#222\">%n", f.width(1),
        f.height(1), f.width(1), f.height(1)));
    s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#faf9f6\"/>%n",
        f.width(1), f.height(1)));
    s.append(String.format(Locale.ROOT, "<image x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
        + "style=\"image-rendering:pixelated\" href=\"data:image/png;base64,", PlaneFigure.LEFT,
        PlaneFigure.TOP, f.plotWidth, f.plotHeight));
    return s.toString();
  }

  /** The SVG after the plot image's data: guides, axes, bars and caption. */
  private static String tail(PlaneFigure f) {
    int left = PlaneFigure.LEFT;
    int top = PlaneFigure.TOP;
    int bottom = top + f.plotHeight;
    StringBuilder s = new StringBuilder("\"/>\n");
    if (!f.thresholdDots.isEmpty()) {
      s.append("<path fill=\"#141414\" d=\"");
      for (int[] dot : f.thresholdDots) {
        if ((dot[0] + dot[1]) % 3 == 0) {
          s.append('M').append(left + dot[0]).append(' ').append(top + dot[1]).append("h2v2h-2z");
        }
      }
      s.append("\"/>\n");
    }
    String dash = "stroke=\"#141414\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"";
    if (!Double.isNaN(f.etaOneX)) {
      s.append(line(left + f.etaOneX, top, left + f.etaOneX, bottom, dash));
    }
    if (!Double.isNaN(f.etaOneY)) {
      s.append(line(left, top + f.etaOneY, left + f.plotWidth, top + f.etaOneY, dash));
    }
    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
        + "fill=\"none\" stroke=\"#222\"/>%n", left - 1, top - 1, f.plotWidth + 1,
        f.plotHeight + 1));
    for (PlaneFigure.Tick t : f.xTicks) {
      double x = left + t.offset();
      s.append(line(x, bottom, x, bottom + 5, "stroke=\"#222\""));
      s.append(text(x, bottom + 20, "middle", "", t.label()));
    }
    for (PlaneFigure.Tick t : f.yTicks) {
      double y = top + t.offset();
      s.append(line(left - 5, y, left, y, "stroke=\"#222\""));
      s.append(text(left - 8, y + 4, "end", "", t.label()));
    }
    s.append(text(left + f.plotWidth / 2.0, bottom + 42, "middle",
        " font-style=\"italic\" font-size=\"14\"", f.xName));
    s.append(String.format(Locale.ROOT, "<text transform=\"translate(22 %.1f) rotate(-90)\" "
        + "text-anchor=\"middle\" font-style=\"italic\" font-size=\"14\">%s</text>%n",
        top + f.plotHeight / 2.0, escape(f.yName)));
    int x = left + f.plotWidth + 24;
    int y = top;
    int height = Math.max(60, Math.min(220, (f.plotHeight - 40) / Math.max(1, f.bars.size())
        - 44));
    int id = 0;
    for (PlaneFigure.Bar bar : f.bars) {
      s.append(text(x, y + 12, "start", " font-weight=\"bold\"", bar.title()));
      s.append(text(x, y + 27, "start", " font-size=\"11\"", bar.unit()));
      int barTop = y + 34;
      s.append(String.format(Locale.ROOT, "<defs><linearGradient id=\"bar%d\" x1=\"0\" y1=\"0\" "
          + "x2=\"0\" y2=\"1\"><stop offset=\"0\" stop-color=\"%s\"/><stop offset=\"1\" "
          + "stop-color=\"%s\"/></linearGradient></defs>%n", id, hex(bar.light()),
          hex(bar.dark())));
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"16\" height=\"%d\" "
          + "fill=\"url(#bar%d)\" stroke=\"#222\"/>%n", x, barTop, height, id++));
      for (int k = 0; k < 3; k++) {
        double ty = barTop + k * (height - 1) / 2.0;
        s.append(line(x + 16, ty, x + 20, ty, "stroke=\"#222\""));
        s.append(text(x + 23, ty + 4, "start", " font-size=\"11\"", bar.labels()[k]));
      }
      s.append(text(x, barTop + height + 14, "start", " font-size=\"11\"",
          "shade: rank within the class"));
      y = barTop + height + 30;
    }
    // The caption in lines of about the figure's width (12 px text: some 6.6 px a character).
    int perLine = Math.max(30, (int) ((f.width(1) - left - 12) / 6.6));
    double captionY = bottom + 56;
    for (String line : TextLines.wrap(f.caption, String::length, perLine)) {
      s.append(text(left, captionY, "start", " font-size=\"12\"", line));
      captionY += 15;
    }
    s.append("<desc>").append(escape(f.caption)).append("</desc>\n</svg>\n");
    return s.toString();
  }

  private static String line(double x1, double y1, double x2, double y2, String style) {
    return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
        + "%s/>%n", x1, y1, x2, y2, style);
  }

  private static String text(double x, double y, String anchor, String extra, String content) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s"
        + "</text>%n", x, y, anchor, extra, escape(content));
  }

  private static String hex(int[] rgb) {
    return String.format(Locale.ROOT, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
