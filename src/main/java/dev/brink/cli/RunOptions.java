package dev.brink.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brink.descent.GdRunner;
import dev.brink.params.Check;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How a computing command runs: threads, output streams, progress, JSON printing. */
final class RunOptions {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--threads", paramLabel = "K",
      description = "Worker threads (default: one per core).")
  Integer threads;

  GdRunner runner() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new GdRunner(threads == null ? cores : Check.between("threads", threads, 1, 1024));
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  Progress progress(Supplier<String> status) {
    return new Progress(spec.commandLine().getErr(), System.console() != null, status);
  }

  void printJson(JsonNode node) {
    try {
      out().println(JSON.writeValueAsString(node));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An output file's folder must exist: refused naming the option otherwise. */
  static void checkFolder(String option, java.nio.file.Path file) {
    if (file != null && file.toAbsolutePath().getParent() != null
        && !file.toAbsolutePath().getParent().toFile().isDirectory()) {
      throw new dev.brink.params.InvalidParameterException(option,
          "folder " + file.toAbsolutePath().getParent() + " does not exist");
    }
  }
}
