package dev.chorus.cli;

import dev.chorus.config.Config;
import dev.chorus.config.ConfigException;
import dev.chorus.config.SourceConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Validates the config and prints what it holds. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Validate the config file.")
final class CheckCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Override
  public Integer call() {
    try {
      Config cfg = config.load();
      System.out.printf(
          "%s is valid: \"%s\", %d sources, database %s%n",
          config.file, cfg.title(), cfg.sources().size(), cfg.database());
      for (SourceConfig s : cfg.sources()) {
        System.out.printf(
            "  %-20s %s%s%n", s.id(), s.url(), s.feed() != null ? "  (feed " + s.feed() + ")" : "");
      }
      return 0;
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 1;
    }
  }
}
