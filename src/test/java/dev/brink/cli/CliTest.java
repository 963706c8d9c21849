package dev.brink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brink.descent.Cancellation;
import dev.brink.descent.GdRunner;
import dev.brink.grid.Axis;
import dev.brink.landscape.Family;
import dev.brink.line.LineExperiment;
import dev.brink.line.LineListener;
import dev.brink.line.LineResult;
import dev.brink.line.LineSpec;
import dev.brink.params.GdConfig;
import dev.brink.plane.PlaneExperiment;
import dev.brink.plane.PlaneResult;
import dev.brink.plane.PlaneSpec;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process through the same entry point as bin/brink. */
class CliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exit, String out, String err) {
  }

  static Run brink(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = BrinkCli.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  @DisplayName("line --json --bits parses and matches the library call")
  void lineJsonMatchesLibrary() throws Exception {
    Run run = brink("line", "--family", "multiplicative", "--eps", "0.2", "--lambda", "0.1",
        "--levels", "12", "--eta-min", "0.1", "--eta-max", "1.4", "--json", "--bits");
    assertEquals(0, run.exit(), run.err());
    JsonNode json = JSON.readTree(run.out());
    GdConfig config = GdConfig.builder(Family.MULTIPLICATIVE).eps(0.2).lambda(0.1).build();
    LineResult expected;
    try (GdRunner runner = GdRunner.forAllCores()) {
      expected = LineExperiment.run(new LineSpec(config, 12, 0.1, 1.4), runner,
          Cancellation.NONE, LineListener.NONE);
    }
    long[] nb = new long[json.get("nb").size()];
    for (int i = 0; i < nb.length; i++) {
      nb[i] = json.get("nb").get(i).asLong();
    }
    assertEquals(Arrays.toString(expected.nb()), Arrays.toString(nb));
    assertEquals(13, nb.length);
    assertEquals(expected.alpha().slope(), json.get("alpha").asDouble());
    assertEquals(expected.alpha().standardError(), json.get("alpha_se").asDouble());
    assertEquals(expected.divergentFraction(), json.get("divergent_fraction").asDouble());
    assertEquals(expected.gdSteps(), json.get("gd_steps").asLong());
    assertEquals(expected.labels().toBase64(), json.get("divergent_bits_b64").asText());
    assertTrue(json.get("seconds").asDouble() > 0);
    assertEquals("multiplicative", json.get("family").asText());
    assertEquals(0.1, json.get("eta_min").asDouble());
  }

  @Test
  @DisplayName("line without --json prints a row per level and the final alpha")
  void lineTable() {
    Run run = brink("line", "--family", "additive", "--eps", "0.2", "--lambda", "0.1",
        "--levels", "14");
    assertEquals(0, run.exit(), run.err());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(0).startsWith("line: additive eps 0.2 lambda 0.1"), lines.get(0));
    assertTrue(lines.get(2).matches("\\s+0\\s+1\\s+0 .*"), lines.get(2));
    assertTrue(lines.get(16).matches("\\s+14\\s+\\d+\\s+.*"), lines.get(16));
    assertTrue(lines.get(17).startsWith("alpha = "), lines.get(17));
    assertFalse(run.out().contains("divergent_bits_b64"));
  }

  @Test
  @DisplayName("plane --json gives labels row 0 = y min and a divergence step per pixel")
  void planeJsonMatchesLibrary() throws Exception {
    Run run = brink("plane", "--family", "additive", "--lambda", "1", "--x0", "5",
        "--x", "eta:0.85:1.1", "--y", "eps:0:0.3", "--width", "24", "--height", "16", "--json");
    assertEquals(0, run.exit(), run.err());
    JsonNode json = JSON.readTree(run.out());
    PlaneResult expected;
    try (GdRunner runner = GdRunner.forAllCores()) {
      expected = PlaneExperiment.run(PlaneSpec.of(
          GdConfig.builder(Family.ADDITIVE).lambda(1.0).x0(5.0),
          Axis.parse("x", "eta:0.85:1.1"), Axis.parse("y", "eps:0:0.3"), 24, 16), runner,
          Cancellation.NONE);
    }
    assertEquals(24, json.get("width").asInt());
    assertEquals(16, json.get("height").asInt());
    assertEquals(expected.labels().toBase64(), json.get("divergent_bits_b64").asText());
    assertEquals(24 * 16, json.get("diverge_step").size());
    for (int p = 0; p < 24 * 16; p++) {
      assertEquals(expected.divergeStep()[p], json.get("diverge_step").get(p).asInt());
    }
    assertEquals(expected.divergentFraction(), json.get("divergent_fraction").asDouble());
    assertFalse(json.has("eps"), "eps is an axis, not a fixed value");
    assertEquals("eps", json.get("y").get("axis").asText());
  }

  @Test
  @DisplayName("plane --crop gives exactly those columns and rows of the whole grid")
  void planeCropIsPartOfTheGrid() throws Exception {
    String[] plane = {"plane", "--family", "additive", "--lambda", "1", "--x0", "5",
        "--x", "eta:0.85:1.1", "--y", "eps:0:0.3", "--width", "24", "--height", "16", "--json"};
    Run whole = brink(plane);
    Run crop = brink(with(plane, "--crop", "14:23,3:9"));
    assertEquals(0, crop.exit(), crop.err());
    JsonNode all = JSON.readTree(whole.out());
    JsonNode part = JSON.readTree(crop.out());
    assertEquals(10, part.get("width").asInt());
    assertEquals(7, part.get("height").asInt());
    assertEquals(24, part.get("grid").get("width").asInt());
    assertEquals(14, part.get("crop").get("column0").asInt());
    assertEquals(3, part.get("crop").get("row0").asInt());
    int divergent = 0;
    for (int r = 0; r < 7; r++) {
      for (int c = 0; c < 10; c++) {
        int step = part.get("diverge_step").get(r * 10 + c).asInt();
        assertEquals(all.get("diverge_step").get((3 + r) * 24 + 14 + c).asInt(), step,
            "column " + (14 + c) + ", row " + (3 + r));
        divergent += step < 1000 ? 1 : 0;
      }
    }
    assertTrue(divergent > 0 && divergent < 70, "both classes in the crop: " + divergent);
    Run outside = brink(with(plane, "--crop", "14:30,3:9"));
    assertEquals(2, outside.exit());
    assertTrue(outside.err().contains("--crop: "), outside.err());
  }

  @Test
  @DisplayName("plane --pixels writes the bare pixels: blue bounded at low eta, red divergent at "
      + "high eta; --png and --svg the figure around them")
  void planePng(@TempDir Path dir) throws Exception {
    Path pixels = dir.resolve("plane.png");
    Path figure = dir.resolve("figure.png");
    Path svg = dir.resolve("figure.svg");
    Run run = brink("plane", "--family", "quadratic", "--x", "eta:0:1.5", "--y", "x0:0.5:2",
        "--width", "30", "--height", "10", "--pixels", pixels.toString(), "--png",
        figure.toString(), "--svg", svg.toString());
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("pictures in " + figure + " and " + svg + " and " + pixels),
        run.out());
    BufferedImage image = ImageIO.read(pixels.toFile());
    assertEquals(30, image.getWidth());
    assertEquals(10, image.getHeight());
    BufferedImage drawn = ImageIO.read(figure.toFile());
    assertTrue(drawn.getWidth() > 30 + 200 && drawn.getHeight() > 10 + 100,
        drawn.getWidth() + " x " + drawn.getHeight() + ": margins for axes and colour bars");
    assertTrue(java.nio.file.Files.readString(svg).contains(">learning rate η<"));
    int left = image.getRGB(2, 5);
    int right = image.getRGB(28, 5);
    assertTrue((left & 0xff) > ((left >> 16) & 0xff), "bounded pixel is blue: " + hex(left));
    assertTrue(((right >> 16) & 0xff) > (right & 0xff), "divergent pixel is red: " + hex(right));
  }

  private static String hex(int rgb) {
    return Integer.toHexString(rgb & 0xffffff);
  }

  @Test
  @DisplayName("sweep --json and --csv give each cell's line as the library computes it")
  void sweepJsonAndCsv(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("cells.csv");
    Run run = brink("sweep", "--family", "additive", "--x0", "5", "--grid", "eps=0.05:0.2:2",
        "--grid", "lambda=0.5:1:2", "--levels", "11", "--json", "--csv", csv.toString());
    assertEquals(0, run.exit(), run.err());
    JsonNode cells = JSON.readTree(run.out()).get("cells");
    assertEquals(4, cells.size());
    dev.brink.sweep.SweepSpec spec = dev.brink.sweep.SweepSpec.of(
        GdConfig.builder(Family.ADDITIVE).x0(5.0),
        List.of(dev.brink.sweep.GridAxis.parse("eps=0.05:0.2:2"),
            dev.brink.sweep.GridAxis.parse("lambda=0.5:1:2")), 11, 0, 1.5, -5, 5);
    try (GdRunner runner = GdRunner.forAllCores()) {
      for (JsonNode c : cells) {
        int i = c.get("index").asInt();
        LineResult expected = LineExperiment.run(spec.line(i), runner, Cancellation.NONE,
            LineListener.NONE);
        assertEquals(expected.alpha().slope(), c.get("alpha").asDouble());
        assertEquals(spec.values(i).get("eps"), c.get("eps").asDouble());
        assertEquals(expected.gdSteps(), c.get("gd_steps").asLong());
      }
    }
    List<String> lines = java.nio.file.Files.readAllLines(csv);
    assertEquals("index,eps,lambda,theta,alpha,alpha_se,divergent_fraction,gd_steps,seconds,nb",
        lines.get(0));
    assertEquals(5, lines.size());
  }

  @Test
  @DisplayName("bad arguments exit 2 with one line naming the argument, never a stack trace")
  void badArgumentsExitTwo() {
    String[] additive = {"--family", "additive", "--eps", "0.2", "--lambda", "0.1"};
    Object[][] cases = {
        {new String[] {"line"}, "--family"},
        {new String[] {"line", "--family", "sine"}, "--family: unknown family 'sine', allowed: "
            + "quadratic, additive, multiplicative, twocos"},
        {new String[] {"line", "--family", "additive", "--lambda", "0.1"}, "--eps: required"},
        {new String[] {"line", "--family", "additive", "--eps", "NaN", "--lambda", "0.1"},
            "--eps: must be a finite number"},
        {new String[] {"line", "--family", "additive", "--eps", "0.1", "--lambda", "0"},
            "--lambda: must be a finite number > 0"},
        {concat(additive, "--eps", "0.3"), "'--eps' (E) should be specified only once"},
        {concat(additive, "--levels", "-1"), "--levels: must be an integer from 0 to 32"},
        {concat(additive, "--levels", "33"), "--levels: must be an integer from 0 to 32"},
        {concat(additive, "--levels", "ten"), "'--levels'"},
        {concat(additive, "--levels"), "'--levels'"},
        {concat(additive, "--dim", "0"), "--dim: must be an integer from 1 to 1000"},
        {concat(additive, "--steps", "0"), "--steps: must be an integer"},
        {concat(additive, "--bound", "-5"), "--bound: must be a finite number > 0"},
        {concat(additive, "--x0", "Infinity"), "--x0: must be a finite number"},
        {concat(additive, "--eta-min", "2"), "--eta-max: must be greater than eta-min"},
        {concat(additive, "--eps2", "0.1"), "--eps2: not a parameter of family additive"},
        {concat(additive, "--levles", "3"), "--levles"},
        {concat(additive, "--threads", "0"), "--threads: must be an integer from 1"},
        {new String[] {"plane", "--family", "quadratic", "--x", "eta:0:1"}, "'--y"},
        {new String[] {"plane", "--family", "quadratic", "--x", "speed:0:1", "--y", "x0:0:1"},
            "--x: unknown axis 'speed'"},
        {new String[] {"plane", "--family", "quadratic", "--x", "eta:0:1", "--y", "eps:0:1"},
            "--y: axis eps is not a parameter of family quadratic"},
        {new String[] {"plane", "--family", "quadratic", "--x", "eta:0:1", "--y", "x0:0:1",
            "--width", "0"}, "--width: must be an integer from 1 to 8192"},
        {new String[] {"plane", "--family", "quadratic", "--x", "eta:0:1", "--y", "x0:0:1",
            "--png", "/no/such/folder/p.png"}, "--png: folder /no/such/folder does not exist"},
        {new String[] {"curve"}, "curve"},
        {new String[] {"serve", "--max-levels", "31"},
            "--max-levels: must be an integer from 0 to 30"},
        {new String[] {"serve", "--allow-origin", "lab.example.org"},
            "--allow-origin: expected an origin such as https://lab.example.org"},
        {new String[] {"serve", "--port", "70000"}, "--port: must be an integer from 0 to 65535"},
        {new String[] {"sweep", "--family", "additive", "--x0", "5"}, "'--grid"},
        {new String[] {"sweep", "--family", "additive", "--x0", "5", "--lambda", "1",
            "--grid", "eps=0.1:0.2"}, "--grid: expected NAME=MIN:MAX:COUNT"},
        {new String[] {"sweep", "--family", "additive", "--x0", "5", "--eps", "0.1",
            "--grid", "eps=0.1:0.2:3", "--lambda", "1"}, "--eps: is a grid axis"},
    };
    for (Object[] c : cases) {
      String[] args = (String[]) c[0];
      Run run = brink(args);
      String what = String.join(" ", args) + " -> " + run.err();
      assertEquals(2, run.exit(), what);
      assertEquals(1, run.err().lines().count(), "one line: " + what);
      assertTrue(run.err().contains((String) c[1]), "names " + c[1] + ": " + what);
      assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), what);
      assertEquals("", run.out(), what);
    }
  }

  private static String[] with(String[] command, String... more) {
    String[] all = Arrays.copyOf(command, command.length + more.length);
    System.arraycopy(more, 0, all, command.length, more.length);
    return all;
  }

  /** "line" with these arguments and more. */
  private static String[] concat(String[] base, String... more) {
    String[] all = Arrays.copyOf(new String[] {"line"}, 1 + base.length + more.length);
    System.arraycopy(base, 0, all, 1, base.length);
    System.arraycopy(more, 0, all, 1 + base.length, more.length);
    return all;
  }

  @Test
  @DisplayName("plane --family mlp computes the network's plane; a loss's option is refused")
  void networkPlane() throws Exception {
    Run run = brink("plane", "--family", "mlp", "--inputs", "4", "--hidden", "6", "--points",
        "10", "--activation", "relu", "--steps", "40", "--x", "eta0:0.01:1e4:log", "--y",
        "eta1:0.01:1e4:log", "--width", "12", "--height", "9", "--json");
    assertEquals(0, run.exit(), run.err());
    JsonNode json = JSON.readTree(run.out());
    assertEquals("mlp", json.get("family").asText());
    assertEquals("relu", json.get("activation").asText());
    assertEquals(10, json.get("points").asInt());
    double fraction = json.get("divergent_fraction").asDouble();
    assertTrue(fraction > 0 && fraction < 1, "both classes in the window: " + fraction);
    PlaneResult expected;
    try (GdRunner runner = GdRunner.forAllCores()) {
      expected = PlaneExperiment.run(PlaneSpec.of(GdConfig.builder(Family.MLP).inputs(4)
          .hidden(6).points(10).activation(dev.brink.network.Activation.RELU).steps(40),
          Axis.parse("x", "eta0:0.01:1e4:log"), Axis.parse("y", "eta1:0.01:1e4:log"), 12, 9),
          runner, Cancellation.NONE);
    }
    assertEquals(expected.labels().toBase64(), json.get("divergent_bits_b64").asText());
    assertEquals(expected.dimensions().medianSlope().median(),
        json.get("median_slope_dimension").asDouble(), 1e-12);

    Run loss = brink("plane", "--family", "mlp", "--eps", "0.2", "--x", "eta0:1:2",
        "--y", "eta1:1:2");
    assertEquals(2, loss.exit());
    assertTrue(loss.err().contains("eps") && loss.err().contains("not a parameter of family mlp"),
        loss.err());
    Run axis = brink("plane", "--family", "mlp", "--x", "x0:1:2", "--y", "eta1:1:2");
    assertEquals(2, axis.exit());
    assertTrue(axis.err().contains("its axes: eta, eta0, eta1, offset"), axis.err());
    Run wrong = brink("plane", "--family", "additive", "--eps", "0.2", "--lambda", "0.1",
        "--hidden", "8", "--x", "eta:0:1", "--y", "x0:0:1");
    assertEquals(2, wrong.exit());
    assertTrue(wrong.err().contains("hidden") && wrong.err().contains("applies to mlp"),
        wrong.err());
    Run act = brink("plane", "--family", "mlp", "--activation", "sigmoid", "--x", "eta0:1:2",
        "--y", "eta1:1:2");
    assertEquals(2, act.exit());
    assertTrue(act.err().contains("unknown activation 'sigmoid'"), act.err());
  }

  @Test
  @DisplayName("plane and line with --optimizer: an eta x beta plane equals the library's, a line"
      + " reports its optimizer, and a parameter of another optimizer is refused")
  void optimizers() throws Exception {
    Run run = brink("plane", "--family", "quadratic", "--optimizer", "momentum", "--steps",
        "500", "--x", "eta:0.1:2.5", "--y", "beta:-0.5:0.9", "--width", "16", "--height", "12",
        "--json");
    assertEquals(0, run.exit(), run.err());
    JsonNode json = JSON.readTree(run.out());
    assertEquals("momentum", json.get("optimizer").asText());
    PlaneResult expected;
    try (GdRunner runner = GdRunner.forAllCores()) {
      expected = PlaneExperiment.run(PlaneSpec.of(GdConfig.builder(Family.QUADRATIC)
          .optimizer(dev.brink.optimizer.Optimizer.MOMENTUM).steps(500),
          Axis.parse("x", "eta:0.1:2.5"), Axis.parse("y", "beta:-0.5:0.9"), 16, 12), runner,
          Cancellation.NONE);
    }
    assertEquals(expected.labels().toBase64(), json.get("divergent_bits_b64").asText());
    double fraction = json.get("divergent_fraction").asDouble();
    assertTrue(fraction > 0.2 && fraction < 0.8, "both classes: " + fraction);
    Run line = brink("line", "--family", "additive", "--eps", "0.2", "--lambda", "0.1",
        "--optimizer", "adam", "--beta2", "0.99", "--levels", "8", "--json");
    assertEquals(0, line.exit(), line.err());
    JsonNode l = JSON.readTree(line.out());
    assertEquals("adam", l.get("optimizer").asText());
    assertEquals(0.99, l.get("beta2").asDouble());
    Run wrong = brink("line", "--family", "quadratic", "--optimizer", "nesterov", "--beta1",
        "0.5", "--levels", "4");
    assertEquals(2, wrong.exit());
    assertTrue(wrong.err().contains("beta1") && wrong.err().contains("applies to adam"),
        wrong.err());
    Run unknown = brink("line", "--family", "quadratic", "--optimizer", "rmsprop");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("unknown optimizer 'rmsprop'"), unknown.err());
  }
}

