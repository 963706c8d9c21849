package dev.brink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brink.grid.Axis;
import dev.brink.landscape.Family;
import dev.brink.params.GdConfig;
import dev.brink.plane.ZoomPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `brink zoom`: the video decoded by ffmpeg's ffprobe (an independent decoder). */
class ZoomCommandTest {

  @Test
  @DisplayName("a 16-frame zoom: ffprobe decodes 16 H.264 frames of the size asked for; the"
      + " keyframes' PNGs and dimensions are written, every 4th frame")
  void sixteenFrames(@TempDir Path dir) throws Exception {
    Path video = dir.resolve("zoom.mp4");
    Path csv = dir.resolve("dims.csv");
    CliTest.Run run = CliTest.brink("zoom", "--family", "additive", "--lambda", "1", "--x0", "5",
        "--steps", "200", "--x", "eta", "--y", "eps", "--center", "0.975,0.15", "--from-width",
        "0.25", "--to-width", Double.toString(0.25 * Math.pow(2, -3.75)),
        "--frames-per-halving", "4", "--size", "96x64", "--out", video.toString(),
        "--keyframes", dir.toString(), "--dimensions", csv.toString());
    assertEquals(0, run.exit(), run.err());
    assertEquals("h264,96,64,16", ZoomProbe.probe(video));
    List<String> rows = Files.readAllLines(csv);
    assertEquals(1 + 5, rows.size(), "a header and keyframes 0, 4, 8, 12 and the last, 15: "
        + rows);
    assertTrue(rows.get(5).startsWith("15,"), rows.get(5));
    assertTrue(rows.get(0).startsWith("frame,width,log10_width,dimension,"), rows.get(0));
    assertTrue(rows.get(1).startsWith("0,0.25,"), rows.get(1));
    assertTrue(Files.exists(dir.resolve("keyframe-0000.png"))
        && Files.exists(dir.resolve("keyframe-0012.png")), "keyframe PNGs");
    assertTrue(run.out().contains("zoom: 16 frames of 96 x 64"), run.out());
  }

  @Test
  @DisplayName("frames past float64's resolution at the centre are marked, not computed")
  void float64Limit() {
    // Centre eta = 1: float64 numbers there are 2.2e-16 apart; a width of 1e-14 over 64 pixels
    // puts neighbours about 0.7 steps apart.
    ZoomPlan plan = new ZoomPlan(GdConfig.builder(Family.QUADRATIC), Axis.parse("x",
        "eta:0:1"), Axis.parse("y", "x0:0:1"), 1, 1, 1e-10, 1e-14, 1, 64, 64);
    assertEquals(15, plan.frames(), "log2(1e4) = 13.3 halvings: 14 frames and the last");
    assertTrue(!plan.pastResolution(0), "1e-10 / 63 is 7000 steps of float64 at 1");
    assertTrue(plan.pastResolution(plan.frames() - 1), String.valueOf(plan.ulpsPerPixel(14)));
    assertTrue(plan.ulpsPerPixel(plan.frames() - 1) < 1);
  }

  @Test
  @DisplayName("bad zoom options name the option")
  void badOptions(@TempDir Path dir) {
    String out = dir.resolve("z.mp4").toString();
    String[][] cases = {
        {"--center", "1", "center"},
        {"--size", "95x64", "size"},
        {"--to-width", "0.5", "to-width"},
        {"--frames-per-halving", "0", "frames-per-halving"},
    };
    for (String[] c : cases) {
      java.util.List<String> args = new java.util.ArrayList<>(List.of("zoom", "--family",
          "quadratic", "--x", "eta", "--y", "x0", "--center", "1,1", "--from-width", "0.1",
          "--to-width", "0.01", "--size", "64x64", "--out", out));
      int at = args.indexOf(c[0]);
      if (at >= 0) {
        args.set(at + 1, c[1]);
      } else {
        args.add(c[0]);
        args.add(c[1]);
      }
      CliTest.Run run = CliTest.brink(args.toArray(new String[0]));
      assertEquals(2, run.exit(), c[0] + ": " + run.err());
      assertTrue(run.err().contains(c[2]), run.err());
    }
    CliTest.Run axis = CliTest.brink("zoom", "--family", "quadratic", "--x", "speed", "--y",
        "x0", "--center", "1,1", "--from-width", "0.1", "--to-width", "0.01", "--out", out);
    assertEquals(2, axis.exit());
    assertTrue(axis.err().contains("expected AXIS or AXIS:log"), axis.err());
  }
}
