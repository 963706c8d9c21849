package dev.brink.report;

import dev.brink.line.LineResult;
import dev.brink.line.LineSpec;
import dev.brink.params.GdConfig;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A line's figure as a PNG, as paper A draws its Fig. 2: the outcome strip over the learning
 * rate (each column coloured by the share of its runs that diverge, blue to red) with an eta
 * axis, and log2 N_B against the level with the fit whose slope is alpha, and a caption.
 */
public final class LineFigurePng {
  static final int WIDTH = 900;
  static final int LEFT = 70;
  static final int RIGHT = 30;
  static final int STRIP_TOP = 34;
  static final int STRIP_HEIGHT = 56;
  static final int CHART_TOP = STRIP_TOP + STRIP_HEIGHT + 70;
  static final int CHART_HEIGHT = 260;
  static final int HEIGHT = CHART_TOP + CHART_HEIGHT + 110;
  private static final Color INK = new Color(0x22, 0x22, 0x22);
  private static final int[] BOUNDED = {0x21, 0x66, 0xac};
  private static final int[] DIVERGENT = {0xb2, 0x18, 0x2b};

  private LineFigurePng() {
  }

  public static void write(LineResult r, Path file) throws IOException {
    PlanePng.write(draw(r), file);
  }

  static BufferedImage draw(LineResult r) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = FigureCanvas.open(image, true);
    try {
      Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
      g.setFont(font.deriveFont(Font.BOLD));
      g.setColor(INK);
      g.drawString("outcome of GD along the learning rate (red: diverges, blue: bounded)", LEFT,
          STRIP_TOP - 10);
      strip(g, r, font);
      chart(g, r, font);
      caption(g, r, font.deriveFont(12f));
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Each column: the share of its grid points that diverge, from blue (none) to red (all). */
  static double[] divergentShare(LineResult r, int columns) {
    int n = r.labels().size();
    double[] share = new double[columns];
    for (int c = 0; c < columns; c++) {
      long from = (long) c * n / columns;
      long to = Math.max(from + 1, (long) (c + 1) * n / columns);
      int divergent = 0;
      for (long p = from; p < to; p++) {
        divergent += r.labels().divergent((int) p) ? 1 : 0;
      }
      share[c] = divergent / (double) (to - from);
    }
    return share;
  }

  private static void strip(Graphics2D g, LineResult r, Font font) {
    int width = WIDTH - LEFT - RIGHT;
    double[] share = divergentShare(r, width);
    for (int c = 0; c < width; c++) {
      g.setColor(new Color(PlanePng.mix(BOUNDED, DIVERGENT, share[c])));
      g.fillRect(LEFT + c, STRIP_TOP, 1, STRIP_HEIGHT);
    }
    g.setColor(INK);
    g.drawRect(LEFT - 1, STRIP_TOP - 1, width + 1, STRIP_HEIGHT + 1);
    LineSpec s = r.spec();
    g.setFont(font);
    FontMetrics m = g.getFontMetrics();
    int bottom = STRIP_TOP + STRIP_HEIGHT;
    for (PlaneFigure.Tick t : PlaneFigure.ticks(dev.brink.grid.Scale.LINEAR, s.etaMin(),
        s.etaMax(), width, false)) {
      float x = (float) (LEFT + t.offset());
      g.draw(new Line2D.Float(x, bottom, x, bottom + 5));
      g.drawString(t.label(), x - m.stringWidth(t.label()) / 2f, bottom + 7 + m.getAscent());
    }
    g.setFont(font.deriveFont(Font.ITALIC, 14f));
    String name = "learning rate η";
    g.drawString(name, LEFT + (width - g.getFontMetrics().stringWidth(name)) / 2f,
        bottom + 44);
  }

  /** log2 N_B against the level, the levels with N_B > 1 fitted by a line of slope alpha. */
  private static void chart(Graphics2D g, LineResult r, Font font) {
    long[] nb = r.nb();
    int levels = nb.length - 1;
    double maxY = 1;
    for (long v : nb) {
      maxY = Math.max(maxY, Math.log(Math.max(1, v)) / Math.log(2));
    }
    int width = WIDTH - LEFT - RIGHT;
    double yTop = Math.ceil(maxY);
    java.util.function.DoubleUnaryOperator px = l -> LEFT + l / Math.max(1, levels) * width;
    java.util.function.DoubleUnaryOperator py = v -> CHART_TOP + CHART_HEIGHT
        - v / yTop * CHART_HEIGHT;
    g.setColor(INK);
    g.drawRect(LEFT, CHART_TOP, width, CHART_HEIGHT);
    g.setFont(font);
    FontMetrics m = g.getFontMetrics();
    for (PlaneFigure.Tick t : PlaneFigure.ticks(dev.brink.grid.Scale.LINEAR, 0, levels, width,
        false)) {
      float x = (float) (LEFT + t.offset() - 0.5);
      g.draw(new Line2D.Float(x, CHART_TOP + CHART_HEIGHT, x, CHART_TOP + CHART_HEIGHT + 5));
      g.drawString(t.label(), x - m.stringWidth(t.label()) / 2f,
          CHART_TOP + CHART_HEIGHT + 7 + m.getAscent());
    }
    for (PlaneFigure.Tick t : PlaneFigure.ticks(dev.brink.grid.Scale.LINEAR, 0, yTop,
        CHART_HEIGHT, true)) {
      float y = (float) (CHART_TOP + t.offset() - 0.5);
      g.draw(new Line2D.Float(LEFT - 5, y, LEFT, y));
      g.drawString(t.label(), LEFT - 8 - m.stringWidth(t.label()), y + m.getAscent() / 2f - 1);
    }
    g.setFont(font.deriveFont(Font.ITALIC, 14f));
    String xName = "level l (boxes of 2^-l of the range)";
    g.drawString(xName, LEFT + (width - g.getFontMetrics().stringWidth(xName)) / 2f,
        CHART_TOP + CHART_HEIGHT + 42);
    AffineTransform keep = g.getTransform();
    g.rotate(-Math.PI / 2);
    String yName = "log₂ N_B (boxes holding the boundary)";
    g.drawString(yName, -(CHART_TOP + (CHART_HEIGHT + g.getFontMetrics().stringWidth(yName))
        / 2f), 20f);
    g.setTransform(keep);
    // The fit over the levels with N_B > 1, as SlopeFit.alpha takes them.
    double sx = 0;
    double sy = 0;
    int k = 0;
    for (int l = 0; l <= levels; l++) {
      if (nb[l] > 1) {
        sx += l;
        sy += Math.log(nb[l]) / Math.log(2);
        k++;
      }
    }
    if (r.alpha().points() >= 3) {
      double slope = r.alpha().slope();
      double intercept = sy / k - slope * sx / k;
      g.setColor(DIVERGENT_INK);
      g.setStroke(new BasicStroke(1.5f));
      double a = Math.max(0, -intercept / slope);
      g.draw(new Line2D.Double(px.applyAsDouble(a), py.applyAsDouble(intercept + slope * a),
          px.applyAsDouble(levels), py.applyAsDouble(intercept + slope * levels)));
    }
    g.setColor(INK);
    for (int l = 0; l <= levels; l++) {
      double v = Math.log(Math.max(1, nb[l])) / Math.log(2);
      g.fill(new Ellipse2D.Double(px.applyAsDouble(l) - 3, py.applyAsDouble(v) - 3, 6, 6));
    }
    g.setFont(font.deriveFont(Font.BOLD, 14f));
    String alpha = r.alpha().points() >= 3 ? String.format(Locale.ROOT,
        "α = %.4f ± %.4f (slope over %d levels with N_B > 1)", r.alpha().slope(),
        r.alpha().standardError(), r.alpha().points()) : "α: fewer than 3 levels with N_B > 1";
    g.drawString(alpha, LEFT + 12, CHART_TOP + 22);
  }

  private static final Color DIVERGENT_INK = new Color(0xb2, 0x18, 0x2b);

  private static void caption(Graphics2D g, LineResult r, Font font) {
    GdConfig c = r.spec().config();
    String text = String.format(Locale.ROOT, "brink line: family %s%s, eps %s, lambda %s%s,"
        + " x0 %s, steps %d; eta %s:%s, 2^%d + 1 points; N_B per level %s", c.family().id(),
        OptimizerCaption.of(c.optimizer(), name -> false), c.eps(), c.lambda(),
        c.dim() > 1 ? ", dim " + c.dim() : "", c.x0(), c.steps(),
        r.spec().etaMin(), r.spec().etaMax(), r.spec().levels(),
        java.util.Arrays.toString(r.nb()).replace(" ", ""));
    g.setFont(font);
    g.setColor(INK);
    FontMetrics m = g.getFontMetrics();
    int y = CHART_TOP + CHART_HEIGHT + 72;
    for (String line : TextLines.wrap(text, m, WIDTH - LEFT - RIGHT)) {
      g.drawString(line, LEFT, y);
      y += m.getHeight();
    }
  }
}
