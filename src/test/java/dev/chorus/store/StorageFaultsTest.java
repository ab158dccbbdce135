package dev.chorus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.FaultyServer;
import dev.chorus.FaultyServer.Reply;
import dev.chorus.clean.PlainText;
import dev.chorus.config.Config;
import dev.chorus.config.FetchSettings;
import dev.chorus.config.PollSettings;
import dev.chorus.config.SourceConfig;
import dev.chorus.config.SourceConfig.ContentMode;
import dev.chorus.fetch.FetchPolicy;
import dev.chorus.fetch.Fetcher;
import dev.chorus.model.FuzzyDate;
import dev.chorus.model.ParsedEntry;
import dev.chorus.refresh.RefreshReport;
import dev.chorus.refresh.SourceRefresher;
import dev.chorus.web.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store under pressure: concurrent writers and readers, failed transactions, unusable files.
 */
class StorageFaultsTest {
  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private <T extends AutoCloseable> T keep(T c) {
    open.add(c);
    return c;
  }

  private static List<NewEntry> batch(String prefix, int round, int n) {
    List<NewEntry> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = prefix + "-" + round + "-" + i;
      ParsedEntry e =
          new ParsedEntry(
              id,
              "https://" + prefix + ".example/" + id,
              "Post " + id + " about queues",
              null,
              FuzzyDate.ofInstant(
                  Instant.parse("2025-01-01T00:00:00Z").plusSeconds(round * 1000L + i)),
              null,
              "summary " + id,
              "<p>" + "words about queues and backpressure ".repeat(40) + "</p>");
      out.add(new NewEntry("g:" + id, "https://" + prefix + ".example/" + id, e));
    }
    return out;
  }

  private static FetchOutcome ok(String etag) {
    Instant now = Instant.now();
    return new FetchOutcome(
        now, 3, "feed", "https://a.example/feed", etag, null, 200, now.plusSeconds(1800), false);
  }

  @Test
  void readersNeverSeeALockedDatabaseWhileTwoWritersPoll() throws Exception {
    Path file = dir.resolve("chorus.db");
    Database served = keep(Database.open(file));
    EntryStore store = new EntryStore(served, Clock.systemUTC());
    // a second handle on the same file stands for a `chorus poll` run beside `chorus serve`
    Database other = keep(Database.open(file));
    EntryStore otherStore = new EntryStore(other, Clock.systemUTC());
    store.upsertSource("a", "A", "https://a.example/");
    otherStore.upsertSource("b", "B", "https://b.example/");
    List<SourceConfig> sources =
        List.of(
            new SourceConfig(
                "a",
                "A",
                "https://a.example/",
                null,
                List.of(),
                PollSettings.fixed(Duration.ofHours(1)),
                null,
                ContentMode.FULL,
                1),
            new SourceConfig(
                "b",
                "B",
                "https://b.example/",
                null,
                List.of(),
                PollSettings.fixed(Duration.ofHours(1)),
                null,
                ContentMode.FULL,
                2));
    Config cfg =
        new Config(
            dir.resolve("feeds.yml"),
            "T",
            file,
            PollSettings.fixed(Duration.ofHours(1)),
            FetchSettings.defaults(),
            sources);
    SearchIndex search = new SearchIndex(served, PlainText::ofSanitized);
    SearchIndex otherSearch = new SearchIndex(other, PlainText::ofSanitized);
    WebServer web = keep(new WebServer(store, search, () -> cfg, () -> null, Clock.systemUTC()));
    int port = web.start("127.0.0.1", 0);
    HttpClient http = HttpClient.newHttpClient();

    AtomicBoolean stop = new AtomicBoolean();
    Queue<String> errors = new ConcurrentLinkedQueue<>();
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger writes = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    CountDownLatch started = new CountDownLatch(1);
    for (Object[] w : new Object[][] {{store, "a"}, {otherStore, "b"}}) {
      threads.add(
          new Thread(
              () -> {
                EntryStore s = (EntryStore) w[0];
                for (int round = 0; !stop.get(); round++) {
                  try {
                    s.saveSuccess(
                        (String) w[1], batch((String) w[1], round, 40), ok("\"" + round + "\""));
                    s.saveFailure((String) w[1], ok(null), "HTTP 500 Internal Server Error", false);
                    writes.incrementAndGet();
                    Thread.sleep(10);
                  } catch (InterruptedException e) {
                    return;
                  } catch (RuntimeException e) {
                    errors.add("writer " + w[1] + ": " + e.getMessage());
                  }
                  started.countDown();
                }
              }));
    }
    String[] paths = {
      "/",
      "/api/entries?limit=200",
      "/feed.atom",
      "/search?q=queues",
      "/sources",
      "/feed.json",
      "/authors/a"
    };
    // the background indexer of `chorus serve` is a third writer
    threads.add(
        new Thread(
            () -> {
              while (!stop.get()) {
                try {
                  search.indexPending(SearchIndex.BATCH);
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                } catch (RuntimeException e) {
                  errors.add("indexer: " + e.getMessage());
                }
              }
            }));
    for (int t = 0; t < 4; t++) {
      int offset = t;
      threads.add(
          new Thread(
              () -> {
                for (int i = offset; !stop.get(); i++) {
                  String path = paths[i % paths.length];
                  try {
                    HttpResponse<String> r =
                        http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200 || r.body().contains("locked")) {
                      errors.add(
                          path
                              + ": "
                              + r.statusCode()
                              + " "
                              + r.body().substring(0, Math.min(200, r.body().length())));
                    }
                    store.page(null, null, 100);
                    otherSearch.search("backpressure", 20);
                    reads.incrementAndGet();
                  } catch (Exception e) {
                    errors.add(path + ": " + e);
                  }
                }
              }));
    }
    threads.forEach(Thread::start);
    started.await();
    Thread.sleep(5_000);
    stop.set(true);
    for (Thread t : threads) {
      t.join(30_000);
    }

    assertThat(errors).isEmpty();
    assertThat(writes.get()).isGreaterThan(5);
    System.out.printf(
        "concurrency: %d write rounds, %d read rounds in 5 s%n", writes.get(), reads.get());
    assertThat(reads.get()).isGreaterThan(3);
    assertThat(served.integrityCheck()).isEqualTo("ok");
    assertThat(other.integrityCheck()).isEqualTo("ok");
  }

  @Test
  void savesTheValidatorOnlyTogetherWithItsEntries() throws Exception {
    Database db = keep(Database.open(dir.resolve("chorus.db")));
    EntryStore store = new EntryStore(db, Clock.systemUTC());
    FaultyServer server = keep(new FaultyServer());
    Fetcher fetcher =
        keep(new Fetcher(new FetchPolicy(1 << 20, Duration.ofSeconds(5), 3, true, "test", 2, 8)));
    SourceRefresher refresher = keep(new SourceRefresher(fetcher, store, Clock.systemUTC()));
    SourceConfig s =
        new SourceConfig(
            "a",
            "A",
            server.url("/"),
            server.url("/feed"),
            List.of(),
            PollSettings.fixed(Duration.ofHours(1)),
            null,
            ContentMode.FULL,
            1);
    store.upsertSource("a", "A", s.url());
    List<String> conditional = new ArrayList<>();
    server.route(
        "/feed",
        r -> {
          conditional.add(String.valueOf(r.headers().get("if-none-match")));
          return "\"v1\"".equals(r.headers().get("if-none-match"))
              ? Reply.status(304, "ETag", "\"v1\"")
              : Reply.ok(
                      "application/rss+xml",
                      "<rss version=\"2.0\"><channel><title>t</title>"
                          + "<item><guid>1</guid><link>https://a.example/1</link><title>One</title></item></channel></rss>")
                  .with("ETag", "\"v1\"");
        });
    // the transaction fails at its very last statement, as a crash or a full disk would
    db.write(
        c -> {
          try (var st = c.createStatement()) {
            st.execute(
                "CREATE TEMP TRIGGER fail_last BEFORE INSERT ON fetches"
                    + " BEGIN SELECT RAISE(ABORT, 'simulated failure at commit'); END");
          }
          return null;
        });

    RefreshReport failed = refresher.refresh(s);

    assertThat(failed.error()).contains("database write failed").contains("simulated failure");
    assertThat(store.source("a").orElseThrow().etag()).isNull();
    assertThat(store.page(null, null, 10).entries()).isEmpty();
    db.write(
        c -> {
          try (var st = c.createStatement()) {
            st.execute("DROP TRIGGER fail_last");
          }
          return null;
        });
    RefreshReport next = refresher.refresh(s);
    assertThat(next.inserted()).isEqualTo(1);
    assertThat(conditional).containsExactly("null", "null");
    assertThat(store.source("a").orElseThrow().etag()).isEqualTo("\"v1\"");
    assertThat(refresher.refresh(s).outcome()).isEqualTo("not-modified");
  }

  @Test
  void rollsBackEverythingWhenAnEntryCannotBeWritten() {
    Database db = keep(Database.open(dir.resolve("chorus.db")));
    EntryStore store = new EntryStore(db, Clock.systemUTC());
    store.upsertSource("a", "A", "https://a.example/");
    store.saveSuccess("a", batch("a", 0, 3), ok("\"old\""));
    db.write(
        c -> {
          try (var st = c.createStatement()) {
            st.execute(
                "CREATE TEMP TRIGGER fail_third BEFORE INSERT ON entries WHEN new.key = 'g:a-1-2'"
                    + " BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
          }
          return null;
        });
    assertThatThrownBy(() -> store.saveSuccess("a", batch("a", 1, 5), ok("\"new\"")))
        .isInstanceOf(StoreException.class);
    assertThat(store.page(null, null, 100).entries()).hasSize(3);
    assertThat(store.source("a").orElseThrow().etag()).isEqualTo("\"old\"");
    assertThat(db.integrityCheck()).isEqualTo("ok");
  }

  @Test
  void explainsADatabaseFolderThatIsAFile() throws Exception {
    Path notADir = dir.resolve("data");
    java.nio.file.Files.writeString(notADir, "I am a file");
    assertThatThrownBy(() -> Database.open(notADir.resolve("chorus.db")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot open database")
        .hasMessageEndingWith(notADir + " is a file, not a folder");
  }

  @Test
  void explainsAFileThatIsNotADatabase() throws Exception {
    Path junk = dir.resolve("chorus.db");
    java.nio.file.Files.writeString(junk, "this is not sqlite ".repeat(100));
    assertThatThrownBy(() -> Database.open(junk))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "cannot open database " + junk + ": the database file is damaged or not a database");
  }
}
