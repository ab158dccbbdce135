package dev.chorus.cli;

import dev.chorus.App;
import dev.chorus.config.Config;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Serves the reading page, feeds and API, polling sources on schedule. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serve the web page and feeds; poll on schedule.")
final class ServeCommand implements Callable<Integer> {
  private static volatile boolean serving;

  @Mixin ConfigOption config;

  @Option(
      names = {"-p", "--port"},
      defaultValue = "8080",
      description = "port (default: ${DEFAULT-VALUE}; 0 picks one)")
  int port;

  @Option(
      names = "--host",
      defaultValue = "0.0.0.0",
      description = "address to listen on (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--no-poll", description = "serve only; do not poll sources")
  boolean noPoll;

  static boolean serving() {
    return serving;
  }

  @Override
  public Integer call() throws Exception {
    Config cfg = config.loadOrReport();
    if (cfg == null) {
      return 2;
    }
    App app = new App(cfg, Clock.systemUTC());
    int bound = app.serve(host, port, !noPoll);
    serving = true;
    System.out.printf(
        "Chorus: %d sources, database %s%nServing on http://localhost:%d/%s%n",
        cfg.sources().size(), cfg.database(), bound, noPoll ? " (not polling)" : "");
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.close();
                  stop.countDown();
                },
                "shutdown"));
    return 0;
  }
}
