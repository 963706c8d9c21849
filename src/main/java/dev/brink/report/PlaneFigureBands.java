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
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    write(spec, runner, cancel, file, null);
  }

  /**
   * The figure as PNG (png, or null) and as SVG (svg, or null), each plane row computed once.
   * For the SVG the plot's pixels go to a file beside it (4 bytes a pixel: 256 MB at 8192^2),
   * then into a plot-only PNG beside it, streamed into the SVG as base64; the PNG figure, if
   * asked for too, is drawn from the same pixels. Both files beside it are deleted after.
   */
  public static void write(PlaneSpec spec, GdRunner runner, Cancellation cancel, Path png,
      Path svg) throws IOException {
    Sample sample = sample(spec, runner, cancel);
    PlaneFigure f = new PlaneFigure(spec, sample.labels, sample.speed);
    PlotSource computed = (top, count, rgb) -> computeRgb(spec, sample, runner, cancel, top,
        count, rgb);
    if (svg == null) {
      writePng(new Banded(f, true, computed), png);
      return;
    }
    Path dir = svg.toAbsolutePath().getParent();
    Path pixels = Files.createTempFile(dir, ".brink-plot-", ".rgb");
    Path plotPng = Files.createTempFile(dir, ".brink-plot-", ".png");
    // Also when the command is ended part way (Ctrl-C, SIGTERM): a quarter of a GB each time.
    pixels.toFile().deleteOnExit();
    plotPng.toFile().deleteOnExit();
    try (FileChannel channel = FileChannel.open(pixels, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      int w = spec.width();
      int[] rgb = new int[BAND * w];
      ByteBuffer bytes = ByteBuffer.allocate(BAND * w * 4);
      for (int top = 0; top < spec.height(); top += BAND) {
        int count = Math.min(BAND, spec.height() - top);
        computed.rows(top, count, rgb);
        bytes.clear();
        bytes.asIntBuffer().put(rgb, 0, count * w);
        bytes.limit(count * w * 4);
        while (bytes.hasRemaining()) {
          channel.write(bytes, (long) top * w * 4 + bytes.position());
        }
      }
      PlotSource stored = (top, count, out) -> {
        ByteBuffer in = ByteBuffer.allocate(count * w * 4);
        while (in.hasRemaining()) {
          if (channel.read(in, (long) top * w * 4 + in.position()) < 0) {
            throw new IOException("the plot's pixels ended early");
          }
        }
        in.flip();
        in.asIntBuffer().get(out, 0, count * w);
      };
      writePng(new Banded(f, false, stored), plotPng);
      try (InputStream in = Files.newInputStream(plotPng)) {
        PlaneFigureSvg.write(f, in, svg);
      }
      if (png != null) {
        writePng(new Banded(f, true, stored), png);
      }
    } finally {
      Files.deleteIfExists(pixels);
      Files.deleteIfExists(plotPng);
    }
  }

  private static void writePng(RenderedImage image, Path file) throws IOException {
    if (!javax.imageio.ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer");
    }
  }

  /** Plot rows top..top + count - 1, counted from the top (y max), as RGB, row by row. */
  @FunctionalInterface
  private interface PlotSource {
    void rows(int top, int count, int[] rgb) throws IOException;
  }

  private static void computeRgb(PlaneSpec spec, Sample sample, GdRunner runner,
      Cancellation cancel, int top, int count, int[] rgb) {
    int h = spec.height();
    int w = spec.width();
    Rows rows = Rows.of(spec, h - top - count, count, runner, cancel);
    for (int p = 0; p < count; p++) {
      int r = count - 1 - p;
      for (int c = 0; c < w; c++) {
        boolean d = rows.divergent[r * w + c];
        double shade = sample.shade(d, rows.speed[r * w + c]);
        rgb[p * w + c] = d
            ? PlanePng.mix(PlanePng.DIVERGENT_LIGHT, PlanePng.DIVERGENT_DARK, shade)
            : PlanePng.mix(PlanePng.BOUNDED_LIGHT, PlanePng.BOUNDED_DARK, shade);
      }
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

  /**
   * The figure (decorated) or its plot alone as an image of bands, each drawn when a row of it
   * is first asked for.
   */
  private static final class Banded implements RenderedImage {
    private final PlaneFigure f;
    private final boolean decorated;
    private final PlotSource plot;
    private final ColorModel colors;
    private int bandTop = -1;
    private BufferedImage band;
    private int[] rgb = new int[0];

    Banded(PlaneFigure f, boolean decorated, PlotSource plot) {
      this.f = f;
      this.decorated = decorated;
      this.plot = plot;
      this.colors = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).getColorModel();
    }

    /** The band holding image row y, drawn if it is not the current one. */
    private BufferedImage bandOf(int y) {
      int top = y / BAND * BAND;
      if (top != bandTop) {
        try {
          band = draw(top, Math.min(BAND, getHeight() - top));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        bandTop = top;
      }
      return band;
    }

    private BufferedImage draw(int top, int height) throws IOException {
      BufferedImage image = new BufferedImage(getWidth(), height, BufferedImage.TYPE_INT_RGB);
      // The plot alone fills its image; the figure starts as paper.
      Graphics2D g = decorated ? FigureCanvas.open(image, true) : null;
      int dx = decorated ? f.left() : 0;
      int dy = decorated ? f.top() : 0;
      // Plot rows from the top (y max): image row dy + p.
      int p0 = Math.max(0, top - dy);
      int p1 = Math.min(f.plotHeight, top + height - dy);
      if (p1 > p0) {
        int w = f.plotWidth;
        if (rgb.length < (p1 - p0) * w) {
          rgb = new int[(p1 - p0) * w];
        }
        plot.rows(p0, p1 - p0, rgb);
        image.setRGB(dx, dy + p0 - top, w, p1 - p0, rgb, 0, w);
      }
      if (g != null) {
        try {
          g.translate(0, -top);
          PlaneFigurePng.decorate(g, f);
        } finally {
          g.dispose();
        }
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
      return decorated ? f.width() : f.plotWidth;
    }

    @Override
    public int getHeight() {
      return decorated ? f.height() : f.plotHeight;
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
