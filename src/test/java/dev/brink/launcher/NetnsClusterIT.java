package dev.brink.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An mlp plane view on a server and two workers, each in its own network namespace: Hazelcast
 * and the event bus over veth and a bridge, real addresses (10.231.0.1 to .3), not loopback.
 * Every tile's classes equal the server's plane computed alone, and each node's share of the
 * GD steps is within 15% of its share of the cluster's compute threads (one each). On one
 * 2-core machine the three nodes share the cores, so this shows the work spreads, not a
 * speed-up.
 */
class NetnsClusterIT {
  static final String PARAMS = "{\"family\":\"mlp\",\"inputs\":8,\"hidden\":8,\"steps\":10,"
      + "\"x\":\"eta0:0.001:1000000:log\",\"y\":\"eta1:0.001:1000000:log\"}";
  static final String QUERY = "family=mlp&inputs=8&hidden=8&steps=10"
      + "&x=eta0:0.001:1000000:log&y=eta1:0.001:1000000:log";

  @Test
  @DisplayName("an mlp plane on three nodes in three network namespaces equals one node's, "
      + "each node's share of the steps its share of the threads")
  void networkPlaneAcrossNamespaces(@TempDir Path dir) throws Exception {
    try (Namespaces ns = Namespaces.create("brinkns", 3);
        ServerProcess server = ServerProcess.start(ns.exec(1), dir.resolve("data"),
            dir.resolve("serve.txt"), ClusterIT.SIMD, "--host", ns.address(1), "--threads", "1",
            "--cluster", "--cluster-host", ns.address(1), "--max-network-view-work",
            "20000000", "--max-rest-pixels", "2000000")) {
      List<Process> workers = new ArrayList<>();
      try {
        for (int k = 2; k <= 3; k++) {
          workers.add(worker(ns, k, dir.resolve("worker" + k + ".txt")));
        }
        assertTrue(ClusterIT.waitFor(() -> ClusterIT.log(server).split(
            "joined with 1 compute threads", -1).length == 3, 180),
            "the server saw both workers join: " + ClusterIT.log(server));
        ClusterIT.PlaneViewer viewer = ClusterIT.PlaneViewer.open(server, PARAMS, 1024);
        viewer.done.get(600, TimeUnit.SECONDS);
        viewer.ws.abort();
        assertEquals(viewer.started.get("tiles").asInt(), viewer.tiles.size(),
            "every tile of the view");
        // The view's steps, before the server computes the planes to compare with.
        Map<String, Double> remote = byNode(server, "brink_remote_gd_steps_total");
        double total = ClusterIT.metric(server, "brink_gd_steps_total");
        ClusterIT.assertTilesMatchPlanes(server, viewer, QUERY);
        double local = total - remote.values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(2, remote.size(), "steps from both workers: " + remote);
        List<Double> shares = new ArrayList<>(List.of(local / total));
        for (double r : remote.values()) {
          shares.add(r / total);
        }
        System.out.printf("netns cluster: %d tiles, %.0f GD steps; shares server %.3f, workers"
            + " %s (each has 1 of the 3 compute threads)%n", viewer.tiles.size(), total,
            shares.get(0), shares.subList(1, 3));
        for (double share : shares) {
          assertEquals(1.0 / 3, share, 0.15 / 3, "a node's share of the steps: " + shares);
        }
        for (String node : remote.keySet()) {
          assertTrue(node.startsWith("10.231.0."), "a worker named by its real address: "
              + node);
        }
      } finally {
        for (Process w : workers) {
          w.destroyForcibly();
          w.waitFor(10, TimeUnit.SECONDS);
        }
      }
    }
  }

  private static Process worker(Namespaces ns, int k, Path log) throws Exception {
    List<String> command = new ArrayList<>(ns.exec(k));
    command.addAll(List.of("bin/brink", "worker", "--cluster", "--threads", "1",
        "--cluster-host", ns.address(k), "--members", ns.address(1), "--metrics-port", "0"));
    ProcessBuilder b = new ProcessBuilder(command).redirectError(log.toFile());
    b.environment().putAll(ClusterIT.SIMD);
    Process p = b.start();
    String line = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8)).readLine();
    assertTrue(line != null && line.startsWith("brink worker "), line + " / "
        + Files.readString(log));
    return p;
  }

  /** A counter of the server's /metrics by its node tag. */
  private static Map<String, Double> byNode(ServerProcess server, String name) throws Exception {
    Matcher m = Pattern.compile("^" + name + "\\{[^}]*node=\"([^\"]+)\"[^}]*} (\\S+)$",
        Pattern.MULTILINE).matcher(LauncherIT.http(server.url + "metrics", null));
    Map<String, Double> out = new HashMap<>();
    while (m.find()) {
      out.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum);
    }
    return out;
  }
}
