package dev.brink.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** A figure's picture to draw on: smoothed text and lines on the figures' paper colour. */
final class FigureCanvas {
  static final Color PAPER = new Color(0xfa, 0xf9, 0xf6);

  private FigureCanvas() {
  }

  /** The picture's graphics, filled with paper; smooth lines unless pixels must stay crisp. */
  static Graphics2D open(BufferedImage image, boolean smoothLines) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    if (smoothLines) {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    }
    g.setColor(PAPER);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    return g;
  }
}
