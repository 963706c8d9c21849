package dev.brink.cli;

import dev.brink.params.InvalidParameterException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The `brink` command. Exit codes: 0 done, 2 bad arguments (one line on stderr naming the
 * argument and what is allowed), 1 the work failed (one line saying why). No stack traces.
 */
@Command(name = "brink", mixinStandardHelpOptions = true, version = "brink 0.1.0",
    subcommands = {LineCommand.class, PlaneCommand.class, SweepCommand.class, ZoomCommand.class,
        ReproduceCommand.class,
        ServeCommand.class, WorkerCommand.class, BenchCommand.class},
    description = {"Fractal trainability boundaries of gradient descent.",
        "Try: brink line --family additive --eps 0.2 --lambda 0.1"})
public final class BrinkCli implements Runnable {
  static final int BAD_ARGUMENTS = 2;
  static final int FAILED = 1;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required: line, plane, sweep, serve or bench");
  }

  public static void main(String[] args) {
    LauncherWatch.startFromProperty();
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs brink with these arguments and streams; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new BrinkCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((e, a) -> {
      err.println(prefix(e.getCommandLine()) + e.getMessage() + suggestions(e) + " (see "
          + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
      err.flush();
      return BAD_ARGUMENTS;
    });
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      if (e instanceof InvalidParameterException) {
        InvalidParameterException p = (InvalidParameterException) e;
        err.println(prefix(command) + "--" + p.field() + ": " + p.getMessage());
        err.flush();
        return BAD_ARGUMENTS;
      }
      err.println(prefix(command) + "failed: " + describe(e));
      err.flush();
      return FAILED;
    });
    return cli.execute(args);
  }

  private static String prefix(CommandLine command) {
    return command.getCommandSpec().qualifiedName() + ": ";
  }

  private static String suggestions(ParameterException e) {
    if (e instanceof UnmatchedArgumentException) {
      var s = ((UnmatchedArgumentException) e).getSuggestions();
      if (!s.isEmpty()) {
        return "; did you mean " + String.join(" or ", s) + "?";
      }
    }
    return "";
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName();
    if (message == null) {
      return kind;
    }
    // brink's own I/O failures are sentences already; a JDK one needs its kind to make sense.
    return e.getClass() == java.io.IOException.class ? message : kind + ": " + message;
  }
}
