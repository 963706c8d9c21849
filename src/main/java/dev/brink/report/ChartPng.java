package dev.brink.report;

import dev.brink.grid.Scale;
import dev.brink.reproduce.Figure;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A chart of a reproduction (alpha against theta, against n, a loss against the step): points
 * with error bars or joined lines, axes with round ticks (log10 where asked), a legend, and a
 * dashed marker line with its name.
 */
public final class ChartPng {
  static final int WIDTH = 900;
  static final int HEIGHT = 540;
  private static final int LEFT = 80;
  private static final int RIGHT = 30;
  private static final int TOP = 50;
  private static final int BOTTOM = 95;
  private static final Color INK = new Color(0x22, 0x22, 0x22);
  private static final Color GRID = new Color(0xdd, 0xdb, 0xd4);
  /** Series colours: brink's first (blue), the paper's second (orange), then more. */
  private static final Color[] COLOURS = {new Color(0x21, 0x66, 0xac),
      new Color(0xe0, 0x7b, 0x1a), new Color(0x1b, 0x9e, 0x77), new Color(0xb2, 0x18, 0x2b),
      new Color(0x6a, 0x3d, 0x9a)};

  private ChartPng() {
  }

  public static void write(Figure.Chart chart, Path file) throws IOException {
    PlanePng.write(draw(chart), file);
  }

  static BufferedImage draw(Figure.Chart c) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = FigureCanvas.open(image, true);
    try {
      Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
      g.setFont(font.deriveFont(Font.BOLD, 14f));
      g.setColor(INK);
      g.drawString(c.title(), LEFT, TOP - 20);
      g.setFont(font);
      plot(g, c);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** The data's range on an axis, padded; positive values only on a log axis. */
  private static double[] range(Figure.Chart c, boolean x, boolean log) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Figure.Series s : c.series()) {
      double[] v = x ? s.x() : s.y();
      for (int i = 0; i < v.length; i++) {
        double e = x || s.err() == null ? 0 : s.err()[i];
        if (Double.isFinite(v[i]) && (!log || v[i] - e > 0)) {
          lo = Math.min(lo, v[i] - e);
          hi = Math.max(hi, v[i] + e);
        }
      }
    }
    if (x && Double.isFinite(c.marker())) {
      lo = Math.min(lo, c.marker());
      hi = Math.max(hi, c.marker());
    }
    if (!(lo <= hi)) {
      return log ? new double[] {1, 10} : new double[] {0, 1};
    }
    if (log) {
      return new double[] {Math.pow(10, Math.floor(Math.log10(lo))),
          Math.pow(10, Math.ceil(Math.log10(hi) + 1e-12))};
    }
    if (!x) {
      lo = Math.min(lo, 0);
    }
    double pad = hi > lo ? (hi - lo) * 0.05 : Math.max(1, Math.abs(hi)) * 0.5;
    return new double[] {x ? lo - pad : lo, hi + pad};
  }

  private static void plot(Graphics2D g, Figure.Chart c) {
    int w = WIDTH - LEFT - RIGHT;
    int h = HEIGHT - TOP - BOTTOM;
    Scale sx = c.logX() ? Scale.LOG : Scale.LINEAR;
    Scale sy = c.logY() ? Scale.LOG : Scale.LINEAR;
    double[] xr = range(c, true, c.logX());
    double[] yr = range(c, false, c.logY());
    FontMetrics fm = g.getFontMetrics();
    for (PlaneFigure.Tick t : PlaneFigure.ticks(sx, xr[0], xr[1], w, false)) {
      int px = LEFT + (int) Math.round(t.offset());
      g.setColor(GRID);
      g.drawLine(px, TOP, px, TOP + h);
      g.setColor(INK);
      g.drawLine(px, TOP + h, px, TOP + h + 5);
      g.drawString(t.label(), px - fm.stringWidth(t.label()) / 2, TOP + h + 20);
    }
    for (PlaneFigure.Tick t : PlaneFigure.ticks(sy, yr[0], yr[1], h, true)) {
      int py = TOP + (int) Math.round(t.offset());
      g.setColor(GRID);
      g.drawLine(LEFT, py, LEFT + w, py);
      g.setColor(INK);
      g.drawLine(LEFT - 5, py, LEFT, py);
      g.drawString(t.label(), LEFT - 9 - fm.stringWidth(t.label()), py + 5);
    }
    g.setColor(INK);
    g.drawRect(LEFT, TOP, w, h);
    g.drawString(c.xLabel(), LEFT + (w - fm.stringWidth(c.xLabel())) / 2, TOP + h + 45);
    AffineTransform saved = g.getTransform();
    g.rotate(-Math.PI / 2);
    g.drawString(c.yLabel(), -(TOP + (h + fm.stringWidth(c.yLabel())) / 2), 22);
    g.setTransform(saved);
    if (Double.isFinite(c.marker())) {
      double px = LEFT + PlaneFigure.offset(sx, xr[0], xr[1], c.marker(), w, false);
      g.setColor(new Color(0x55, 0x55, 0x55));
      g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
          new float[] {6, 5}, 0));
      g.draw(new Line2D.Double(px, TOP, px, TOP + h));
      g.setStroke(new BasicStroke(1));
      g.drawString(c.markerLabel(), (int) px + 6, TOP + 16);
    }
    java.awt.Shape clip = g.getClip();
    g.clipRect(LEFT, TOP, w + 1, h + 1);
    for (int k = 0; k < c.series().size(); k++) {
      Figure.Series s = c.series().get(k);
      g.setColor(COLOURS[k % COLOURS.length]);
      Path2D.Double path = new Path2D.Double();
      boolean open = false;
      for (int i = 0; i < s.x().length; i++) {
        double px = LEFT + PlaneFigure.offset(sx, xr[0], xr[1], s.x()[i], w, false);
        double py = TOP + PlaneFigure.offset(sy, yr[0], yr[1], s.y()[i], h, true);
        if (Double.isNaN(px) || Double.isNaN(py)) {
          continue;
        }
        if (s.err() != null && s.err()[i] > 0) {
          double lo = TOP + PlaneFigure.offset(sy, yr[0], yr[1],
              Math.max(yr[0], s.y()[i] - s.err()[i]), h, true);
          double hi = TOP + PlaneFigure.offset(sy, yr[0], yr[1],
              Math.min(yr[1], s.y()[i] + s.err()[i]), h, true);
          g.draw(new Line2D.Double(px, lo, px, hi));
        }
        if (s.joined()) {
          if (open) {
            path.lineTo(px, py);
          } else {
            path.moveTo(px, py);
            open = true;
          }
        }
        g.fill(new Ellipse2D.Double(px - 3, py - 3, 6, 6));
      }
      if (s.joined()) {
        g.setStroke(new BasicStroke(1.6f));
        g.draw(path);
        g.setStroke(new BasicStroke(1));
      }
    }
    g.setClip(clip);
    legend(g, c, LEFT, HEIGHT - 14);
  }

  /** The series' names in a row under the x axis's label, so that they hide no point. */
  private static void legend(Graphics2D g, Figure.Chart c, int left, int baseline) {
    FontMetrics fm = g.getFontMetrics();
    int x = left;
    for (int k = 0; k < c.series().size(); k++) {
      g.setColor(COLOURS[k % COLOURS.length]);
      g.fill(new Ellipse2D.Double(x, baseline - 9, 8, 8));
      g.setColor(INK);
      String name = c.series().get(k).name();
      g.drawString(name, x + 14, baseline);
      x += 14 + fm.stringWidth(name) + 28;
    }
  }
}
