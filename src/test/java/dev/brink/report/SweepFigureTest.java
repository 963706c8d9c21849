package dev.brink.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.landscape.Family;
import dev.brink.line.LineExperiment;
import dev.brink.line.LineListener;
import dev.brink.params.GdConfig;
import dev.brink.sweep.CellResult;
import dev.brink.sweep.GridAxis;
import dev.brink.sweep.SweepSpec;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SweepFigureTest {
  @Test
  @DisplayName("the sweep figure: one square per cell, darker for a larger alpha, the first axis "
      + "across and the second up, the threshold dotted between cells on either side of it")
  void heatMap() {
    SweepSpec spec = SweepSpec.of(GdConfig.builder(Family.ADDITIVE).x0(5.0),
        List.of(GridAxis.parse("eps=0.01:0.2:3"), GridAxis.parse("lambda=0.3:1:2")), 10, 0, 1.5,
        5, 5);
    List<CellResult> cells = new ArrayList<>();
    for (int i = 0; i < spec.cells(); i++) {
      cells.add(CellResult.of(spec, i, LineExperiment.run(spec.line(i), GdRunner.ON_CALLER,
          Cancellation.NONE, LineListener.NONE)));
    }
    BufferedImage image = SweepFigurePng.draw(spec, cells);
    int cell = SweepFigurePng.cellPixels(spec);
    assertEquals(120, cell, "3 x 2 cells: the largest squares");
    assertEquals(SweepFigurePng.LEFT + 3 * cell + SweepFigurePng.RIGHT, image.getWidth());
    assertTrue(image.getHeight() > SweepFigurePng.TOP + 2 * cell + 72, "the caption below");
    CellResult low = cells.get(0);
    CellResult high = cells.get(0);
    for (CellResult c : cells) {
      low = c.alpha() < low.alpha() ? c : low;
      high = c.alpha() > high.alpha() ? c : high;
    }
    assertTrue(high.alpha() > low.alpha(), "the cells differ: " + low.alpha() + ", "
        + high.alpha());
    assertTrue(brightness(centre(image, high.index(), cell)) < brightness(centre(image,
        low.index(), cell)), "a larger alpha is darker");
    int dots = 0;
    for (int x = SweepFigurePng.LEFT; x < SweepFigurePng.LEFT + 3 * cell; x++) {
      for (int y = SweepFigurePng.TOP; y < SweepFigurePng.TOP + 2 * cell; y++) {
        dots += (image.getRGB(x, y) & 0xffffff) == 0x222222 ? 1 : 0;
      }
    }
    boolean crosses = cells.stream().anyMatch(c -> c.theta() > PlaneFigure.CRITICAL)
        && cells.stream().anyMatch(c -> c.theta() < PlaneFigure.CRITICAL);
    assertTrue(crosses, "theta crosses 1/(2 pi^2) on this grid");
    assertTrue(dots > 10, dots + " pixels of the dotted threshold");
  }

  /** The colour at the centre of cell k (first axis outermost in the index, y up). */
  private static int centre(BufferedImage image, int k, int cell) {
    int i = k / 2;
    int j = k % 2;
    return image.getRGB(SweepFigurePng.LEFT + i * cell + cell / 2,
        SweepFigurePng.TOP + 2 * cell - j * cell - cell / 2);
  }

  private static int brightness(int rgb) {
    return ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
  }
}
