package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.config.ConfigLoader;
import dev.chorus.refresh.RefreshReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link App#pollAll}: its threads serve the next poll too, honour its parallelism and stop. */
class AppPollTest {
  @TempDir Path dir;

  private App open(FixtureServer fixtures) throws Exception {
    String f = fixtures.base();
    Path config = dir.resolve("feeds.yml");
    Files.writeString(
        config,
        """
        database: poll.db
        fetch:
          allow_private_networks: true
        sources:
          - {id: ada, name: Ada, url: %1$s/, feed: %1$s/rss.xml}
          - {id: grace, name: Grace, url: %1$s/blog/, feed: %1$s/atom.xml}
          - {id: lin, name: Lin, url: %1$s/, feed: %1$s/feed.json}
        """
            .formatted(f));
    return new App(ConfigLoader.load(config), Clock.systemUTC());
  }

  private static Set<Thread> pollThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("poll-") && t.isAlive())
        .collect(Collectors.toSet());
  }

  private static List<String> outcomes(List<RefreshReport> reports) {
    return reports.stream().map(RefreshReport::outcome).toList();
  }

  @Test
  void aSecondPollRunsOnTheFirstPollsThreadsAndCloseStopsThem() throws Exception {
    Set<Thread> before = pollThreads();
    try (FixtureServer fixtures = new FixtureServer("/sites/e2e")) {
      Set<Thread> started;
      try (App app = open(fixtures)) {
        assertThat(outcomes(app.pollAll(3))).containsExactly("ok", "ok", "ok");
        started = pollThreads();
        started.removeAll(before);
        assertThat(started).hasSize(3).allMatch(Thread::isDaemon);

        assertThat(outcomes(app.pollAll(3)))
            .containsExactly("not-modified", "not-modified", "not-modified");
        Set<Thread> after = pollThreads();
        after.removeAll(before);
        assertThat(after).isEqualTo(started);
      }
      for (Thread t : started) {
        t.join(10_000);
        assertThat(t.isAlive()).as("%s after close", t.getName()).isFalse();
      }
    }
  }

  @Test
  void aLaterPollWithLessParallelismRunsOnFewerThreads() throws Exception {
    Set<Thread> before = pollThreads();
    try (FixtureServer fixtures = new FixtureServer("/sites/e2e");
        App app = open(fixtures)) {
      app.pollAll(3);
      Set<Thread> wide = pollThreads();
      wide.removeAll(before);
      assertThat(wide).hasSize(3);
      List<RefreshReport> narrow = app.pollAll(1);
      assertThat(narrow).hasSize(3);
      // the two threads no longer wanted end once idle; one stays for the next poll
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (wide.stream().filter(Thread::isAlive).count() > 1 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(wide.stream().filter(Thread::isAlive).count()).isEqualTo(1);
      assertThat(outcomes(app.pollAll(2))).hasSize(3).doesNotContain("error");
    }
  }
}
