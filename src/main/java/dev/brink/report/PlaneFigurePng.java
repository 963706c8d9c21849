package dev.brink.report;

import dev.brink.plane.PlaneResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** A plane's figure ({@link PlaneFigure}) as a PNG, drawn with Java2D. */
public final class PlaneFigurePng {
  private static final Color INK = new Color(0x22, 0x22, 0x22);

  private PlaneFigurePng() {
  }

  public static void write(PlaneResult r, Path file) throws IOException {
    PlanePng.write(draw(new PlaneFigure(r)), file);
  }

  /** The figure as PNG bytes (the server's /api/plane/figure.png). */
  public static byte[] bytes(PlaneResult r) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      javax.imageio.ImageIO.write(draw(new PlaneFigure(r)), "png", out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static BufferedImage draw(PlaneFigure f) {
    BufferedImage image = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = FigureCanvas.open(image, true);
    try {
      g.drawImage(PlanePng.image(f.result), f.left(), f.top(), null);
      decorate(g, f);
    } finally {
      g.dispose();
    }
    return image;
  }

  /**
   * Everything but the plot's pixels: guides, frame, ticks, axis names, bars, caption. Every
   * length of the decoration is in units of f.scale pixels (u below).
   */
  static void decorate(Graphics2D g, PlaneFigure f) {
    int u = f.scale;
    int left = f.left();
    int top = f.top();
    guides(g, f, left, top);
    g.setColor(INK);
    int bottom = top + f.plotHeight;
    int right = left + f.plotWidth;
    g.fillRect(left - u, top - u, f.plotWidth + 2 * u, u);
    g.fillRect(left - u, bottom, f.plotWidth + 2 * u, u);
    g.fillRect(left - u, top, u, f.plotHeight);
    g.fillRect(right, top, u, f.plotHeight);
    g.setStroke(new BasicStroke(u));
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13 * u);
    g.setFont(font);
    FontMetrics m = g.getFontMetrics();
    for (PlaneFigure.Tick t : f.xTicks) {
      float x = (float) (left + t.offset());
      g.draw(new Line2D.Float(x, bottom, x, bottom + 5 * u));
      g.drawString(t.label(), x - m.stringWidth(t.label()) / 2f, bottom + 7 * u + m.getAscent());
    }
    for (PlaneFigure.Tick t : f.yTicks) {
      float y = (float) (top + t.offset());
      g.draw(new Line2D.Float(left - 5 * u, y, left, y));
      g.drawString(t.label(), left - 8 * u - m.stringWidth(t.label()),
          y + m.getAscent() / 2f - u);
    }
    Font names = font.deriveFont(Font.ITALIC, 14f * u);
    g.setFont(names);
    FontMetrics nm = g.getFontMetrics();
    g.drawString(f.xName, left + (f.plotWidth - nm.stringWidth(f.xName)) / 2f,
        bottom + 30 * u + nm.getAscent());
    AffineTransform keep = g.getTransform();
    g.rotate(-Math.PI / 2);
    g.drawString(f.yName, -(top + (f.plotHeight + nm.stringWidth(f.yName)) / 2f), 22f * u);
    g.setTransform(keep);
    bars(g, f, right + 24 * u, top, font);
    caption(g, f, left, bottom + 56 * u, font.deriveFont(12f * u));
  }

  private static void guides(Graphics2D g, PlaneFigure f, int left, int top) {
    int u = f.scale;
    g.setColor(new Color(20, 20, 20, 230));
    for (int[] dot : f.thresholdDots) {
      if ((dot[0] + dot[1]) % (3 * u) == 0) {
        g.fillRect(left + dot[0], top + dot[1], 2 * u, 2 * u);
      }
    }
    g.setStroke(new BasicStroke(1.5f * u, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
        new float[] {6 * u, 4 * u}, 0));
    if (!Double.isNaN(f.etaOneX)) {
      float x = (float) (left + f.etaOneX);
      g.draw(new Line2D.Float(x, top, x, top + f.plotHeight));
    }
    if (!Double.isNaN(f.etaOneY)) {
      float y = (float) (top + f.etaOneY);
      g.draw(new Line2D.Float(left, y, left + f.plotWidth, y));
    }
  }

  /** The colour bars, one above the other: title, unit, gradient light (top) to dark. */
  private static void bars(Graphics2D g, PlaneFigure f, int x, int y, Font font) {
    int u = f.scale;
    int height = u * Math.max(60, Math.min(220, (f.plotHeight / u - 40)
        / Math.max(1, f.bars.size()) - 44));
    for (PlaneFigure.Bar bar : f.bars) {
      g.setFont(font.deriveFont(Font.BOLD));
      g.setColor(INK);
      g.drawString(bar.title(), x, y + 12 * u);
      g.setFont(font.deriveFont(11f * u));
      g.drawString(bar.unit(), x, y + 27 * u);
      int top = y + 34 * u;
      for (int i = 0; i < height; i++) {
        g.setColor(new Color(PlanePng.mix(bar.light(), bar.dark(), i / (double) (height - 1))));
        g.fillRect(x, top + i, 16 * u, 1);
      }
      g.setColor(INK);
      g.drawRect(x, top, 16 * u, height - 1);
      FontMetrics m = g.getFontMetrics();
      for (int k = 0; k < 3; k++) {
        int ty = top + k * (height - 1) / 2;
        g.drawLine(x + 16 * u, ty, x + 20 * u, ty);
        g.drawString(bar.labels()[k], x + 23 * u, ty + m.getAscent() / 2);
      }
      g.drawString("shade: rank within the class", x, top + height + 14 * u);
      y = top + height + 30 * u;
    }
  }

  /** The caption, wrapped to the figure's width. */
  private static void caption(Graphics2D g, PlaneFigure f, int x, int y, Font font) {
    g.setFont(font);
    g.setColor(INK);
    FontMetrics m = g.getFontMetrics();
    for (String line : TextLines.wrap(f.caption, m, f.width() - x - 12 * f.scale)) {
      g.drawString(line, x, y);
      y += m.getHeight();
    }
  }
}
