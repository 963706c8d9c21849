package dev.brink.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brink.sweep.CellResult;
import dev.brink.sweep.GridAxis;
import dev.brink.sweep.SweepSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Sweep cells as JSON and CSV (docs/cli.md lists the fields). */
public final class SweepJson {
  private SweepJson() {
  }

  public static ObjectNode cell(CellResult c) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("index", c.index());
    for (Map.Entry<String, Double> e : c.values().entrySet()) {
      o.put(e.getKey(), e.getValue());
    }
    if (Double.isNaN(c.theta())) {
      o.putNull("theta");
    } else {
      o.put("theta", c.theta());
    }
    o.put("alpha", c.alpha());
    o.put("alpha_se", c.alphaSe());
    ArrayNode nb = o.putArray("nb");
    for (long n : c.nb()) {
      nb.add(n);
    }
    o.put("divergent_fraction", c.divergentFraction());
    o.put("gd_steps", c.gdSteps());
    o.put("seconds", c.seconds());
    return o;
  }

  /** A cell back from its JSON (as stored). */
  public static CellResult cellFromJson(com.fasterxml.jackson.databind.JsonNode o,
      SweepSpec spec) {
    Map<String, Double> values = new java.util.LinkedHashMap<>();
    for (GridAxis a : spec.axes()) {
      values.put(a.name(), o.get(a.name()).asDouble());
    }
    long[] nb = new long[o.get("nb").size()];
    for (int i = 0; i < nb.length; i++) {
      nb[i] = o.get("nb").get(i).asLong();
    }
    return new CellResult(o.get("index").asInt(), values,
        o.get("theta").isNull() ? Double.NaN : o.get("theta").asDouble(),
        o.get("alpha").asDouble(), o.get("alpha_se").asDouble(), nb,
        o.get("divergent_fraction").asDouble(), o.get("gd_steps").asLong(),
        o.get("seconds").asDouble());
  }

  /** The sweep's definition: fixed parameters, grid, levels, eta range, x0 range. */
  public static ObjectNode spec(SweepSpec s) {
    ObjectNode o = ConfigJson.of(s.base());
    for (GridAxis a : s.axes()) {
      o.remove(a.name());
    }
    o.remove("theta");
    ArrayNode grid = o.putArray("grid");
    for (GridAxis a : s.axes()) {
      grid.add(a.spec());
    }
    o.put("levels", s.levels());
    o.put("eta_min", s.etaMin());
    o.put("eta_max", s.etaMax());
    o.put("x0_min", s.x0Min());
    o.put("x0_max", s.x0Max());
    o.put("cells_total", s.cells());
    return o;
  }

  /** {"cells": [...]} in index order. */
  public static ObjectNode cells(List<CellResult> cells) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ArrayNode a = o.putArray("cells");
    cells.forEach(c -> a.add(cell(c)));
    return o;
  }

  /** One header line, then one line per cell; nb as N_B values joined by ';'. */
  public static String csv(SweepSpec spec, List<CellResult> cells) {
    StringBuilder s = new StringBuilder("index,");
    for (GridAxis a : spec.axes()) {
      s.append(a.name()).append(',');
    }
    s.append("theta,alpha,alpha_se,divergent_fraction,gd_steps,seconds,nb\n");
    for (CellResult c : cells) {
      s.append(c.index()).append(',');
      for (double v : c.values().values()) {
        s.append(number(v)).append(',');
      }
      s.append(Double.isNaN(c.theta()) ? "" : number(c.theta())).append(',').append(number(c.alpha())).append(',')
          .append(number(c.alphaSe())).append(',').append(number(c.divergentFraction()))
          .append(',').append(c.gdSteps()).append(',').append(number(c.seconds())).append(',')
          .append(java.util.Arrays.stream(c.nb()).mapToObj(Long::toString)
              .collect(Collectors.joining(";")))
          .append('\n');
    }
    return s.toString();
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.10g", v).replaceAll("\\.?0+(e|$)", "$1");
  }
}
