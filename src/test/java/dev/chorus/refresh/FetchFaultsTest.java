package dev.chorus.refresh;

import static dev.chorus.refresh.Feeds.item;
import static dev.chorus.refresh.Feeds.rss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.chorus.FaultyServer;
import dev.chorus.FaultyServer.Fault;
import dev.chorus.FaultyServer.Reply;
import dev.chorus.MutableClock;
import dev.chorus.clean.PlainText;
import dev.chorus.config.Config;
import dev.chorus.config.FetchSettings;
import dev.chorus.config.PollSettings;
import dev.chorus.config.SourceConfig;
import dev.chorus.config.SourceConfig.ContentMode;
import dev.chorus.fetch.FetchPolicy;
import dev.chorus.fetch.Fetcher;
import dev.chorus.model.SourceState;
import dev.chorus.schedule.PollScheduler;
import dev.chorus.store.Database;
import dev.chorus.store.EntryStore;
import dev.chorus.store.SearchIndex;
import dev.chorus.web.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetch faults seen through the refresher and the schedule: what is stored, when the next poll is,
 * and what the sources page says. (The fetcher's own reactions are proven in FetcherTest.)
 */
class FetchFaultsTest {
  private static final String RSS = "application/rss+xml";
  private static final Duration EVERY = Duration.ofMinutes(30);
  @TempDir Path dir;
  private FaultyServer server;
  private MutableClock clock;
  private Database db;
  private EntryStore store;
  private Fetcher fetcher;
  private SourceRefresher refresher;
  private final List<SourceConfig> sources = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    server = new FaultyServer();
    clock = new MutableClock();
    db = Database.open(dir.resolve("chorus.db"));
    store = new EntryStore(db, clock);
    fetcher =
        new Fetcher(new FetchPolicy(1 << 20, Duration.ofSeconds(2), 5, true, "chorus-test", 4, 32));
    refresher = new SourceRefresher(fetcher, store, clock);
  }

  @AfterEach
  void tearDown() {
    refresher.close();
    fetcher.close();
    db.close();
    server.close();
  }

  private SourceConfig source(String id, String feedPath) {
    return source(id, feedPath, EVERY);
  }

  private SourceConfig source(String id, String feedPath, Duration every) {
    SourceConfig s =
        new SourceConfig(
            id,
            "Source " + id,
            server.url("/" + id + "/"),
            server.url(feedPath),
            List.of(),
            PollSettings.fixed(every),
            null,
            ContentMode.FULL,
            1);
    store.upsertSource(s.id(), s.name(), s.url());
    sources.add(s);
    return s;
  }

  private SourceState state(String id) {
    return store.source(id).orElseThrow();
  }

  private int entries(String id) {
    return store.page(List.of(id), null, 1000).entries().size();
  }

  private Duration untilNextPoll(String id) {
    return Duration.between(clock.instant(), state(id).nextPollAt());
  }

  @Test
  void stopsPollingAndSaysSoWhenTheFeedIsGone() throws Exception {
    SourceConfig s = source("s", "/feed");
    server.route("/feed", Reply.ok(RSS, rss(item("1"), item("2"))));
    assertThat(refresher.refresh(s).outcome()).isEqualTo("ok");
    server.route("/feed", Reply.status(410));

    RefreshReport r = refresher.refresh(s);

    assertThat(r.outcome()).isEqualTo("gone");
    assertThat(r.error()).contains("410");
    assertThat(state("s").gone()).isTrue();
    assertThat(state("s").nextPollAt()).isNull();
    assertThat(entries("s")).isEqualTo(2);
    Element row = sourcesPage().selectFirst(".status-gone");
    assertThat(row).isNotNull();
    assertThat(row.text().toLowerCase(java.util.Locale.ROOT))
        .contains("gone", "http 410", "stopped (410 gone)");
  }

  @Test
  void neverPollsAGoneSourceAgainWhileOthersKeepBeingRetried() throws Exception {
    SourceConfig gone = source("gone", "/gone", Duration.ofSeconds(1));
    SourceConfig broken = source("broken", "/broken", Duration.ofSeconds(1));
    server.route("/gone", Reply.status(410));
    server.route("/broken", Reply.status(500));
    Config cfg = config();
    try (PollScheduler scheduler = new PollScheduler(refresher, cfg, clock, 2)) {
      scheduler.start();
      waitUntil(() -> server.hits("/gone") >= 1 && server.hits("/broken") >= 3, 20_000);
    }
    assertThat(server.hits("/gone")).isEqualTo(1);
    assertThat(state("gone").gone()).isTrue();
    // a restart does not bring it back either
    int brokenBefore = server.hits("/broken");
    try (PollScheduler scheduler = new PollScheduler(refresher, cfg, clock, 2)) {
      scheduler.start();
      waitUntil(() -> server.hits("/broken") > brokenBefore, 20_000);
    }
    assertThat(server.hits("/gone")).isEqualTo(1);
    assertThat(gone.id()).isNotEqualTo(broken.id());
  }

  @Test
  void remembersAPermanentRedirectOnlyOnceTheNewAddressServesAFeed() {
    SourceConfig s = source("s", "/old");
    server.route("/old", Reply.ok(RSS, rss(item("1"))));
    refresher.refresh(s);
    // the new address answers junk: the old one stays in use
    server.route("/old", Reply.status(301, "Location", "/junk"));
    server.route("/junk", Reply.ok("text/html", "<html><body>Parked domain</body></html>"));
    RefreshReport junk = refresher.refresh(s);
    assertThat(junk.error()).contains("expected a feed");
    assertThat(state("s").feedUrl()).isEqualTo(server.url("/old"));
    assertThat(entries("s")).isEqualTo(1);
    // the new address serves a feed: it is remembered and used from then on
    server.route("/old", Reply.status(301, "Location", "/new"));
    server.route("/new", Reply.ok(RSS, rss(item("1"), item("2"))));
    assertThat(refresher.refresh(s).outcome()).isEqualTo("ok");
    assertThat(state("s").feedUrl()).isEqualTo(server.url("/new"));
    int oldHits = server.hits("/old");
    refresher.refresh(s);
    assertThat(server.hits("/old")).isEqualTo(oldHits);
    assertThat(server.hits("/new")).isEqualTo(2);
    assertThat(entries("s")).isEqualTo(2);
  }

  @Test
  void keepsPollingTheOldAddressAfterATemporaryRedirect() {
    SourceConfig s = source("s", "/feed");
    server.route("/feed", Reply.status(302, "Location", "/elsewhere"));
    server.route("/elsewhere", Reply.ok(RSS, rss(item("1"))));
    assertThat(refresher.refresh(s).outcome()).isEqualTo("ok");
    assertThat(state("s").feedUrl()).isEqualTo(server.url("/feed"));
    refresher.refresh(s);
    assertThat(server.hits("/feed")).isEqualTo(2);
  }

  @Test
  void backsOffLongerAfterEachFailureKeepsEntriesAndRecoversOnSuccess() {
    SourceConfig s = source("s", "/feed");
    server.route("/feed", Reply.ok(RSS, rss(item("1"), item("2"))));
    refresher.refresh(s);
    assertThat(untilNextPoll("s")).isEqualTo(EVERY);

    List<Duration> waits = new ArrayList<>();
    for (int status : new int[] {404, 500, 500, 502}) {
      server.route("/feed", Reply.status(status));
      RefreshReport r = refresher.refresh(s);
      assertThat(r.outcome()).isEqualTo("error");
      assertThat(r.error()).contains("HTTP " + status);
      waits.add(untilNextPoll("s"));
    }

    assertThat(waits)
        .containsExactly(
            EVERY, EVERY.multipliedBy(2), EVERY.multipliedBy(4), EVERY.multipliedBy(8));
    assertThat(state("s").consecutiveFailures()).isEqualTo(4);
    assertThat(entries("s")).isEqualTo(2);
    server.route("/feed", Reply.ok(RSS, rss(item("1"), item("2"), item("3"))));
    assertThat(refresher.refresh(s).inserted()).isEqualTo(1);
    assertThat(state("s").consecutiveFailures()).isZero();
    assertThat(untilNextPoll("s")).isEqualTo(EVERY);
  }

  @Test
  void capsTheBackOffAtADay() {
    SourceConfig s = source("s", "/feed", Duration.ofHours(6));
    server.route("/feed", Reply.status(500));
    for (int i = 0; i < 10; i++) {
      refresher.refresh(s);
    }
    assertThat(untilNextPoll("s")).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void honoursRetryAfterOn429And503WithinBounds() {
    SourceConfig s = source("s", "/feed");
    Instant realNow = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    clock.set(realNow);

    server.route("/feed", Reply.status(429, "Retry-After", "7200"));
    refresher.refresh(s);
    assertThat(untilNextPoll("s").toSeconds()).isCloseTo(7200, within(30L));

    server.route("/feed", Reply.status(503, "Retry-After", "999999999"));
    refresher.refresh(s);
    assertThat(untilNextPoll("s").toSeconds())
        .isCloseTo(Duration.ofHours(24).toSeconds(), within(30L));

    String inThreeHours =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            realNow.plus(Duration.ofHours(3)).atOffset(ZoneOffset.UTC));
    server.route("/feed", Reply.status(503, "Retry-After", inThreeHours));
    refresher.refresh(s);
    assertThat(untilNextPoll("s").toSeconds())
        .isCloseTo(Duration.ofHours(3).toSeconds(), within(30L));

    // a Retry-After shorter than the back-off does not shorten it; garbage is ignored
    server.route("/feed", Reply.status(429, "Retry-After", "5"));
    RefreshReport r = refresher.refresh(s);
    assertThat(r.error()).contains("429");
    assertThat(untilNextPoll("s")).isEqualTo(EVERY.multipliedBy(8));
    server.route("/feed", Reply.status(429, "Retry-After", "soon, maybe"));
    refresher.refresh(s);
    assertThat(untilNextPoll("s")).isEqualTo(EVERY.multipliedBy(16));
  }

  @Test
  void reportsAnHtmlPageWhereAFeedWasExpected() {
    SourceConfig s = source("s", "/feed");
    server.route("/feed", Reply.ok(RSS, rss(item("1"))));
    refresher.refresh(s);
    server.route(
        "/feed",
        Reply.ok(
            "text/html; charset=utf-8",
            "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>"));
    RefreshReport r = refresher.refresh(s);
    assertThat(r.error())
        .isEqualTo("expected a feed at " + server.url("/feed") + " but got an HTML page");
    assertThat(entries("s")).isEqualTo(1);
  }

  @Test
  void reportsATruncatedFeedAndKeepsEntriesAndValidators() {
    SourceConfig s = source("s", "/feed");
    String full = rss(item("1"), item("2"), item("3"));
    server.route("/feed", Reply.ok(RSS, full).with("ETag", "\"v1\""));
    refresher.refresh(s);
    server.route(
        "/feed", Reply.ok(RSS, full.substring(0, full.length() * 2 / 3)).with("ETag", "\"v2\""));

    RefreshReport r = refresher.refresh(s);

    assertThat(r.outcome()).isEqualTo("error");
    assertThat(r.error()).startsWith("XML error at line");
    assertThat(state("s").etag()).isEqualTo("\"v1\"");
    assertThat(entries("s")).isEqualTo(3);
  }

  @Test
  void readsAFeedServedWithTheWrongContentType() {
    String[] types = {
      "text/plain", "application/octet-stream", "text/html; charset=utf-8", null, "image/png"
    };
    for (int i = 0; i < types.length; i++) {
      SourceConfig s = source("s" + i, "/feed" + i);
      server.route("/feed" + i, Reply.ok(types[i], rss(item("a" + i), item("b" + i))));
      RefreshReport r = refresher.refresh(s);
      assertThat(r.error()).as(String.valueOf(types[i])).isNull();
      assertThat(r.inserted()).isEqualTo(2);
    }
  }

  @Test
  void reportsAConnectionResetOrCloseMidBodyAndKeepsEntries() {
    SourceConfig s = source("s", "/feed");
    String body = rss(item("1"), item("2")) + "<!--" + "x".repeat(20_000) + "-->";
    server.route("/feed", Reply.ok(RSS, body));
    refresher.refresh(s);
    for (Fault f : new Fault[] {Fault.RESET_MID_BODY, Fault.CLOSE_MID_BODY}) {
      server.route(
          "/feed", Reply.ok(RSS, rss(item("3")) + "<!--" + "y".repeat(20_000) + "-->").with(f));
      RefreshReport r = refresher.refresh(s);
      assertThat(r.outcome()).as(f.name()).isEqualTo("error");
      assertThat(r.error()).as(f.name()).contains("network error for " + server.url("/feed"));
      assertThat(entries("s")).isEqualTo(2);
    }
  }

  @Test
  void reportsAnEmptyBodyAndAServerThatNeverAnswers() {
    SourceConfig empty = source("empty", "/empty");
    server.route("/empty", Reply.ok(RSS, ""));
    assertThat(refresher.refresh(empty).error())
        .isEqualTo("expected a feed at " + server.url("/empty") + " but the response was empty");
    SourceConfig hang = source("hang", "/hang");
    server.route("/hang", Reply.ok(RSS, rss(item("1"))).with(Fault.HANG));
    long t0 = System.nanoTime();
    RefreshReport r = refresher.refresh(hang);
    assertThat(r.error()).isEqualTo("timed out after 2 s for " + server.url("/hang"));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void showsAShortPlainReasonForEveryFailingSource() throws Exception {
    String[][] faults = {
      {"gone", "410"},
      {"missing", "404"},
      {"broken", "500"},
      {"limited", "429"},
      {"html", "html"},
      {"truncated", "truncated"},
      {"reset", "reset"},
      {"empty", "empty"},
      {"junk", "junk"},
      {"json", "json"},
      {"refused", "refused"},
      {"badscheme", "badscheme"},
      {"doctype", "doctype"}
    };
    for (String[] f : faults) {
      String path = "/" + f[0] + ".xml";
      switch (f[1]) {
        case "html" ->
            server.route(path, Reply.ok("text/html", "<html><body>Sign in</body></html>"));
        case "truncated" -> server.route(path, Reply.ok(RSS, rss(item("1")).substring(0, 150)));
        case "reset" ->
            server.route(
                path, Reply.ok(RSS, rss(item("1")) + " ".repeat(5000)).with(Fault.RESET_MID_BODY));
        case "empty" -> server.route(path, Reply.ok(RSS, ""));
        case "junk" ->
            server.route(path, Reply.ok(RSS, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3}));
        case "json" ->
            server.route(
                path,
                Reply.ok(
                    "application/feed+json",
                    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"id\":"));
        case "doctype" ->
            server.route(
                path,
                Reply.ok(
                    RSS,
                    "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>&x;</title></channel></rss>"));
        case "refused", "badscheme" -> {}
        default -> server.route(path, Reply.status(Integer.parseInt(f[1])));
      }
      SourceConfig s = source(f[0], path);
      if (f[1].equals("refused")) {
        s =
            new SourceConfig(
                s.id(),
                s.name(),
                s.url(),
                "http://127.0.0.1:1/feed.xml",
                List.of(),
                PollSettings.fixed(EVERY),
                null,
                ContentMode.FULL,
                1);
        sources.set(sources.size() - 1, s);
      }
      if (f[1].equals("badscheme")) {
        s =
            new SourceConfig(
                s.id(),
                s.name(),
                s.url(),
                "ftp://127.0.0.1/feed.xml",
                List.of(),
                PollSettings.fixed(EVERY),
                null,
                ContentMode.FULL,
                1);
        sources.set(sources.size() - 1, s);
      }
      assertThat(refresher.refresh(s).failed()).as(f[0]).isTrue();
    }

    Document page = sourcesPage();

    for (String[] f : faults) {
      Element row =
          page.select("[class*=status-]").stream()
              .filter(el -> el.selectFirst("a[href=/authors/" + f[0] + "]") != null)
              .findFirst()
              .orElseThrow();
      Element error = row.selectFirst(".error");
      assertThat(error).as(f[0]).isNotNull();
      String text = error.text();
      assertThat(text.length()).as(f[0] + ": " + text).isBetween(10, 250);
      assertThat(text)
          .as(f[0])
          .doesNotContain("Exception", "java.", "javax.", "org.", "\tat ", "null", "Caused by");
    }
  }

  private Config config() {
    return new Config(
        dir.resolve("feeds.yml"),
        "Test",
        dir.resolve("chorus.db"),
        PollSettings.fixed(EVERY),
        FetchSettings.defaults(),
        sources);
  }

  private Document sourcesPage() throws Exception {
    Config cfg = config();
    try (WebServer web =
        new WebServer(
            store, new SearchIndex(db, PlainText::ofSanitized), () -> cfg, () -> null, clock)) {
      int port = web.start("127.0.0.1", 0);
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sources"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      return Jsoup.parse(r.body());
    }
  }

  static void waitUntil(java.util.function.BooleanSupplier condition, long maxMillis)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + maxMillis;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not met within " + maxMillis + " ms");
      }
      Thread.sleep(50);
    }
  }
}
