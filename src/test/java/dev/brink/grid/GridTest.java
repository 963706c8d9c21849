package dev.brink.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.params.InvalidParameterException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GridTest {

  @Test
  @DisplayName("linspace includes both ends and steps as numpy does")
  void linspace() {
    Linspace s = new Linspace(0, 1.5, 5);
    assertEquals(0.0, s.value(0));
    assertEquals(0.375, s.value(1));
    assertEquals(1.5, s.value(4));
    // numpy.linspace(0.85, 1.1, 64)[63] is exactly 1.1 and [1] is 0.85 + 0.25/63.
    Linspace t = new Linspace(0.85, 1.1, 64);
    assertEquals(1.1, t.value(63));
    assertEquals(0.85 + 1 * ((1.1 - 0.85) / 63), t.value(1));
    assertEquals(0.3, new Linspace(0.3, 0.7, 1).value(0));
  }

  @Test
  @DisplayName("axes parse NAME:MIN:MAX[:log] and sample linearly or evenly in log10")
  void axes() {
    Axis eta = Axis.parse("x", "eta:0.85:1.1");
    assertEquals(AxisParameter.ETA, eta.parameter());
    assertEquals(0.85, eta.value(0, 11));
    assertEquals(1.1, eta.value(10, 11));
    Axis eps = Axis.parse("y", "eps:1e-4:1:log");
    assertEquals(Scale.LOG, eps.scale());
    assertEquals(1e-4, eps.value(0, 5));
    assertEquals(1e-3, eps.value(1, 5), 1e-18);
    assertEquals(1e-2, eps.value(2, 5), 1e-17);
    assertEquals(1.0, eps.value(4, 5));
    assertEquals("eps:1.0E-4:1.0:log", eps.spec());
    assertEquals(eps, Axis.parse("y", eps.spec()));
  }

  @Test
  @DisplayName("bad axes name the option and what is allowed")
  void badAxes() {
    String[][] cases = {
        {"foo:0:1", "unknown axis 'foo'"},
        {"eta:0", "expected AXIS:MIN:MAX"},
        {"eta:x:1", "'x' is not a number"},
        {"eta:1:1", "needs MIN < MAX"},
        {"eta:0:NaN", "finite"},
        {"eps:-1:1", ">= 0"},
        {"lambda:0:1", "> 0"},
        {"eta:0.1:1:log2", "unknown scale"},
        {"eta:0:1:log", "a log axis needs MIN > 0"},
    };
    for (String[] c : cases) {
      InvalidParameterException e = assertThrows(InvalidParameterException.class,
          () -> Axis.parse("y", c[0]), c[0]);
      assertEquals("y", e.field());
      assertTrue(e.getMessage().contains(c[1]), c[0] + " gave: " + e.getMessage());
    }
  }
}
