package dev.brink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brink.reproduce.Experiment;
import dev.brink.reproduce.Experiments;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `brink reproduce` on its smallest profile: the report read back as a reader would. */
class ReproduceCommandTest {

  @Test
  @DisplayName("reproduce --profile smoke: every experiment and comparison in report.json and "
      + "index.html, every figure a PNG, the additive transition's comparisons pass")
  void smokeProfile(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("report");
    CliTest.Run run = CliTest.brink("reproduce", "--profile", "smoke", "--out", out.toString());
    assertEquals(0, run.exit(), run.err());
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    List<String> ids = new ArrayList<>();
    for (Experiment e : Experiments.all()) {
      ids.add(e.id());
    }
    assertEquals(List.of("1d", "2a", "2b", "S2", "2c-3a", "2d-3b", "4a", "S4", "S5", "4b", "4c",
        "S3", "S1"), ids);
    assertEquals(ids.size(), report.get("results").size());
    assertTrue(report.get("complete").asBoolean());
    String html = Files.readString(out.resolve("index.html"));
    int rows = 0;
    for (int i = 0; i < ids.size(); i++) {
      JsonNode e = report.get("results").get(i);
      assertEquals(ids.get(i), e.get("id").asText());
      assertTrue(e.get("comparisons").size() >= 1, "comparisons of " + ids.get(i));
      assertTrue(e.get("seconds").asDouble() >= 0 && !e.get("setting").asText().isEmpty(),
          e.toString());
      assertTrue(html.contains("id=\"fig" + ids.get(i) + "\""), "the section of " + ids.get(i));
      for (JsonNode c : e.get("comparisons")) {
        rows++;
        for (String field : List.of("quantity", "paper", "brink", "tolerance")) {
          assertTrue(!c.get(field).asText().isEmpty(), field + " of " + c);
        }
        assertTrue(html.contains(escape(c.get("quantity").asText())), "row " + c);
      }
      for (JsonNode f : e.get("figures")) {
        BufferedImage image = ImageIO.read(out.resolve(f.asText()).toFile());
        assertTrue(image != null && image.getWidth() >= 600 && image.getHeight() >= 400,
            f.asText());
        assertTrue(html.contains("src=\"" + f.asText() + "\""), f.asText());
      }
    }
    assertTrue(rows >= 25, rows + " comparisons");
    JsonNode additive = report.get("results").get(ids.indexOf("2c-3a")).get("comparisons");
    for (int r = 0; r < 3; r++) {
      assertTrue(additive.get(r).get("pass").asBoolean(), additive.get(r).toString());
    }
    JsonNode control = report.get("results").get(ids.indexOf("S2")).get("comparisons");
    assertTrue(control.get(0).get("pass").asBoolean() && control.get(1).get("pass")
        .asBoolean(), "the quadratic control: N_B = 1 and alpha = 0 exactly");
    assertTrue(run.out().contains("[13/13] Fig. S1") && run.out().contains("report: "),
        run.out());
  }

  @Test
  @DisplayName("a bad profile or experiment id is refused naming the option")
  void badArguments(@TempDir Path dir) {
    CliTest.Run profile = CliTest.brink("reproduce", "--profile", "fast", "--out",
        dir.toString());
    assertEquals(2, profile.exit());
    assertTrue(profile.err().contains("profile") && profile.err().contains("quick"),
        profile.err());
    CliTest.Run only = CliTest.brink("reproduce", "--only", "2a,9z", "--out", dir.toString());
    assertEquals(2, only.exit());
    assertTrue(only.err().contains("9z") && only.err().contains("2c-3a"), only.err());
  }

  private static String escape(String t) {
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
