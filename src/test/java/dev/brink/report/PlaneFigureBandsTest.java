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
      + "figure's, and every sampled plot pixel's class (red or blue) that of its grid point")
  void bandedFigure(@TempDir Path dir) throws Exception {
    PlaneSpec spec = PlaneSpec.of(GdConfig.builder(Family.QUADRATIC).steps(12),
        Axis.parse("x", "eta:0:1.5"), Axis.parse("y", "x0:-2:2"), 4200, 4100);
    assertTrue(spec.pixels() > PlaneSpec.MAX_HELD_PIXELS);
    Path file = dir.resolve("big.png");
    try (GdRunner runner = GdRunner.forAllCores()) {
      PlaneFigureBands.write(spec, runner, Cancellation.NONE, file);
      BufferedImage image = ImageIO.read(file.toFile());
      assertEquals(PlaneFigure.LEFT + 4200 + PlaneFigure.RIGHT, image.getWidth());
      assertEquals(PlaneFigure.TOP + 4100 + PlaneFigure.BOTTOM, image.getHeight());
      int checked = 0;
      for (int row : new int[] {0, 1, 1337, 2050, 4099}) {
        PlaneExperiment.Band band = PlaneExperiment.band(spec, row, runner, Cancellation.NONE);
        int y = PlaneFigure.TOP + (4100 - 1 - row);
        for (int c = 0; c < 4200; c += 7) {
          int rgb = image.getRGB(PlaneFigure.LEFT + c, y);
          int red = rgb >> 16 & 0xff;
          int blue = rgb & 0xff;
          boolean looksDivergent = red > blue;
          // The dashed eta = 1 line is drawn over the plot: skip its column.
          if (Math.abs(c - 2800) > 3) {
            assertEquals(band.outcomes().divergent(c), looksDivergent, "row " + row + ", column "
                + c + ": " + Integer.toHexString(rgb));
            checked++;
          }
        }
      }
      assertTrue(checked > 2900, checked + " pixels checked");
      int barX = PlaneFigure.LEFT + 4200 + 24 + 8;
      int inked = 0;
      for (int y = PlaneFigure.TOP; y < PlaneFigure.TOP + 400; y++) {
        inked += (image.getRGB(barX, y) & 0xffffff) != 0xfaf9f6 ? 1 : 0;
      }
      assertTrue(inked > 150, "a colour bar beside the plot: " + inked + " inked pixels");
    }
  }
}
