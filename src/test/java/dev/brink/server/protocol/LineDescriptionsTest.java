package dev.brink.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.landscape.Family;
import dev.brink.line.LineSpec;
import dev.brink.line.RandomStart;
import dev.brink.optimizer.Optimizer;
import dev.brink.params.GdConfig;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A line told to a worker node reads back as the same line, or is refused saying why. */
class LineDescriptionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @DisplayName("every family of a loss of x, each optimizer, random starts: the same line after"
      + " JSON text and back, to the last bit of every double")
  void roundTrip() throws Exception {
    List<LineSpec> lines = List.of(
        new LineSpec(GdConfig.builder(Family.QUADRATIC).build(), 12, 0, 1.5),
        new LineSpec(GdConfig.builder(Family.ADDITIVE).eps(0.1).lambda(1.0 / 3).x0(5.0).dim(4)
            .build(), 32, 0.1, Math.PI / 2),
        new LineSpec(GdConfig.builder(Family.MULTIPLICATIVE).eps(0.2).lambda(0.1)
            .optimizer(Optimizer.NESTEROV).beta(0.55).build(), 18, 0, 1.5,
            new RandomStart(7, -5, 5)),
        new LineSpec(GdConfig.builder(Family.TWOCOS).eps(0.1).lambda(1.0).eps2(0.05)
            .lambda2(0.3).steps(400).bound(1e6).optimizer(Optimizer.ADAM).beta1(0.8)
            .beta2(0.99).adamEps(1e-9).build(), 10, 0, 1.5));
    for (LineSpec line : lines) {
      String text = LineDescriptions.describe(line).toString();
      assertEquals(line, LineDescriptions.read(JSON.readTree(text)), text);
    }
  }

  @Test
  @DisplayName("a network's line is not described (its weights do not travel this way)")
  void networkNotDescribed() {
    assertNull(LineDescriptions.describe(new LineSpec(GdConfig.builder(Family.MLP).inputs(2)
        .hidden(2).build(), 8, 0, 1.5)));
  }

  @Test
  @DisplayName("a description with a value missing or one a request could not set is refused")
  void refusals() {
    ObjectNode good = LineDescriptions.describe(new LineSpec(GdConfig.builder(Family.ADDITIVE)
        .eps(0.1).lambda(1.0).build(), 12, 0, 1.5));
    ObjectNode missing = good.deepCopy();
    missing.remove("lambda");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LineDescriptions.read(missing));
    assertTrue(e.getMessage().contains("lambda"), e.getMessage());
    ObjectNode family = good.deepCopy();
    family.put("family", "mlp");
    assertThrows(IllegalArgumentException.class, () -> LineDescriptions.read(family));
    ObjectNode steps = good.deepCopy();
    steps.put("steps", 0);
    assertThrows(RuntimeException.class, () -> LineDescriptions.read(steps));
    ObjectNode levels = good.deepCopy();
    levels.put("levels", 40);
    assertThrows(RuntimeException.class, () -> LineDescriptions.read(levels));
  }
}
