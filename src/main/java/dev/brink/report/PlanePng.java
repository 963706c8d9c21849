package dev.brink.report;

import dev.brink.plane.PlaneResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A plane as a PNG in the colours of paper A's Fig. 1d: bounded pixels light blue to dark blue,
 * divergent pixels light red to dark red, darker where GD settled or blew up more slowly (closer
 * to the boundary). Shades are the log of the speed measure, min-max normalised per class. The
 * picture has y min at the bottom, like a plot.
 */
public final class PlanePng {
  private static final int[] BOUNDED_LIGHT = {0xad, 0xd8, 0xe6};
  private static final int[] BOUNDED_DARK = {0x08, 0x30, 0x6b};
  private static final int[] DIVERGENT_LIGHT = {0xff, 0xcc, 0xcb};
  private static final int[] DIVERGENT_DARK = {0xa5, 0x0f, 0x15};

  private PlanePng() {
  }

  public static void write(PlaneResult r, Path file) throws IOException {
    int w = r.spec().width();
    int h = r.spec().height();
    double[] shade = new double[r.speed().length];
    double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (int p = 0; p < shade.length; p++) {
      shade[p] = Math.log1p(r.speed()[p]);
      int c = r.labels().divergent(p) ? 1 : 0;
      min[c] = Math.min(min[c], shade[p]);
      max[c] = Math.max(max[c], shade[p]);
    }
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int row = 0; row < h; row++) {
      for (int col = 0; col < w; col++) {
        int p = row * w + col;
        int c = r.labels().divergent(p) ? 1 : 0;
        double span = max[c] - min[c];
        double t = span > 0 ? (shade[p] - min[c]) / span : 1;
        int rgb = c == 1 ? mix(DIVERGENT_LIGHT, DIVERGENT_DARK, t)
            : mix(BOUNDED_LIGHT, BOUNDED_DARK, t);
        image.setRGB(col, h - 1 - row, rgb);
      }
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer available");
      }
    }
  }

  private static int mix(int[] light, int[] dark, double t) {
    int rgb = 0;
    for (int i = 0; i < 3; i++) {
      rgb = (rgb << 8) | (int) Math.round(light[i] + (dark[i] - light[i]) * t);
    }
    return rgb;
  }
}
