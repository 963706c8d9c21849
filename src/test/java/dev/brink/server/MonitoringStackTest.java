package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brink.server.config.ServerConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring stack for real: Debian's Prometheus (bin/test installs it) scrapes a running
 * brink on loopback, and every PromQL expression of grafana/dashboards/*.json must parse and
 * return at least one series. Also promtool and docker-compose accept docker/'s files.
 */
class MonitoringStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static Path tool(String name) {
    Path p = Path.of("/usr/bin", name);
    if (!Files.isExecutable(p)) {
      throw new IllegalStateException(p + " is missing: run bin/test, which installs Debian's "
          + "prometheus, prometheus-alertmanager and docker-compose");
    }
    return p;
  }

  static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
    return out;
  }

  @Test
  @DisplayName("promtool accepts docker/prometheus.yml; docker-compose accepts the compose file")
  void configsAreValid() throws Exception {
    assertTrue(run(List.of(tool("promtool").toString(), "check", "config",
        "docker/prometheus.yml")).contains("SUCCESS"));
    String compose = run(List.of(tool("docker-compose").toString(), "-f",
        "docker/docker-compose.yml", "config"));
    assertTrue(compose.contains("prometheus") && compose.contains("grafana"), compose);
  }

  @Test
  @DisplayName("brink's alerting rules pass promtool's checks and their unit tests (each alert "
      + "fires when it should and stays silent when it should not); amtool accepts the "
      + "Alertmanager config")
  void alertingRules() throws Exception {
    assertTrue(run(List.of(tool("promtool").toString(), "check", "rules",
        "docker/alerts.yml")).contains("SUCCESS: 10 rules found"));
    String tests = run(List.of(tool("promtool").toString(), "test", "rules",
        "docker/alerts.test.yml"));
    assertTrue(tests.contains("SUCCESS"), tests);
    assertTrue(run(List.of(tool("amtool").toString(), "check-config",
        "docker/alertmanager.yml")).contains("SUCCESS"));
  }

  static List<String> dashboardExpressions() throws Exception {
    List<String> exprs = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("grafana", "dashboards"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        for (JsonNode panel : JSON.readTree(f.toFile()).get("panels")) {
          for (JsonNode target : panel.path("targets")) {
            exprs.add(target.get("expr").asText());
          }
        }
      }
    }
    return exprs;
  }

  static JsonNode query(int port, String promql) throws Exception {
    String url = "http://127.0.0.1:" + port + "/api/v1/query?query="
        + URLEncoder.encode(promql, StandardCharsets.UTF_8);
    return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  @Test
  @DisplayName("a real Prometheus scrapes brink; every dashboard query returns data")
  void dashboardQueriesReturnData(@TempDir Path dir) throws Exception {
    List<String> exprs = dashboardExpressions();
    assertTrue(exprs.size() >= 15, exprs.size() + " expressions");
    int promPort;
    try (ServerSocket s = new ServerSocket(0)) {
      promPort = s.getLocalPort();
    }
    try (ServerFixture brink = new ServerFixture(8)) {
      // Work for every panel: a plane view, a line, and a sweep that is still running.
      try (WsClient client = brink.connect(true)) {
        client.nextText(10_000);
        client.send(PlaneViews.view(1, PlaneViews.PARAMS, 256, 128));
        PlaneViews.read(client, 1, true);
      }
      brink.get("/api/line?family=additive&eps=0.2&lambda=0.1&levels=12");
      long sweep = brink.post("/api/sweeps", "{\"family\":\"additive\",\"lambda\":1,\"x0\":5,"
          + "\"levels\":14,\"grid\":[\"eps=0.01:0.2:400\"]}").json().get("id").asLong();
      System.gc();
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(config, "global:\n  scrape_interval: 1s\nscrape_configs:\n"
          + "  - job_name: brink\n    static_configs:\n      - targets: [\"127.0.0.1:"
          + brink.port() + "\"]\n");
      Process prometheus = new ProcessBuilder(tool("prometheus").toString(),
          "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
          "--web.listen-address=127.0.0.1:" + promPort)
          .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile())
          .start();
      try {
        long deadline = System.nanoTime() + 60_000_000_000L;
        boolean scraped = false;
        while (!scraped && System.nanoTime() < deadline) {
          Thread.sleep(500);
          try {
            JsonNode r = query(promPort, "count_over_time(up{job=\"brink\"}[1m])");
            JsonNode result = r.path("data").path("result");
            scraped = result.size() > 0 && result.get(0).get("value").get(1).asDouble() >= 2;
          } catch (java.io.IOException e) {
            scraped = false;
          }
        }
        assertTrue(scraped, "two scrapes of brink: " + Files.readString(
            dir.resolve("prometheus.log")));
        assertEquals(1.0, query(promPort, "up{job=\"brink\"}").get("data").get("result").get(0)
            .get("value").get(1).asDouble());
        List<String> empty = new ArrayList<>();
        for (String expr : exprs) {
          String promql = expr.replace("$instance", ".+").replace("$__rate_interval", "15s");
          JsonNode r = query(promPort, promql);
          assertEquals("success", r.get("status").asText(), promql + " -> " + r);
          if (r.get("data").get("result").size() == 0) {
            empty.add(promql);
          }
        }
        assertEquals(List.of(), empty, "queries without a series");
      } finally {
        prometheus.destroy();
        prometheus.waitFor(10, TimeUnit.SECONDS);
        brink.post("/api/sweeps/" + sweep + "/cancel", "");
      }
    }
  }

  /** Starts a real Prometheus scraping brink every second with this config's extra lines. */
  static Process prometheus(Path dir, int brinkPort, int promPort, String extra)
      throws Exception {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
        + extra + "scrape_configs:\n  - job_name: brink\n    static_configs:\n"
        + "      - targets: [\"127.0.0.1:" + brinkPort + "\"]\n");
    return new ProcessBuilder(tool("prometheus").toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:"
        + promPort).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log")
        .toFile()).start();
  }

  @Test
  @DisplayName("a sweep that stops making progress drives the shipped stall alert to firing in "
      + "a real Prometheus (its 15 minutes shortened to 5 s), naming the sweep")
  void stalledSweepFiresItsAlert(@TempDir Path dir) throws Exception {
    // The shipped rules, the stall time shortened so that the test need not wait 15 minutes.
    String rules = Files.readString(Path.of("docker/alerts.yml"));
    assertTrue(rules.contains("> 15 * 60") && rules.contains("        for: 1m\n"), rules);
    Files.writeString(dir.resolve("alerts.yml"), rules.replace("> 15 * 60", "> 5")
        .replaceFirst("        for: 1m\n", "        for: 0s\n"));
    int promPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      promPort = socket.getLocalPort();
    }
    try (ServerFixture brink = new ServerFixture(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0, Files.createTempDirectory("brink-stall"))
        .withCompute(1, 64L << 20))) {
      long sweep = brink.post("/api/sweeps", "{\"family\":\"additive\",\"lambda\":1,"
          + "\"x0\":5,\"levels\":12,\"grid\":[\"eps=0.01:0.2:400\"]}").json().get("id")
          .asLong();
      assertTrue(ServerFixture.eventually(60_000, () -> {
        try {
          return brink.get("/api/sweeps/" + sweep).json().get("cells_done").asInt() > 0;
        } catch (Exception e) {
          return false;
        }
      }), "the sweep makes progress first");
      // Viewers' work goes first: a long /api/plane on the one compute thread stalls the sweep.
      java.util.concurrent.CompletableFuture<?> load = HTTP.sendAsync(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + brink.port() + "/api/plane?family=additive&lambda=1"
              + "&x0=5&x=eta:0.85:0.99&y=eps:0:0.05&width=512&height=512&steps=100000"))
          .build(), HttpResponse.BodyHandlers.ofString());
      Process prometheus = prometheus(dir, brink.port(), promPort, "rule_files:\n  - "
          + dir.resolve("alerts.yml") + "\n");
      try {
        long deadline = System.nanoTime() + 90_000_000_000L;
        JsonNode firing = null;
        while (firing == null && System.nanoTime() < deadline) {
          Thread.sleep(500);
          try {
            JsonNode alerts = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + promPort + "/api/v1/alerts")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("data").path("alerts");
            for (JsonNode a : alerts) {
              if (a.path("labels").path("alertname").asText().equals("BrinkSweepStalled")
                  && a.path("state").asText().equals("firing")) {
                firing = a;
              }
            }
          } catch (java.io.IOException e) {
            firing = null;
          }
        }
        assertTrue(firing != null, "BrinkSweepStalled fired: " + Files.readString(
            dir.resolve("prometheus.log")));
        assertEquals(Long.toString(sweep), firing.path("labels").path("sweep").asText());
        assertTrue(firing.path("annotations").path("summary").asText().startsWith("Sweep "
            + sweep + " on 127.0.0.1:"), firing.toString());
        assertEquals("running", brink.get("/api/sweeps/" + sweep).json().get("state").asText());
      } finally {
        load.cancel(true);
        prometheus.destroy();
        prometheus.waitFor(10, TimeUnit.SECONDS);
        brink.post("/api/sweeps/" + sweep + "/cancel", "");
      }
    }
  }
}
