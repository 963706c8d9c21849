package dev.brink.report;

import dev.brink.plane.PlaneResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * A plane as a PNG in the colours of paper A's Fig. 1d: bounded pixels light blue to dark blue,
 * divergent pixels light red to dark red, darker where GD settled or blew up more slowly (closer
 * to the boundary). Shades are ranks of the speed measure within each class. The
 * picture has y min at the bottom, like a plot.
 */
public final class PlanePng {
  static final int[] BOUNDED_LIGHT = {0xad, 0xd8, 0xe6};
  static final int[] BOUNDED_DARK = {0x08, 0x30, 0x6b};
  static final int[] DIVERGENT_LIGHT = {0xff, 0xcc, 0xcb};
  static final int[] DIVERGENT_DARK = {0xa5, 0x0f, 0x15};

  private PlanePng() {
  }

  /** The plane's pixels alone, one per grid point. */
  public static void write(PlaneResult r, Path file) throws IOException {
    write(image(r), file);
  }

  static void write(BufferedImage image, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer available");
      }
    }
  }

  /** One pixel per grid point, y min at the bottom. */
  static BufferedImage image(PlaneResult r) {
    int w = r.spec().width();
    int h = r.spec().height();
    double[] shade = rankWithinClass(r);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int row = 0; row < h; row++) {
      for (int col = 0; col < w; col++) {
        int p = row * w + col;
        int rgb = r.labels().divergent(p) ? mix(DIVERGENT_LIGHT, DIVERGENT_DARK, shade[p])
            : mix(BOUNDED_LIGHT, BOUNDED_DARK, shade[p]);
        image.setRGB(col, h - 1 - row, rgb);
      }
    }
    return image;
  }

  /**
   * Each pixel's rank among the pixels of its class by speed measure, in [0, 1]: a rank (CDF)
   * stretch as in paper B's figures, so that every shade is used whatever the spread of times.
   */
  static double[] rankWithinClass(PlaneResult r) {
    int n = r.speed().length;
    double[] shade = new double[n];
    for (int cls = 0; cls < 2; cls++) {
      boolean divergent = cls == 1;
      double[] sorted = new double[n];
      int count = 0;
      for (int p = 0; p < n; p++) {
        if (r.labels().divergent(p) == divergent) {
          sorted[count++] = r.speed()[p];
        }
      }
      Arrays.sort(sorted, 0, count);
      for (int p = 0; p < n; p++) {
        if (r.labels().divergent(p) == divergent) {
          int rank = Arrays.binarySearch(sorted, 0, count, r.speed()[p]);
          shade[p] = count > 1 ? rank / (double) (count - 1) : 1;
        }
      }
    }
    return shade;
  }

  static int mix(int[] light, int[] dark, double t) {
    int rgb = 0;
    for (int i = 0; i < 3; i++) {
      rgb = (rgb << 8) | (int) Math.round(light[i] + (dark[i] - light[i]) * t);
    }
    return rgb;
  }
}
