package dev.chorus;

import dev.chorus.config.Config;
import dev.chorus.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A child process for CrashRecoveryIT: polls every source of a config again and again until killed.
 */
public final class PollLoop {
  private PollLoop() {}

  public static void main(String[] args) throws Exception {
    Config cfg = ConfigLoader.load(Path.of(args[0]));
    try (App app = new App(cfg, Clock.systemUTC())) {
      System.out.println("ready");
      for (int round = 0; round < 10_000; round++) {
        app.pollAll(4);
        System.out.println("round " + round);
      }
    }
  }
}
