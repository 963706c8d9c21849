package dev.brink.report;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.fractal.Labels;
import dev.brink.plane.PlaneExperiment;
import dev.brink.plane.PlaneSpec;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Vector;

/**
 * A plane's figure too large to hold ({@link PlaneSpec#MAX_HELD_PIXELS}, up to 8192 x 8192),
 * drawn band by band: ImageIO's PNG writer asks for the picture a row at a time, and each band
 * of {@link #BAND} rows is computed (the plane's rows it shows), drawn with the figure's axes,
 * bars and caption clipped to it, handed over and dropped. Shades are ranks within the class
 * among a sample of the plane's rows ({@link #SAMPLE_ROWS} spread evenly) rather than among
 * every pixel, and so are the colour bars' labels. Memory: a band of the figure and the
 * sample, whatever the size (LauncherIT draws 8192 x 8192 in a 256 MB heap).
 */
public final class PlaneFigureBands {
  static final int BAND = 128;
  static final int SAMPLE_ROWS = 64;

  private PlaneFigureBands() {
  }

  public static void write(PlaneSpec spec, GdRunner runner, Cancellation cancel, Path file)
      throws IOException {
    Sample sample = sample(spec, runner, cancel);
    PlaneFigure f = new PlaneFigure(spec, sample.labels, sample.speed);
    Banded image = new Banded(spec, f, sample, runner, cancel);
    if (!javax.imageio.ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer");
    }
  }

  /** Classes and speeds of some rows, and each class's speeds sorted, for the shades. */
  private static final class Sample {
    final Labels labels;
    final double[] speed;
    final double[][] sorted = new double[2][];

    Sample(Labels labels, double[] speed) {
      this.labels = labels;
      this.speed = speed;
      for (int cls = 0; cls < 2; cls++) {
        double[] v = new double[speed.length];
        int n = 0;
        for (int p = 0; p < speed.length; p++) {
          if (labels.divergent(p) == (cls == 1)) {
            v[n++] = speed[p];
          }
        }
        sorted[cls] = Arrays.copyOf(v, n);
        Arrays.sort(sorted[cls]);
      }
    }

    /** A speed's rank among the sample's of its class, in [0, 1], as PlanePng's shades. */
    double shade(boolean divergent, double speed) {
      double[] s = sorted[divergent ? 1 : 0];
      if (s.length < 2) {
        return 1;
      }
      int k = Arrays.binarySearch(s, speed);
      int rank = k >= 0 ? k : Math.min(s.length - 1, -k - 1);
      return rank / (double) (s.length - 1);
    }
  }

  private static Sample sample(PlaneSpec spec, GdRunner runner, Cancellation cancel) {
    int rows = Math.min(SAMPLE_ROWS, spec.height());
    int w = spec.width();
    Labels labels = new Labels(rows * w);
    double[] speed = new double[rows * w];
    for (int i = 0; i < rows; i++) {
      int row = (int) ((long) i * spec.height() / rows);
      Rows r = Rows.of(spec, row, 1, runner, cancel);
      for (int c = 0; c < w; c++) {
        labels.set(i * w + c, r.divergent[c]);
        speed[i * w + c] = r.speed[c];
      }
    }
    return new Sample(labels, speed);
  }

  /** Rows from..from + count - 1 of the plane (row 0 at y min), computed. */
  private record Rows(boolean[] divergent, double[] speed) {
    static Rows of(PlaneSpec spec, int from, int count, GdRunner runner, Cancellation cancel) {
      int w = spec.width();
      boolean[] divergent = new boolean[count * w];
      double[] speed = new double[count * w];
      for (int row = from; row < from + count; ) {
        PlaneExperiment.Band band = PlaneExperiment.band(spec, row, runner, cancel);
        int take = Math.min(band.rows(), from + count - row);
        for (int k = 0; k < take * w; k++) {
          divergent[(row - from) * w + k] = band.outcomes().divergent(k);
          speed[(row - from) * w + k] = band.outcomes().speed(k);
        }
        row += take;
      }
      return new Rows(divergent, speed);
    }
  }

  /** The figure as an image of bands, each drawn when a row of it is first asked for. */
  private static final class Banded implements RenderedImage {
    private final PlaneSpec spec;
    private final PlaneFigure f;
    private final Sample sample;
    private final GdRunner runner;
    private final Cancellation cancel;
    private final ColorModel colors;
    private int bandTop = -1;
    private BufferedImage band;

    Banded(PlaneSpec spec, PlaneFigure f, Sample sample, GdRunner runner, Cancellation cancel) {
      this.spec = spec;
      this.f = f;
      this.sample = sample;
      this.runner = runner;
      this.cancel = cancel;
      this.colors = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).getColorModel();
    }

    /** The band holding figure row y, drawn if it is not the current one. */
    private BufferedImage bandOf(int y) {
      int top = y / BAND * BAND;
      if (top != bandTop) {
        band = draw(top, Math.min(BAND, getHeight() - top));
        bandTop = top;
      }
      return band;
    }

    private BufferedImage draw(int top, int height) {
      BufferedImage image = new BufferedImage(getWidth(), height, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = FigureCanvas.open(image, true);
      try {
        // Plot rows from the top (y max): figure row f.top() + p.
        int p0 = Math.max(0, top - f.top());
        int p1 = Math.min(spec.height(), top + height - f.top());
        if (p1 > p0) {
          int h = spec.height();
          Rows rows = Rows.of(spec, h - p1, p1 - p0, runner, cancel);
          int w = spec.width();
          for (int p = p0; p < p1; p++) {
            int r = p1 - 1 - p;
            for (int c = 0; c < w; c++) {
              boolean d = rows.divergent[r * w + c];
              double shade = sample.shade(d, rows.speed[r * w + c]);
              image.setRGB(f.left() + c, f.top() + p - top, d
                  ? PlanePng.mix(PlanePng.DIVERGENT_LIGHT, PlanePng.DIVERGENT_DARK, shade)
                  : PlanePng.mix(PlanePng.BOUNDED_LIGHT, PlanePng.BOUNDED_DARK, shade));
            }
          }
        }
        g.translate(0, -top);
        PlaneFigurePng.decorate(g, f);
      } finally {
        g.dispose();
      }
      return image;
    }

    @Override
    public Raster getData(Rectangle r) {
      WritableRaster out = colors.createCompatibleWritableRaster(r.width, r.height)
          .createWritableTranslatedChild(r.x, r.y);
      for (int y = r.y; y < r.y + r.height; y++) {
        BufferedImage b = bandOf(y);
        out.setDataElements(r.x, y, r.width, 1, b.getRaster().getDataElements(r.x,
            y - bandTop, r.width, 1, null));
      }
      return out;
    }

    @Override
    public Raster getData() {
      return getData(new Rectangle(0, 0, getWidth(), getHeight()));
    }

    @Override
    public WritableRaster copyData(WritableRaster raster) {
      Rectangle r = raster == null ? new Rectangle(0, 0, getWidth(), getHeight())
          : raster.getBounds();
      Raster data = getData(r);
      if (raster == null) {
        return (WritableRaster) data;
      }
      raster.setRect(data);
      return raster;
    }

    @Override
    public Raster getTile(int tileX, int tileY) {
      int top = tileY * BAND;
      return getData(new Rectangle(0, top, getWidth(), Math.min(BAND, getHeight() - top)));
    }

    @Override
    public Vector<RenderedImage> getSources() {
      return null;
    }

    @Override
    public Object getProperty(String name) {
      return Image.UndefinedProperty;
    }

    @Override
    public String[] getPropertyNames() {
      return null;
    }

    @Override
    public ColorModel getColorModel() {
      return colors;
    }

    @Override
    public SampleModel getSampleModel() {
      return colors.createCompatibleSampleModel(getWidth(), BAND);
    }

    @Override
    public int getWidth() {
      return f.width();
    }

    @Override
    public int getHeight() {
      return f.height();
    }

    @Override
    public int getMinX() {
      return 0;
    }

    @Override
    public int getMinY() {
      return 0;
    }

    @Override
    public int getNumXTiles() {
      return 1;
    }

    @Override
    public int getNumYTiles() {
      return (getHeight() + BAND - 1) / BAND;
    }

    @Override
    public int getMinTileX() {
      return 0;
    }

    @Override
    public int getMinTileY() {
      return 0;
    }

    @Override
    public int getTileWidth() {
      return getWidth();
    }

    @Override
    public int getTileHeight() {
      return BAND;
    }

    @Override
    public int getTileGridXOffset() {
      return 0;
    }

    @Override
    public int getTileGridYOffset() {
      return 0;
    }
  }
}
