package dev.brink.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.brink.reproduce.Comparison;
import dev.brink.reproduce.Figure;
import dev.brink.reproduce.Outcome;
import dev.brink.reproduce.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A reproduction's report in a folder: index.html (opens with no server; its figures are PNG
 * files beside it), report.json (the same comparisons for programs), and the figures.
 */
public final class ReproduceReport {
  private ReproduceReport() {
  }

  /** Draws one outcome's figures into the folder (as soon as it is done). */
  public static void figures(Outcome o, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Figure f : o.figures()) {
      Path file = dir.resolve(f.file());
      if (f instanceof Figure.Line line) {
        LineFigurePng.write(line.line(), file);
      } else if (f instanceof Figure.Sweep sweep) {
        SweepFigurePng.write(sweep.spec(), sweep.cells(), file);
      } else if (f instanceof Figure.Chart chart) {
        ChartPng.write(chart, file);
      }
    }
  }

  /** Writes index.html and report.json for the outcomes so far. */
  public static void write(Profile profile, List<Outcome> outcomes, int experiments,
      String machine, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("index.html"), html(profile, outcomes, experiments, machine));
    Files.writeString(dir.resolve("report.json"), new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(json(profile, outcomes, experiments, machine)));
  }

  static Map<String, Object> json(Profile profile, List<Outcome> outcomes, int experiments,
      String machine) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("paper", "arXiv:2406.13971");
    m.put("profile", profile.id());
    m.put("machine", machine);
    m.put("experiments", experiments);
    m.put("complete", outcomes.size() == experiments);
    List<Object> list = new ArrayList<>();
    for (Outcome o : outcomes) {
      list.add(result(o));
    }
    m.put("results", list);
    return m;
  }

  /** One outcome as report.json has it under results. */
  public static Map<String, Object> result(Outcome o) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", o.id());
    e.put("title", o.title());
    e.put("setting", o.setting());
    e.put("passed", o.passed());
    e.put("gd_steps", o.gdSteps());
    e.put("seconds", o.seconds());
    e.put("figures", o.figures().stream().map(Figure::file).toList());
    List<Object> rows = new ArrayList<>();
    for (Comparison c : o.comparisons()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("quantity", c.quantity());
      r.put("paper", c.paper());
      r.put("brink", c.brink());
      r.put("tolerance", c.tolerance());
      r.put("pass", c.pass());
      rows.add(r);
    }
    e.put("comparisons", rows);
    return e;
  }

  static String html(Profile profile, List<Outcome> outcomes, int experiments,
      String machine) {
    long passed = outcomes.stream().flatMap(o -> o.comparisons().stream())
        .filter(Comparison::pass).count();
    long rows = outcomes.stream().mapToLong(o -> o.comparisons().size()).sum();
    double seconds = outcomes.stream().mapToDouble(Outcome::seconds).sum();
    StringBuilder s = new StringBuilder();
    // No icon to fetch: the report opens from the disk as well as from the server.
    s.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        + "<link rel=\"icon\" href=\"data:,\">\n")
        .append("<title>brink: paper A reproduced (").append(profile.id())
        .append(")</title>\n<style>\n")
        .append("body{font:15px/1.5 system-ui,sans-serif;color:#222;background:#faf9f6;"
            + "max-width:1000px;margin:2em auto;padding:0 1em}\n")
        .append("table{border-collapse:collapse;margin:.6em 0 1.2em}"
            + "td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left;"
            + "vertical-align:top}th{background:#eeece6}\n")
        .append(".pass{color:#1b7a3a;font-weight:600}.fail{color:#b2182b;font-weight:600}\n")
        .append("img{max-width:100%;border:1px solid #ddd;margin:.3em 0}"
            + "section{margin-top:2.2em}.setting{color:#555}\n</style></head><body>\n");
    s.append("<h1>Paper A reproduced by brink</h1>\n<p>L. Liu, <i>Gradient descent's "
        + "trainability boundary can arise from trivial non-convexity</i>, arXiv:2406.13971. "
        + "Profile <b>").append(profile.id()).append("</b>")
        .append(profile == Profile.PAPER ? " (the paper's resolutions)"
            : " (reduced resolutions: each experiment says what it ran)")
        .append("; ").append(esc(machine)).append(".</p>\n");
    s.append(String.format(Locale.ROOT, "<p><b>%d of %d comparisons within tolerance</b>, %d of "
        + "%d experiments done, %.0f s of computation.</p>%n", passed, rows, outcomes.size(),
        experiments, seconds));
    s.append("<table><tr><th>experiment</th><th>comparisons</th><th>GD steps</th>"
        + "<th>time</th></tr>\n");
    for (Outcome o : outcomes) {
      long ok = o.comparisons().stream().filter(Comparison::pass).count();
      s.append("<tr><td><a href=\"#fig").append(esc(o.id())).append("\">")
          .append(esc(o.title())).append("</a></td><td class=\"")
          .append(o.passed() ? "pass" : "fail").append("\">").append(ok).append(" of ")
          .append(o.comparisons().size()).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.3g", (double) o.gdSteps())).append("</td><td>")
          .append(String.format(Locale.ROOT, "%.1f s", o.seconds())).append("</td></tr>\n");
    }
    s.append("</table>\n");
    for (Outcome o : outcomes) {
      s.append("<section id=\"fig").append(esc(o.id())).append("\"><h2>").append(esc(o.title()))
          .append("</h2>\n<p class=\"setting\">").append(esc(o.setting()))
          .append(String.format(Locale.ROOT, ". %.3g GD steps in %.1f s.", (double) o.gdSteps(),
              o.seconds())).append("</p>\n");
      s.append("<table><tr><th>quantity</th><th>paper</th><th>brink</th><th>tolerance</th>"
          + "<th></th></tr>\n");
      for (Comparison c : o.comparisons()) {
        s.append("<tr><td>").append(esc(c.quantity())).append("</td><td>").append(esc(c.paper()))
            .append("</td><td>").append(esc(c.brink())).append("</td><td>")
            .append(esc(c.tolerance())).append("</td><td class=\"")
            .append(c.pass() ? "pass\">pass" : "fail\">fail").append("</td></tr>\n");
      }
      s.append("</table>\n");
      for (Figure f : o.figures()) {
        s.append("<img src=\"").append(esc(f.file())).append("\" alt=\"")
            .append(esc(o.title())).append("\">\n");
      }
      s.append("</section>\n");
    }
    return s.append("</body></html>\n").toString();
  }

  private static String esc(String t) {
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
