package dev.chorus.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {
  @TempDir Path dir;

  @Test
  void appliesValidEditsAndKeepsTheLastGoodConfigOnInvalidOnes() throws Exception {
    Path file = dir.resolve("feeds.yml");
    Files.writeString(file, "sources:\n  - url: https://a.example/\n");
    List<Config> applied = new ArrayList<>();
    try (ConfigWatcher w = new ConfigWatcher(file, applied::add)) {
      w.check();
      assertThat(applied).isEmpty();

      Files.writeString(file, "sources:\n  - url: https://a.example/\n  - url: https://b.example/\n");
      w.check();
      assertThat(applied).hasSize(1);
      assertThat(applied.get(0).sources()).hasSize(2);
      assertThat(w.lastError()).isNull();

      Files.writeString(file, "sources:\n  - url: nope\n");
      w.check();
      assertThat(applied).hasSize(1);
      assertThat(w.lastError()).contains("feeds.yml:2: sources[0].url");

      Files.writeString(file, "sources: []\n");
      w.check();
      assertThat(applied).hasSize(2);
      assertThat(w.lastError()).isNull();
    }
  }
}
