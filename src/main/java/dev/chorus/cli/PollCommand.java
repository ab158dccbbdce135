package dev.chorus.cli;

import dev.chorus.App;
import dev.chorus.config.Config;
import dev.chorus.refresh.RefreshReport;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Refreshes every source once and prints one line per source. */
@Command(
    name = "poll",
    mixinStandardHelpOptions = true,
    description = "Refresh every source once, then exit.")
final class PollCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Option(
      names = "--parallel",
      defaultValue = "512",
      description =
          "sources refreshed at once; fetches stay at 2 per host (default: ${DEFAULT-VALUE})")
  int parallel;

  @Override
  public Integer call() {
    Config cfg = config.loadOrReport();
    if (cfg == null) {
      return 2;
    }
    long start = System.nanoTime();
    try (App app = new App(cfg, Clock.systemUTC())) {
      List<RefreshReport> reports = app.pollAll(parallel);
      reports.forEach(r -> System.out.println(r.line()));
      long failed = reports.stream().filter(RefreshReport::failed).count();
      int added = reports.stream().mapToInt(RefreshReport::inserted).sum();
      System.out.printf(
          "%d sources polled in %.1f s: %d new entries, %d failed%n",
          reports.size(), (System.nanoTime() - start) / 1e9, added, failed);
    }
    return 0;
  }
}
