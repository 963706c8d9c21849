package dev.brink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
          + "prometheus and docker-compose");
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

  static List<String> dashboardExpressions() throws Exception {
    List<String> exprs = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("grafana", "dashboards"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        for (JsonNode panel : JSON.readTree(f.toFile()).get("panels")) {
          for (JsonNode target : panel.get("targets")) {
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
}
