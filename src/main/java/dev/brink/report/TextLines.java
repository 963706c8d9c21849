package dev.brink.report;

import java.awt.FontMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/** A caption cut into lines at spaces, each at most a width by some measure of its text. */
final class TextLines {
  private TextLines() {
  }

  static List<String> wrap(String text, ToIntFunction<String> measure, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && measure.applyAsInt(line + " " + word) > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  /** ... measured in pixels by a font's metrics. */
  static List<String> wrap(String text, FontMetrics m, int width) {
    return wrap(text, m::stringWidth, width);
  }

  /** The metrics of a font without a picture to draw on. */
  static FontMetrics metrics(java.awt.Font font) {
    java.awt.image.BufferedImage scratch = new java.awt.image.BufferedImage(1, 1,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = scratch.createGraphics();
    try {
      return g.getFontMetrics(font);
    } finally {
      g.dispose();
    }
  }
}
