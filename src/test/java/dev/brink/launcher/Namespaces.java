package dev.brink.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces joined by a bridge, for nodes that talk over real addresses rather than
 * loopback: namespace k (1..count) holds a veth with 10.231.0.k/24, its peer on the bridge,
 * which has 10.231.0.254 so that the test itself reaches every node. Needs root and iproute2;
 * without them the test fails saying so (bin/test runs as root, as CI does). Closing removes
 * everything it made.
 */
final class Namespaces implements AutoCloseable {
  private static final String BRIDGE = "brinkbr0";
  private final String prefix;
  private final int count;

  private Namespaces(String prefix, int count) {
    this.prefix = prefix;
    this.count = count;
  }

  static Namespaces create(String prefix, int count) throws Exception {
    Namespaces n = new Namespaces(prefix, count);
    n.close();
    try {
      ip("link", "add", BRIDGE, "type", "bridge");
      ip("addr", "add", "10.231.0.254/24", "dev", BRIDGE);
      ip("link", "set", BRIDGE, "up");
      for (int k = 1; k <= count; k++) {
        String ns = n.name(k);
        ip("netns", "add", ns);
        ip("link", "add", "bv" + k, "type", "veth", "peer", "name", "bp" + k);
        ip("link", "set", "bv" + k, "netns", ns);
        ip("link", "set", "bp" + k, "master", BRIDGE);
        ip("link", "set", "bp" + k, "up");
        ip("netns", "exec", ns, "ip", "addr", "add", n.address(k) + "/24", "dev", "bv" + k);
        ip("netns", "exec", ns, "ip", "link", "set", "bv" + k, "up");
        ip("netns", "exec", ns, "ip", "link", "set", "lo", "up");
      }
    } catch (IOException e) {
      n.close();
      throw new AssertionError("cannot make network namespaces (this test needs root and "
          + "iproute2's ip, as bin/test provides): " + e.getMessage(), e);
    }
    return n;
  }

  String name(int k) {
    return prefix + k;
  }

  String address(int k) {
    return "10.231.0." + k;
  }

  /** The command prefix that runs a program in namespace k. */
  List<String> exec(int k) {
    return List.of("ip", "netns", "exec", name(k));
  }

  @Override
  public void close() throws Exception {
    for (int k = 1; k <= count; k++) {
      run(List.of("ip", "netns", "delete", name(k)));
    }
    run(List.of("ip", "link", "delete", BRIDGE));
  }

  private static void ip(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    String out = run(command);
    if (out != null) {
      throw new IOException(String.join(" ", command) + ": " + out);
    }
  }

  /** Runs a command; null when it succeeded, else its output. */
  private static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "timed out";
    }
    return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out;
  }
}
