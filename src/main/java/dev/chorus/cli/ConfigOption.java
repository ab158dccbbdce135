package dev.chorus.cli;

import dev.chorus.config.Config;
import dev.chorus.config.ConfigException;
import dev.chorus.config.ConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The shared {@code --config} option. */
final class ConfigOption {
  @Option(
      names = {"-c", "--config"},
      defaultValue = "feeds.yml",
      description = "the config file (default: ${DEFAULT-VALUE})")
  Path file;

  Config load() throws ConfigException {
    return ConfigLoader.load(file);
  }

  /** The config, or null after printing why it cannot be used. */
  Config loadOrReport() {
    try {
      return load();
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return null;
    }
  }
}
