package dev.brink.plane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.descent.Trajectory;
import dev.brink.grid.Axis;
import dev.brink.landscape.Family;
import dev.brink.landscape.Landscape;
import dev.brink.params.GdConfig;
import dev.brink.params.InvalidParameterException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlaneExperimentTest {
  private static final GdRunner RUNNER = GdRunner.forAllCores();

  @AfterAll
  static void stop() {
    RUNNER.close();
  }

  @Test
  @DisplayName("pixel (i, j) is the run at x value i and y value j, row 0 = y min, log axes too")
  void pixelsMapToParameters() {
    GdConfig.Builder fixed = GdConfig.builder(Family.ADDITIVE).lambda(0.5).x0(2.0).steps(200);
    PlaneSpec spec = PlaneSpec.of(fixed, Axis.parse("x", "eta:0.2:1.2"),
        Axis.parse("y", "eps:1e-3:0.5:log"), 7, 5);
    PlaneResult r = PlaneExperiment.run(spec, RUNNER, Cancellation.NONE);
    int divergent = 0;
    for (int j = 0; j < 5; j++) {
      for (int i = 0; i < 7; i++) {
        double eta = 0.2 + i * ((1.2 - 0.2) / 6);
        // Log axes take StrictMath's pow and log10: the same bits on every machine.
        double eps = StrictMath.pow(10, -3 + j * ((StrictMath.log10(0.5) + 3) / 4));
        eps = j == 4 ? 0.5 : j == 0 ? 1e-3 : eps;
        Trajectory t = Trajectory.trace(new Landscape(Family.ADDITIVE, 1, eps, 0.5, 0, 1),
            new double[] {eta}, new double[] {2.0}, 200, 1e8);
        int p = j * 7 + i;
        assertEquals(t.divergent(), r.labels().divergent(p), "pixel " + i + ", " + j);
        assertEquals(t.divergeStep(), r.divergeStep()[p], "pixel " + i + ", " + j);
        divergent += t.divergent() ? 1 : 0;
      }
    }
    assertTrue(divergent > 0 && divergent < 35, divergent + " of 35 divergent");
  }

  @Test
  @DisplayName("eta1 and eta2 set one coordinate's learning rate each, implying dimension 2")
  void perCoordinateLearningRates() {
    GdConfig.Builder fixed = GdConfig.builder(Family.QUADRATIC);
    PlaneSpec spec = PlaneSpec.of(fixed, Axis.parse("x", "eta1:0:1.5"),
        Axis.parse("y", "eta2:0:1.5"), 4, 4);
    assertEquals(2, spec.config().dim());
    PlaneResult r = PlaneExperiment.run(spec, RUNNER, Cancellation.NONE);
    // The quadratic diverges exactly when some coordinate's eta exceeds ~1: columns and rows
    // 0.0 and 0.5 are bounded, 1.0 is bounded (|1 - 2 eta| = 1), 1.5 diverges.
    for (int j = 0; j < 4; j++) {
      for (int i = 0; i < 4; i++) {
        assertEquals(i == 3 || j == 3, r.labels().divergent(j * 4 + i), i + ", " + j);
      }
    }
  }

  @Test
  @DisplayName("planes refuse axes that do not apply, repeat, or mix eta with eta1")
  void badPlanes() {
    assertField("y", () -> PlaneSpec.of(GdConfig.builder(Family.ADDITIVE).eps(0.1).lambda(1.0),
        Axis.parse("x", "eta:0:1"), Axis.parse("y", "eps2:0:1"), 8, 8));
    assertField("y", () -> PlaneSpec.of(GdConfig.builder(Family.QUADRATIC),
        Axis.parse("x", "eta:0:1"), Axis.parse("y", "eta:0:1"), 8, 8));
    assertField("y", () -> PlaneSpec.of(GdConfig.builder(Family.QUADRATIC).dim(2),
        Axis.parse("x", "eta1:0:1"), Axis.parse("y", "eta:0:1"), 8, 8));
    assertField("x", () -> PlaneSpec.of(GdConfig.builder(Family.QUADRATIC).dim(3),
        Axis.parse("x", "eta1:0:1"), Axis.parse("y", "x0:0:1"), 8, 8));
    assertField("eps", () -> PlaneSpec.of(GdConfig.builder(Family.ADDITIVE).eps(0.1).lambda(1.0),
        Axis.parse("x", "eta:0:1"), Axis.parse("y", "eps:0:1"), 8, 8));
    assertField("width", () -> PlaneSpec.of(GdConfig.builder(Family.QUADRATIC),
        Axis.parse("x", "eta:0:1"), Axis.parse("y", "x0:0:1"), 0, 8));
    assertField("height", () -> PlaneSpec.of(GdConfig.builder(Family.QUADRATIC),
        Axis.parse("x", "eta:0:1"), Axis.parse("y", "x0:0:1"), 8192, 8193));
    // 8192 x 8192 is a plane (drawn band by band), but not one to compute whole.
    PlaneSpec huge = PlaneSpec.of(GdConfig.builder(Family.QUADRATIC), Axis.parse("x",
        "eta:0:1"), Axis.parse("y", "x0:0:1"), 8192, 8192);
    assertField("height", () -> PlaneExperiment.run(huge, GdRunner.ON_CALLER,
        dev.brink.descent.Cancellation.NONE));
  }

  private static void assertField(String field, Runnable r) {
    InvalidParameterException e = assertThrows(InvalidParameterException.class, r::run);
    assertEquals(field, e.field(), e.getMessage());
  }
}
