package dev.brink.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.landscape.Family;
import dev.brink.line.LineExperiment;
import dev.brink.line.LineListener;
import dev.brink.line.LineResult;
import dev.brink.params.GdConfig;
import dev.brink.params.InvalidParameterException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SweepSpecTest {

  static SweepSpec epsLambda() {
    return SweepSpec.of(GdConfig.builder(Family.ADDITIVE).x0(5.0),
        List.of(GridAxis.parse("eps=0.01:0.2:3"), GridAxis.parse("lambda=0.5:1:2")), 10, 0,
        1.5, -5, 5);
  }

  @Test
  @DisplayName("cells run over the grid, first axis outermost, each cell its own line")
  void cellsAndValues() {
    SweepSpec s = epsLambda();
    assertEquals(6, s.cells());
    assertEquals(Map.of("eps", 0.01, "lambda", 0.5), s.values(0));
    assertEquals(Map.of("eps", 0.01, "lambda", 1.0), s.values(1));
    assertEquals(Map.of("eps", 0.105, "lambda", 0.5), s.values(2));
    assertEquals(List.of("eps", "lambda"), List.copyOf(s.values(5).keySet()));
    assertEquals(0.2, s.line(5).config().eps());
    assertEquals(1.0, s.line(5).config().lambda());
    assertEquals(5.0, s.line(5).config().x0());
    assertNull(s.line(5).randomStart());
    assertEquals(0.2 / 1.0, s.line(5).config().landscape().roughness(), 1e-15);
  }

  @Test
  @DisplayName("a seed axis draws starts per learning rate: the same seed, the same line")
  void seeds() {
    SweepSpec s = SweepSpec.of(GdConfig.builder(Family.ADDITIVE).eps(0.2).lambda(0.1),
        List.of(GridAxis.parse("seed=0:2:3")), 14, 0, 1.5, -5, 5);
    double a = s.line(1).randomStart().x0(3, 0);
    assertTrue(a >= -5 && a < 5);
    assertNotEquals(a, s.line(2).randomStart().x0(3, 0));
    try (GdRunner runner = GdRunner.forAllCores()) {
      LineResult first = LineExperiment.run(s.line(1), runner, Cancellation.NONE,
          LineListener.NONE);
      LineResult again = LineExperiment.run(s.line(1), new GdRunner(1), Cancellation.NONE,
          LineListener.NONE);
      LineResult other = LineExperiment.run(s.line(2), runner, Cancellation.NONE,
          LineListener.NONE);
      assertEquals(1.0, first.labels().agreement(again.labels()), "recomputable");
      assertTrue(first.labels().agreement(other.labels()) < 1.0, "seeds differ");
    }
  }

  @Test
  @DisplayName("bad grids name the field and what is allowed")
  void badGrids() {
    String[][] cases = {
        {"eps=0.1:0.2", "grid", "NAME=MIN:MAX:COUNT"},
        {"speed=0:1:3", "grid", "unknown grid parameter 'speed'"},
        {"eps=0.2:0.1:3", "grid", "MIN < MAX"},
        {"dim=1:2:3", "grid", "whole numbers"},
        {"eps=0:1:0", "grid", "from 1 to"},
    };
    for (String[] c : cases) {
      InvalidParameterException e = assertThrows(InvalidParameterException.class,
          () -> GridAxis.parse(c[0]), c[0]);
      assertEquals(c[1], e.field());
      assertTrue(e.getMessage().contains(c[2]), c[0] + ": " + e.getMessage());
    }
    InvalidParameterException both = assertThrows(InvalidParameterException.class,
        () -> SweepSpec.of(GdConfig.builder(Family.ADDITIVE).eps(0.1).lambda(1.0),
            List.of(GridAxis.parse("eps=0.1:0.2:2")), 10, 0, 1.5, -5, 5));
    assertEquals("eps", both.field());
    InvalidParameterException lambda = assertThrows(InvalidParameterException.class,
        () -> SweepSpec.of(GdConfig.builder(Family.ADDITIVE).eps(0.1),
            List.of(GridAxis.parse("lambda=-1:1:3")), 10, 0, 1.5, -5, 5));
    assertEquals("lambda", lambda.field());
  }

  @Test
  @DisplayName("a grid over beta: each cell's line runs with its beta; beta needs momentum or"
      + " Nesterov, and every cell's value is checked")
  void betaGrid() {
    SweepSpec s = SweepSpec.of(GdConfig.builder(Family.ADDITIVE).eps(0.2).lambda(0.1)
        .optimizer(dev.brink.optimizer.Optimizer.MOMENTUM),
        List.of(GridAxis.parse("beta=0:0.9:4")), 10, 0, 2.85, -5, 5);
    assertEquals(4, s.cells());
    assertEquals(0.6, s.line(2).config().optimizer().beta(), 1e-15);
    assertEquals(dev.brink.optimizer.Optimizer.MOMENTUM, s.line(3).config().optimizer().kind());
    InvalidParameterException gd = assertThrows(InvalidParameterException.class,
        () -> SweepSpec.of(GdConfig.builder(Family.ADDITIVE).eps(0.2).lambda(0.1),
            List.of(GridAxis.parse("beta=0:0.9:4")), 10, 0, 1.5, -5, 5));
    assertEquals("beta", gd.field());
    assertTrue(gd.getMessage().contains("not a parameter of optimizer gd"), gd.getMessage());
    InvalidParameterException range = assertThrows(InvalidParameterException.class,
        () -> SweepSpec.of(GdConfig.builder(Family.ADDITIVE).eps(0.2).lambda(0.1)
            .optimizer(dev.brink.optimizer.Optimizer.MOMENTUM),
            List.of(GridAxis.parse("beta=0:1:3")), 10, 0, 1.5, -5, 5));
    assertEquals("beta", range.field());
  }
}
