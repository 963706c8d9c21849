package dev.brink.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.grid.Axis;
import dev.brink.landscape.Family;
import dev.brink.params.GdConfig;
import dev.brink.plane.PlaneExperiment;
import dev.brink.plane.PlaneSpec;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A figure past 4096 x 4096 pixels, drawn band by band, read back pixel by pixel. */
class PlaneFigureBandsTest {

  @Test
  @DisplayName("4200 x 4100 pixels: the figure's size, margins and colour bars as a whole "
      + "figure's, every sampled plot pixel's class (red or blue) that of its grid point, and "
      + "the SVG's plot those same pixels")
  void bandedFigure(@TempDir Path dir) throws Exception {
    PlaneSpec spec = PlaneSpec.of(GdConfig.builder(Family.QUADRATIC).steps(12),
        Axis.parse("x", "eta:0:1.5"), Axis.parse("y", "x0:-2:2"), 4200, 4100);
    assertTrue(spec.pixels() > PlaneSpec.MAX_HELD_PIXELS);
    Path file = dir.resolve("big.png");
    Path svg = dir.resolve("big.svg");
    try (GdRunner runner = GdRunner.forAllCores()) {
      PlaneFigureBands.write(spec, runner, Cancellation.NONE, file, svg);
      BufferedImage image = ImageIO.read(file.toFile());
      // Margins, text and lines 4 times a small figure's (4 pixels per unit from 4096 up).
      int u = 4;
      int left = u * PlaneFigure.LEFT;
      int top = u * PlaneFigure.TOP;
      assertEquals(left + 4200 + u * PlaneFigure.RIGHT, image.getWidth());
      assertEquals(top + 4100 + u * PlaneFigure.BOTTOM, image.getHeight());
      int checked = 0;
      for (int row : new int[] {0, 1, 1337, 2050, 4099}) {
        PlaneExperiment.Band band = PlaneExperiment.band(spec, row, runner, Cancellation.NONE);
        int y = top + (4100 - 1 - row);
        for (int c = 0; c < 4200; c += 7) {
          int rgb = image.getRGB(left + c, y);
          int red = rgb >> 16 & 0xff;
          int blue = rgb & 0xff;
          boolean looksDivergent = red > blue;
          // The dashed eta = 1 line is drawn over the plot: skip its column.
          if (Math.abs(c - 2800) > 2 * u) {
            assertEquals(band.outcomes().divergent(c), looksDivergent, "row " + row + ", column "
                + c + ": " + Integer.toHexString(rgb));
            checked++;
          }
        }
      }
      assertTrue(checked > 2900, checked + " pixels checked");
      int barX = left + 4200 + u * (24 + 8);
      int inked = 0;
      for (int y = top; y < top + 400 * u; y++) {
        inked += (image.getRGB(barX, y) & 0xffffff) != 0xfaf9f6 ? 1 : 0;
      }
      assertTrue(inked > 150 * u, "a colour bar beside the plot: " + inked + " inked pixels");
      // The tick labels under the plot: text 13 units high, so some 9 units of inked rows.
      int bottom = top + 4100;
      int textRows = 0;
      for (int y = bottom + 6 * u; y < bottom + 28 * u; y++) {
        boolean ink = false;
        for (int x = left; x < left + 4200 && !ink; x++) {
          ink = (image.getRGB(x, y) & 0xff) < 0x80;
        }
        textRows += ink ? 1 : 0;
      }
      assertTrue(textRows >= 8 * u && textRows <= 14 * u, textRows
          + " rows of tick text under the plot, for 13-unit text at " + u + " pixels a unit");
      // The SVG: its plot image is the PNG figure's plot, pixel for pixel; axes and bars as text.
      String text = java.nio.file.Files.readString(svg);
      String data = text.substring(text.indexOf("base64,") + 7, text.indexOf('"',
          text.indexOf("base64,")));
      BufferedImage plot = ImageIO.read(new java.io.ByteArrayInputStream(
          java.util.Base64.getDecoder().decode(data)));
      assertEquals(4200, plot.getWidth());
      assertEquals(4100, plot.getHeight());
      // Inside the frame the PNG draws over the plot's edges, and off the eta = 1 line.
      for (int y = 2 * u; y < 4100 - 2 * u; y += 13) {
        for (int x = 2 * u; x < 4200 - 2 * u; x += 11) {
          if (Math.abs(x - 2800) > 2 * u) {
            assertEquals(image.getRGB(left + x, top + y), plot.getRGB(x, y), x + ", " + y);
          }
        }
      }
      assertTrue(text.contains(">learning rate η</text>") && text.contains("<linearGradient")
          && text.endsWith("</svg>\n"), "axis name, colour bar, whole");
      try (var files = java.nio.file.Files.list(dir)) {
        assertEquals(2, files.count(), "only the two figures are left");
      }
    }
  }
}
