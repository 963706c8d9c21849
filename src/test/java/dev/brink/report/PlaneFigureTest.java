package dev.brink.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.grid.Axis;
import dev.brink.landscape.Family;
import dev.brink.params.GdConfig;
import dev.brink.plane.PlaneExperiment;
import dev.brink.plane.PlaneResult;
import dev.brink.plane.PlaneSpec;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaneFigureTest {
  /** The explorer's default plane, small. */
  static PlaneResult transition() {
    return PlaneExperiment.run(PlaneSpec.of(GdConfig.builder(Family.ADDITIVE).lambda(1.0)
        .x0(5.0).steps(200), Axis.parse("x", "eta:0.85:1.1"), Axis.parse("y", "eps:0:0.3"),
        160, 100), GdRunner.ON_CALLER, Cancellation.NONE);
  }

  @Test
  @DisplayName("ticks sit at round values inside the axis, in order, labelled with the decimals "
      + "their step needs; log axes at powers of ten")
  void ticks() {
    // 640 pixels want about 7 ticks over 0.25: a step of 0.05.
    List<PlaneFigure.Tick> t = PlaneFigure.ticks(dev.brink.grid.Scale.LINEAR, 0.85, 1.1, 640,
        false);
    assertEquals(List.of("0.85", "0.90", "0.95", "1.00", "1.05", "1.10"),
        t.stream().map(PlaneFigure.Tick::label).toList());
    assertEquals(0.5, t.get(0).offset(), 1e-9, "the first grid point at the first pixel's centre");
    assertEquals(639.5, t.get(t.size() - 1).offset(), 1e-9);
    assertEquals(0.5 + 639 * 0.2, t.get(1).offset(), 1e-9, "0.90 a fifth of the way across");
    // Nine decades on 500 pixels (about 5 ticks): every other power of ten.
    List<PlaneFigure.Tick> log = PlaneFigure.ticks(dev.brink.grid.Scale.LOG, 1e-3, 1e6, 500,
        true);
    assertEquals(List.of("0.001", "0.1", "10", "1000", "1e5"),
        log.stream().map(PlaneFigure.Tick::label).toList());
    for (int i = 1; i < log.size(); i++) {
      assertTrue(log.get(i).offset() < log.get(i - 1).offset(), "y grows upward");
    }
  }

  @Test
  @DisplayName("the PNG figure holds the plane's pixels inside margins with axes, colour bars "
      + "in the plot's colours, the dotted threshold and a caption")
  void png(@TempDir Path dir) throws Exception {
    PlaneResult r = transition();
    Path file = dir.resolve("f.png");
    PlaneFigurePng.write(r, file);
    BufferedImage figure = ImageIO.read(file.toFile());
    PlaneFigure f = new PlaneFigure(r);
    assertEquals(PlaneFigure.LEFT + 160 + PlaneFigure.RIGHT, figure.getWidth());
    assertEquals(PlaneFigure.TOP + 100 + PlaneFigure.BOTTOM, figure.getHeight());
    BufferedImage plot = PlanePng.image(r);
    int same = 0;
    for (int y = 0; y < 100; y++) {
      for (int x = 0; x < 160; x++) {
        if (plot.getRGB(x, y) == figure.getRGB(PlaneFigure.LEFT + x, PlaneFigure.TOP + y)) {
          same++;
        }
      }
    }
    assertTrue(same > 160 * 100 * 0.97, same + " of the plot's pixels as computed (the rest: "
        + "the threshold's dots)");
    assertTrue(!f.thresholdDots.isEmpty(), "eps = lambda^2/(2 pi^2) = 0.0507 crosses the plot");
    assertEquals(2, f.bars.size());
    int darkRed = PlanePng.mix(PlanePng.DIVERGENT_LIGHT, PlanePng.DIVERGENT_DARK, 0.95);
    boolean barFound = false;
    for (int y = 0; y < figure.getHeight(); y++) {
      for (int x = PlaneFigure.LEFT + 160 + 10; x < figure.getWidth(); x++) {
        barFound |= close(figure.getRGB(x, y), darkRed);
      }
    }
    assertTrue(barFound, "the divergent bar's darkest red right of the plot");
    int ink = 0;
    for (int y = PlaneFigure.TOP + 100 + 8; y < figure.getHeight(); y++) {
      for (int x = 0; x < figure.getWidth(); x++) {
        ink += (figure.getRGB(x, y) & 0xff) < 0x80 ? 1 : 0;
      }
    }
    assertTrue(ink > 500, ink + " dark pixels of tick labels, axis name and caption below");
    assertTrue(f.caption.contains("x eta:0.85:1.1") && f.caption.contains("threshold"),
        f.caption);
  }

  @Test
  @DisplayName("the SVG figure has the tick labels, axis names, colour bars and caption as text "
      + "and the plane as an embedded PNG; the quadratic's eta = 1 is dashed")
  void svg(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("f.svg");
    PlaneResult r = transition();
    PlaneFigureSvg.write(r, file);
    String svg = Files.readString(file);
    PlaneFigure f = new PlaneFigure(r);
    assertTrue(f.xTicks.size() >= 2 && f.yTicks.size() >= 2, f.xTicks + " " + f.yTicks);
    for (PlaneFigure.Tick t : f.xTicks) {
      assertTrue(svg.contains(">" + t.label() + "<"), t + " in the SVG");
    }
    for (PlaneFigure.Tick t : f.yTicks) {
      assertTrue(svg.contains(">" + t.label() + "<"), t + " in the SVG");
    }
    for (String text : List.of(">learning rate η<", ">ε<", ">diverges<", ">bounded<",
        "linearGradient", "data:image/png;base64,", "family additive")) {
      assertTrue(svg.contains(text), text + " in the SVG");
    }
    assertTrue(svg.contains("h2v2h-2z"), "the threshold's dots");
    PlaneResult quadratic = PlaneExperiment.run(PlaneSpec.of(GdConfig.builder(Family.QUADRATIC)
        .steps(100), Axis.parse("x", "eta:0.5:1.5"), Axis.parse("y", "x0:-2:2"), 50, 20),
        GdRunner.ON_CALLER, Cancellation.NONE);
    PlaneFigure q = new PlaneFigure(quadratic);
    assertEquals(0.5 + 0.5 * 49, q.etaOneX, 1e-9, "eta = 1 halfway across");
    assertTrue(PlaneFigureSvg.svg(q).contains("stroke-dasharray"), "dashed eta = 1");
    assertTrue(q.thresholdDots.isEmpty(), "no roughness threshold for the quadratic");
  }

  /** Whether two colours are within 12 of each other in every channel. */
  private static boolean close(int a, int b) {
    for (int shift = 0; shift < 24; shift += 8) {
      if (Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > 12) {
        return false;
      }
    }
    return true;
  }

  @Test
  @DisplayName("the quadratic's dashed stability limit follows the optimizer (1 + beta for heavy"
      + " ball, none with beta on an axis or for Adam) and the caption names the optimizer")
  void optimizerGuides() {
    GdConfig.Builder heavy = GdConfig.builder(Family.QUADRATIC).steps(100)
        .optimizer(dev.brink.optimizer.Optimizer.MOMENTUM).beta(0.5);
    PlaneResult r = PlaneExperiment.run(PlaneSpec.of(heavy, Axis.parse("x", "eta:0:2"),
        Axis.parse("y", "x0:-1:1"), 201, 20), GdRunner.ON_CALLER, Cancellation.NONE);
    PlaneFigure f = new PlaneFigure(r);
    // eta = 1.5 is grid point 150 of 0..200, at its pixel's centre.
    assertEquals(150.5, f.etaOneX, 1e-9);
    assertTrue(f.caption.contains("optimizer momentum, beta 0.5")
        && f.caption.contains("Dashed: η = 1.5"), f.caption);
    PlaneFigure plane = new PlaneFigure(PlaneExperiment.run(PlaneSpec.of(
        GdConfig.builder(Family.QUADRATIC).steps(100)
            .optimizer(dev.brink.optimizer.Optimizer.MOMENTUM), Axis.parse("x", "eta:0:2"),
        Axis.parse("y", "beta:0:0.9"), 20, 20), GdRunner.ON_CALLER, Cancellation.NONE));
    assertTrue(Double.isNaN(plane.etaOneX) && !plane.caption.contains("Dashed"), plane.caption);
    assertTrue(plane.caption.contains("optimizer momentum, x0 1")
        && !plane.caption.contains(", beta "), "beta is on an axis: " + plane.caption);
    PlaneFigure adam = new PlaneFigure(PlaneExperiment.run(PlaneSpec.of(
        GdConfig.builder(Family.QUADRATIC).steps(100)
            .optimizer(dev.brink.optimizer.Optimizer.ADAM), Axis.parse("x", "eta:0:2"),
        Axis.parse("y", "x0:-1:1"), 20, 20), GdRunner.ON_CALLER, Cancellation.NONE));
    assertTrue(Double.isNaN(adam.etaOneX), adam.caption);
    assertTrue(adam.caption.contains("optimizer adam, beta1 0.9, beta2 0.999, adam-eps 1.0E-8"),
        adam.caption);
  }
}

