package dev.chorus.refresh;

import static dev.chorus.refresh.Feeds.rss;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.FaultyServer;
import dev.chorus.FaultyServer.Reply;
import dev.chorus.MutableClock;
import dev.chorus.config.PollSettings;
import dev.chorus.config.SourceConfig;
import dev.chorus.config.SourceConfig.ContentMode;
import dev.chorus.fetch.FetchPolicy;
import dev.chorus.fetch.Fetcher;
import dev.chorus.store.Database;
import dev.chorus.store.EntryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The next poll a refresh books, from the source's posting rate, its feed hints and its settings.
 */
class SourceRefresherTest {
  private static final String RSS = "application/rss+xml";
  private static final PollSettings ADAPTIVE =
      new PollSettings(Duration.ofMinutes(30), Duration.ofHours(24), true);
  @TempDir Path dir;
  private FaultyServer server;
  private MutableClock clock;
  private Database db;
  private EntryStore store;
  private Fetcher fetcher;
  private SourceRefresher refresher;

  @BeforeEach
  void setUp() throws Exception {
    server = new FaultyServer();
    clock =
        new MutableClock(
            Instant.now().truncatedTo(ChronoUnit.SECONDS)); // feed dates have whole seconds
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

  private SourceConfig source(PollSettings poll) {
    SourceConfig s =
        new SourceConfig(
            "s",
            "Source",
            server.url("/"),
            server.url("/feed"),
            List.of(),
            poll,
            null,
            ContentMode.FULL,
            1);
    store.upsertSource(s.id(), s.name(), s.url());
    return s;
  }

  /** A feed of {@code count} posts, {@code gap} apart, the newest an hour old. */
  private String feed(int count, Duration gap) {
    List<Feeds.Item> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant at = clock.instant().minus(Duration.ofHours(1)).minus(gap.multipliedBy(i));
      String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
      items.add(
          new Feeds.Item("p" + i, "https://blog.example/" + i, "Post " + i, date, "About " + i));
    }
    return rss(items);
  }

  private Duration untilNextPoll() {
    return Duration.between(clock.instant(), store.source("s").orElseThrow().nextPollAt());
  }

  @Test
  void pollsADailyPosterAboutTwiceADayFromItsFirstRefresh() {
    SourceConfig s = source(ADAPTIVE);
    server.route("/feed", Reply.ok(RSS, feed(40, Duration.ofDays(1))));

    assertThat(refresher.refresh(s).outcome()).isEqualTo("ok");

    // 28 posts in the window, the oldest 27 days and an hour ago: 649 h / 56
    assertThat(untilNextPoll()).isBetween(Duration.ofHours(11), Duration.ofHours(12));
  }

  @Test
  void pollsABusySourceWhoseFeedShowsOnlyItsLastDaysByThoseDays() {
    SourceConfig s = source(ADAPTIVE);
    server.route("/feed", Reply.ok(RSS, feed(40, Duration.ofHours(6))));

    refresher.refresh(s);

    // 40 posts over the last 235 h, not over the whole four weeks (that would be 8.4 h)
    assertThat(untilNextPoll()).isEqualTo(Duration.ofHours(235).dividedBy(80));
  }

  @Test
  void pollsAWeeklyPosterOnceADay() {
    SourceConfig s = source(ADAPTIVE);
    server.route("/feed", Reply.ok(RSS, feed(10, Duration.ofDays(7))));

    refresher.refresh(s);

    assertThat(untilNextPoll()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void keepsThePostingRateAfterANotModified() {
    SourceConfig s = source(ADAPTIVE);
    String body = feed(40, Duration.ofDays(1));
    server.route(
        "/feed",
        r ->
            "\"v1\"".equals(r.headers().get("if-none-match"))
                ? Reply.status(304)
                : Reply.ok(RSS, body).with("ETag", "\"v1\""));
    refresher.refresh(s);
    clock.advance(Duration.ofHours(12));

    assertThat(refresher.refresh(s).outcome()).isEqualTo("not-modified");

    assertThat(untilNextPoll()).isBetween(Duration.ofHours(11), Duration.ofHours(12));
  }

  @Test
  void honoursAFeedTtlLongerThanThePostingRateAsks() {
    SourceConfig s = source(ADAPTIVE);
    String body =
        feed(40, Duration.ofDays(1))
            .replace("<description>d</description>", "<description>d</description><ttl>1080</ttl>");
    server.route("/feed", Reply.ok(RSS, body));

    refresher.refresh(s);

    assertThat(untilNextPoll()).isEqualTo(Duration.ofHours(18));
  }

  @Test
  void pollsEveryPollEveryWhenNotAdaptive() {
    SourceConfig s = source(PollSettings.fixed(Duration.ofMinutes(30)));
    server.route("/feed", Reply.ok(RSS, feed(10, Duration.ofDays(7))));

    refresher.refresh(s);

    assertThat(untilNextPoll()).isEqualTo(Duration.ofMinutes(30));
  }
}
