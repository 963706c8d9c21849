package dev.brink.report;

import dev.brink.sweep.CellResult;
import dev.brink.sweep.GridAxis;
import dev.brink.sweep.SweepSpec;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A sweep's figure as a PNG: alpha of every cell as a heat map over the grid (the first axis
 * across, the second up; one row for a one-axis sweep), tick labels at cell centres, a colour
 * bar for alpha, the convexity threshold theta = 1/(2 pi^2) dotted along the cell edges it
 * crosses, and a caption.
 */
public final class SweepFigurePng {
  static final int LEFT = 88;
  static final int TOP = 24;
  static final int RIGHT = 150;
  /** alpha 0 (smooth boundary) to its top value: light yellow to dark purple. */
  private static final int[] LOW = {0xfc, 0xf5, 0xb4};
  private static final int[] HIGH = {0x3b, 0x0f, 0x70};
  private static final Color INK = new Color(0x22, 0x22, 0x22);

  private SweepFigurePng() {
  }

  public static void write(SweepSpec spec, List<CellResult> cells, Path file)
      throws IOException {
    PlanePng.write(draw(spec, cells), file);
  }

  /** Cell size in pixels: the map about 600 pixels wide, cells 4 to 120 pixels. */
  static int cellPixels(SweepSpec spec) {
    int across = spec.axes().get(0).count();
    int up = spec.axes().size() > 1 ? spec.axes().get(1).count() : 1;
    return Math.max(4, Math.min(120, 600 / Math.max(across, up)));
  }

  /** The alpha the colour bar's top means: 1, or the largest alpha when above. */
  static double top(List<CellResult> cells) {
    double top = 1;
    for (CellResult c : cells) {
      top = Math.max(top, c.alpha());
    }
    return top;
  }

  static BufferedImage draw(SweepSpec spec, List<CellResult> cells) {
    GridAxis xAxis = spec.axes().get(0);
    GridAxis yAxis = spec.axes().size() > 1 ? spec.axes().get(1) : null;
    int across = xAxis.count();
    int up = yAxis == null ? 1 : yAxis.count();
    int cell = cellPixels(spec);
    int w = across * cell;
    int h = up * cell;
    double top = top(cells);
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    int width = LEFT + w + RIGHT;
    // The caption's lines first: the image is as tall as they need.
    List<String> caption = TextLines.wrap(captionText(spec),
        TextLines.metrics(font.deriveFont(12f)), width - LEFT - 12);
    BufferedImage image = new BufferedImage(width, TOP + h + 72 + 16 * caption.size() + 8,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = FigureCanvas.open(image, false);
    try {
      boolean[] above = new boolean[across * up];
      for (CellResult c : cells) {
        int i = c.index() / up;
        int j = c.index() % up;
        g.setColor(new Color(PlanePng.mix(LOW, HIGH, Math.max(0, c.alpha()) / top)));
        g.fillRect(LEFT + i * cell, TOP + h - (j + 1) * cell, cell, cell);
        above[i * up + j] = c.theta() > PlaneFigure.CRITICAL;
      }
      // The threshold along the edges between cells on either side of it.
      g.setColor(INK);
      for (int i = 0; i < across; i++) {
        for (int j = 0; j < up; j++) {
          if (i + 1 < across && above[i * up + j] != above[(i + 1) * up + j]) {
            for (int d = 0; d < cell; d += 4) {
              g.fillRect(LEFT + (i + 1) * cell - 1, TOP + h - (j + 1) * cell + d, 2, 2);
            }
          }
          if (j + 1 < up && above[i * up + j] != above[i * up + j + 1]) {
            for (int d = 0; d < cell; d += 4) {
              g.fillRect(LEFT + i * cell + d, TOP + h - (j + 1) * cell - 1, 2, 2);
            }
          }
        }
      }
      g.drawRect(LEFT - 1, TOP - 1, w + 1, h + 1);
      g.setFont(font);
      FontMetrics m = g.getFontMetrics();
      int every = Math.max(1, (int) Math.ceil(across * 48.0 / Math.max(1, w)));
      for (int i = 0; i < across; i += every) {
        String label = label(xAxis, i);
        int x = LEFT + i * cell + cell / 2;
        g.drawLine(x, TOP + h, x, TOP + h + 5);
        g.drawString(label, x - m.stringWidth(label) / 2, TOP + h + 7 + m.getAscent());
      }
      if (yAxis != null) {
        int everyUp = Math.max(1, (int) Math.ceil(up * 22.0 / Math.max(1, h)));
        for (int j = 0; j < up; j += everyUp) {
          String label = label(yAxis, j);
          int y = TOP + h - j * cell - cell / 2;
          g.drawLine(LEFT - 5, y, LEFT, y);
          g.drawString(label, LEFT - 8 - m.stringWidth(label), y + m.getAscent() / 2 - 1);
        }
      }
      g.setFont(font.deriveFont(Font.ITALIC, 14f));
      FontMetrics nm = g.getFontMetrics();
      g.drawString(xAxis.name(), LEFT + (w - nm.stringWidth(xAxis.name())) / 2f,
          TOP + h + 30 + nm.getAscent());
      if (yAxis != null) {
        AffineTransform keep = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yAxis.name(), -(TOP + (h + nm.stringWidth(yAxis.name())) / 2f), 22f);
        g.setTransform(keep);
      }
      bar(g, LEFT + w + 24, TOP, Math.max(80, Math.min(260, h)), top, font);
      g.setFont(font.deriveFont(12f));
      g.setColor(INK);
      for (int k = 0; k < caption.size(); k++) {
        g.drawString(caption.get(k), LEFT, TOP + h + 72 + 16 * k);
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /**
   * A grid value with the fewest decimals that show it to a twentieth of the grid's step (0.12,
   * 0.031), so that neighbouring cells never share a label.
   */
  static String label(GridAxis a, int i) {
    double step = a.count() > 1 ? (a.max() - a.min()) / (a.count() - 1)
        : Math.max(1e-12, Math.abs(a.min()));
    for (int d = 0; d <= 8; d++) {
      boolean ok = true;
      for (int k = 0; k < a.count() && ok; k++) {
        double v = a.value(k);
        ok = Math.abs(Double.parseDouble(String.format(Locale.ROOT, "%." + d + "f", v)) - v)
            <= step / 20;
      }
      if (ok) {
        return String.format(Locale.ROOT, "%." + d + "f", a.value(i));
      }
    }
    return String.format(Locale.ROOT, "%.3g", a.value(i));
  }

  private static void bar(Graphics2D g, int x, int y, int height, double top, Font font) {
    g.setColor(INK);
    g.setFont(font.deriveFont(Font.BOLD));
    g.drawString("α", x, y + 12);
    g.setFont(font.deriveFont(11f));
    g.drawString("boundary dimension", x, y + 27);
    int barTop = y + 34;
    for (int i = 0; i < height; i++) {
      g.setColor(new Color(PlanePng.mix(LOW, HIGH, 1 - i / (double) (height - 1))));
      g.fillRect(x, barTop + i, 16, 1);
    }
    g.setColor(INK);
    g.drawRect(x, barTop, 16, height - 1);
    FontMetrics m = g.getFontMetrics();
    for (int k = 0; k <= 4; k++) {
      int ty = barTop + (4 - k) * (height - 1) / 4;
      g.drawLine(x + 16, ty, x + 20, ty);
      g.drawString(String.format(Locale.ROOT, "%.2f", top * k / 4), x + 23,
          ty + m.getAscent() / 2);
    }
  }

  private static String captionText(SweepSpec spec) {
    StringBuilder text = new StringBuilder("brink sweep: family ")
        .append(spec.base().family().id()).append(OptimizerCaption.of(spec.base().optimizer(),
            name -> spec.axes().stream().anyMatch(a -> a.name().equals(name))));
    for (GridAxis a : spec.axes()) {
      text.append(", grid ").append(a.spec());
    }
    return text.append(String.format(Locale.ROOT, "; %d levels, eta %s:%s, x0 %s, steps %d; "
        + "alpha of each cell's line. Dotted: the convexity threshold θ = 1/(2π²) between "
        + "cells.", spec.levels(), spec.etaMin(), spec.etaMax(), spec.base().x0(),
        spec.base().steps())).toString();
  }
}
