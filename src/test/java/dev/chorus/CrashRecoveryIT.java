package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.FaultyServer.Reply;
import dev.chorus.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * Kills polling child processes with SIGKILL at random moments, again and again, against a loopback
 * farm whose feeds change on every request; after each kill the database must pass {@code PRAGMA
 * integrity_check}, hold every entry another process saw committed, and never hold a validator
 * without the entries it covers.
 */
class CrashRecoveryIT {
  private static final int SOURCES = 16;
  private static final int NEW_PER_VERSION = 4;
  private static final int WINDOW = 12;
  private static final int ROUNDS = 8;
  @TempDir Path dir;

  /**
   * The items a feed serves at a version: the newest WINDOW, NEW_PER_VERSION new ones per version.
   */
  private static String feed(int source, int version) {
    StringBuilder b =
        new StringBuilder(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>s"
                + source
                + "</title><link>http://example.com/</link><description>d</description>");
    int newest = (version + 1) * NEW_PER_VERSION - 1;
    for (int n = newest; n > newest - WINDOW && n >= 0; n--) {
      String id = source + "-" + n;
      b.append("<item><guid>")
          .append(id)
          .append("</guid><link>http://example.com/")
          .append(id)
          .append("</link><title>Post ")
          .append(id)
          .append("</title><pubDate>Mon, 02 Sep 2024 10:00:00 GMT</pubDate>")
          .append("<description>&lt;p&gt;")
          .append(("Body of " + id + ". ").repeat(30))
          .append("&lt;/p&gt;</description></item>");
    }
    return b.append("</channel></rss>").toString();
  }

  @Test
  void survivesBeingKilledAtRandomMomentsWhilePolling() throws Exception {
    Random random = new Random(20241124L);
    Map<Integer, AtomicInteger> versions = new ConcurrentHashMap<>();
    try (FaultyServer farm = new FaultyServer()) {
      StringBuilder yml =
          new StringBuilder(
              "database: chorus.db\nfetch:\n  allow_private_networks: true\nsources:\n");
      for (int i = 0; i < SOURCES; i++) {
        int source = i;
        versions.put(i, new AtomicInteger());
        farm.route(
            "/f/" + i,
            r -> {
              int v = versions.get(source).getAndIncrement();
              return Reply.ok("application/rss+xml", feed(source, v))
                  .with("ETag", "\"v" + v + "\"");
            });
        yml.append("  - id: s")
            .append(i)
            .append("\n    url: http://example.com/\n    feed: ")
            .append(farm.url("/f/" + i))
            .append('\n');
      }
      Path config = dir.resolve("feeds.yml");
      Files.writeString(config, yml);
      Path db = dir.resolve("chorus.db");

      Set<String> seen = ConcurrentHashMap.newKeySet();
      int killedMidRound = 0;
      for (int round = 0; round < ROUNDS; round++) {
        Process child =
            new ProcessBuilder(
                    javaBin(),
                    "-XX:TieredStopAtLevel=1",
                    "-Xmx256m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    PollLoop.class.getName(),
                    config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child-" + round + ".log").toFile())
                .start();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread observer = new Thread(() -> observe(db, seen, watching), "observer");
        observer.start();
        try {
          waitForLine(dir.resolve("child-" + round + ".log"), "ready", 30_000);
          Thread.sleep(200 + random.nextInt(2_500));
          String log = Files.readString(dir.resolve("child-" + round + ".log"));
          killedMidRound += log.contains("round ") ? 0 : 1;
        } finally {
          child.destroyForcibly();
          assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
          watching.set(false);
          observer.join();
        }

        String childLog = Files.readString(dir.resolve("child-" + round + ".log"));
        assertThat(childLog)
            .as("child " + round + " log")
            .doesNotContain("SQLITE_BUSY", "database write failed", "internal error");
        try (Database reopened = Database.open(db)) {
          assertThat(reopened.integrityCheck()).as("round " + round).isEqualTo("ok");
        }
        Map<String, Set<String>> stored = new HashMap<>();
        Map<String, String> etags = new HashMap<>();
        try (Connection c = readOnly(db);
            var st = c.createStatement()) {
          try (var rs = st.executeQuery("SELECT source_id, key FROM entries")) {
            while (rs.next()) {
              stored.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
            }
          }
          try (var rs = st.executeQuery("SELECT id, etag FROM sources WHERE etag IS NOT NULL")) {
            while (rs.next()) {
              etags.put(rs.getString(1), rs.getString(2));
            }
          }
        }
        List<String> lost = new ArrayList<>();
        for (String s : seen) {
          String[] p = s.split(" ", 2);
          if (!stored.getOrDefault(p[0], Set.of()).contains(p[1])) {
            lost.add(s);
          }
        }
        assertThat(lost).as("entries seen committed before kill " + round).isEmpty();
        etags.forEach(
            (source, etag) -> {
              int v = Integer.parseInt(etag.replaceAll("\\D", ""));
              int n = Integer.parseInt(source.substring(1));
              for (int k = 0; k < NEW_PER_VERSION; k++) {
                assertThat(stored.getOrDefault(source, Set.of()))
                    .as("entries covered by %s's validator %s", source, etag)
                    .contains("g:" + n + "-" + (v * NEW_PER_VERSION + k));
              }
            });
      }
      System.out.printf(
          "crash recovery: %d kills (%d before a first full round), %d entries seen committed, all kept%n",
          ROUNDS, killedMidRound, seen.size());
      assertThat(seen.size()).isGreaterThan(SOURCES * WINDOW);
    }
  }

  /** Records every entry visible to another process, as often as it can, until told to stop. */
  private static void observe(Path db, Set<String> seen, AtomicBoolean watching) {
    while (watching.get()) {
      if (Files.exists(db)) {
        try (Connection c = readOnly(db);
            var st = c.createStatement();
            var rs = st.executeQuery("SELECT source_id, key FROM entries")) {
          while (rs.next()) {
            seen.add(rs.getString(1) + " " + rs.getString(2));
          }
        } catch (Exception e) {
          // the schema may not exist yet, or the writer holds a lock during recovery: look again
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static Connection readOnly(Path db) throws Exception {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setReadOnly(true);
    cfg.setBusyTimeout(5_000);
    return DriverManager.getConnection("jdbc:sqlite:" + db, cfg.toProperties());
  }

  private static void waitForLine(Path log, String line, long millis) throws Exception {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(line)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "child did not print '" + line + "' within " + millis + " ms:\n" + Files.readString(log));
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
