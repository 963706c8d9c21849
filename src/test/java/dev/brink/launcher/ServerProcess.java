package dev.brink.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** `bin/brink serve` as a real process on a free port, its log in a file. */
public final class ServerProcess implements AutoCloseable {
  public final Process process;
  /** The URL it printed, e.g. http://127.0.0.1:41234/ */
  public final String url;
  public final Path log;

  private ServerProcess(Process process, String url, Path log) {
    this.process = process;
    this.url = url;
    this.log = log;
  }

  /**
   * Starts it on the data folder with extra serve options and environment (e.g.
   * BRINK_JAVA_OPTS), logging to the file; returns once it printed its URL.
   */
  public static ServerProcess start(Path data, Path log, Map<String, String> env,
      String... options) throws IOException {
    return start(List.of(), data, log, env, options);
  }

  /** ... behind a command prefix, such as ip netns exec NS. */
  public static ServerProcess start(List<String> prefix, Path data, Path log,
      Map<String, String> env, String... options) throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(List.of("bin/brink", "serve", "--port", "0", "--data", data.toString()));
    command.addAll(List.of(options));
    ProcessBuilder b = new ProcessBuilder(command).redirectError(log.toFile());
    b.environment().putAll(env);
    Process p = b.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("brink serving ")) {
      p.destroyForcibly();
      throw new IllegalStateException("bin/brink serve printed " + line + "; its log: "
          + Files.readString(log));
    }
    return new ServerProcess(p, line.substring("brink serving ".length()), log);
  }

  public static ServerProcess start(Path data, Path log) throws IOException {
    return start(data, log, Map.of());
  }

  public int port() {
    return java.net.URI.create(url).getPort();
  }

  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
