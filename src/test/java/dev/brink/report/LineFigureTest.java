package dev.brink.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.landscape.Family;
import dev.brink.line.LineExperiment;
import dev.brink.line.LineListener;
import dev.brink.line.LineResult;
import dev.brink.line.LineSpec;
import dev.brink.params.GdConfig;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LineFigureTest {
  @Test
  @DisplayName("the line figure: the strip is blue where GD stays bounded and red where it "
      + "diverges, each column the share of its runs that diverge; the N_B chart below")
  void strip() {
    LineResult r = LineExperiment.run(new LineSpec(GdConfig.builder(Family.ADDITIVE).eps(0.2)
        .lambda(1.0).x0(5.0).steps(200).build(), 10, 0.85, 1.1), GdRunner.ON_CALLER,
        Cancellation.NONE, LineListener.NONE);
    int columns = LineFigurePng.WIDTH - LineFigurePng.LEFT - LineFigurePng.RIGHT;
    double[] share = LineFigurePng.divergentShare(r, columns);
    assertEquals(0.0, share[0], "eta 0.85: bounded");
    assertEquals(1.0, share[columns - 1], "eta 1.1: divergent");
    // Every grid point in exactly one column: the columns' counts add up to the line's.
    int n = r.labels().size();
    double divergent = 0;
    for (int c = 0; c < columns; c++) {
      long from = (long) c * n / columns;
      long to = Math.max(from + 1, (long) (c + 1) * n / columns);
      divergent += share[c] * (to - from);
    }
    assertTrue(n >= columns, "more points than columns");
    assertEquals(r.labels().divergentCount(), divergent, 1e-6);
    BufferedImage image = LineFigurePng.draw(r);
    assertEquals(LineFigurePng.WIDTH, image.getWidth());
    assertEquals(LineFigurePng.HEIGHT, image.getHeight());
    int y = LineFigurePng.STRIP_TOP + LineFigurePng.STRIP_HEIGHT / 2;
    int left = image.getRGB(LineFigurePng.LEFT + 1, y);
    int right = image.getRGB(LineFigurePng.WIDTH - LineFigurePng.RIGHT - 2, y);
    assertTrue((left & 0xff) > ((left >> 16) & 0xff), "blue at the left");
    assertTrue(((right >> 16) & 0xff) > (right & 0xff), "red at the right");
    int dots = 0;
    for (int yy = LineFigurePng.CHART_TOP; yy < LineFigurePng.CHART_TOP
        + LineFigurePng.CHART_HEIGHT; yy++) {
      for (int x = LineFigurePng.LEFT + 2; x < LineFigurePng.WIDTH - LineFigurePng.RIGHT; x++) {
        dots += (image.getRGB(x, yy) & 0xffffff) == 0x222222 ? 1 : 0;
      }
    }
    assertTrue(dots > 100, dots + " ink pixels of the N_B points and the alpha text");
  }
}
