package dev.chorus.cli;

import dev.chorus.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code chorus} command line; no command means {@code serve}. */
@Command(
    name = "chorus",
    mixinStandardHelpOptions = true,
    version = "Chorus 0.1.0",
    description = "Aggregates the writing of many authors into one reading list and one feed.",
    subcommands = {
      ServeCommand.class,
      PollCommand.class,
      CheckCommand.class,
      DetectCommand.class,
      AddCommand.class,
      ImportOpmlCommand.class,
      BenchCommand.class
    })
public final class Main implements Runnable {

  @Override
  public void run() {
    // no subcommand: handled in run(String...)
  }

  /** Runs the command line and returns the exit code. */
  public static int run(String... args) {
    String[] a =
        args.length == 0 || (args[0].startsWith("--") && !isTopLevel(args[0]))
            ? prepend(args)
            : args;
    return new CommandLine(new Main())
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              if (e instanceof StoreException) {
                // an unusable database is the operator's to fix: one sentence, no stack trace
                cmd.getErr().println("chorus: " + e.getMessage());
                return 1;
              }
              throw e;
            })
        .execute(a);
  }

  private static boolean isTopLevel(String arg) {
    return arg.equals("--help") || arg.equals("--version") || arg.equals("-h") || arg.equals("-V");
  }

  private static String[] prepend(String[] args) {
    String[] out = new String[args.length + 1];
    out[0] = "serve";
    System.arraycopy(args, 0, out, 1, args.length);
    return out;
  }

  public static void main(String[] args) {
    int code = run(args);
    if (code != 0 || !ServeCommand.serving()) {
      System.exit(code);
    }
  }
}
