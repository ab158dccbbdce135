package dev.chorus.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits to feeds.yml while Chorus runs: bad ones are reported and the last good config stays. */
class ConfigWatcherTest {
  private static final String GOOD = "sources:\n  - id: a\n    url: http://a.example/\n";
  @TempDir Path dir;
  private int tick;

  private void write(Path file, String text) throws Exception {
    Files.writeString(file, text);
    // a distinct mtime per edit, as a later save would have
    Files.setLastModifiedTime(
        file, FileTime.from(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(++tick)));
  }

  @Test
  void keepsTheLastGoodConfigThroughBrokenTruncatedAndMissingFiles() throws Exception {
    Path file = dir.resolve("feeds.yml");
    write(file, GOOD);
    List<Config> applied = new ArrayList<>();
    try (ConfigWatcher watcher = new ConfigWatcher(file, applied::add)) {
      write(file, GOOD + "  - url: [unclosed\n");
      watcher.check();
      assertThat(applied).isEmpty();
      assertThat(watcher.lastError()).startsWith(file + ":5: invalid YAML");

      write(file, "");
      watcher.check();
      assertThat(applied).isEmpty();
      assertThat(watcher.lastError()).contains(":1: the file must be a mapping");

      write(file, GOOD + "  - id: a\n    url: http://b.example/\n");
      watcher.check();
      assertThat(applied).isEmpty();
      assertThat(watcher.lastError()).contains(":4: sources[1].id: duplicate id 'a'");

      Files.delete(file);
      watcher.check();
      assertThat(applied).isEmpty();

      write(file, GOOD + "  - id: b\n    url: http://b.example/\n");
      watcher.check();
      assertThat(applied).singleElement().satisfies(c -> assertThat(c.sources()).hasSize(2));
      assertThat(watcher.lastError()).isNull();

      watcher.check();
      assertThat(applied).hasSize(1);
    }
  }

  @Test
  void appliesValidEditsAndKeepsTheLastGoodConfigOnInvalidOnes() throws Exception {
    Path file = dir.resolve("feeds.yml");
    Files.writeString(file, "sources:\n  - url: https://a.example/\n");
    List<Config> applied = new ArrayList<>();
    try (ConfigWatcher w = new ConfigWatcher(file, applied::add)) {
      w.check();
      assertThat(applied).isEmpty();

      Files.writeString(
          file, "sources:\n  - url: https://a.example/\n  - url: https://b.example/\n");
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
