package dev.chorus.refresh;

import static dev.chorus.refresh.Feeds.item;
import static dev.chorus.refresh.Feeds.rss;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.chorus.FaultyServer;
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
import dev.chorus.model.StoredEntry;
import dev.chorus.refresh.Feeds.Item;
import dev.chorus.store.Database;
import dev.chorus.store.EntryStore;
import dev.chorus.store.SearchIndex;
import dev.chorus.web.WebServer;
import java.io.StringReader;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feeds that are valid XML but say odd things about their posts: identities, dates, sizes. */
class DataFaultsTest {
  private static final String RSS = "application/rss+xml";
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
        new Fetcher(
            new FetchPolicy(16 << 20, Duration.ofSeconds(10), 5, true, "chorus-test", 4, 32));
    refresher = new SourceRefresher(fetcher, store, clock);
  }

  @AfterEach
  void tearDown() {
    refresher.close();
    fetcher.close();
    db.close();
    server.close();
  }

  private SourceConfig source(String id) {
    SourceConfig s =
        new SourceConfig(
            id,
            "Source " + id,
            "https://blog.example/",
            server.url("/" + id + ".xml"),
            List.of(),
            PollSettings.fixed(Duration.ofMinutes(30)),
            null,
            ContentMode.FULL,
            1);
    store.upsertSource(s.id(), s.name(), s.url());
    sources.add(s);
    return s;
  }

  private RefreshReport poll(SourceConfig s, String feed) {
    server.route("/" + s.id() + ".xml", Reply.ok(RSS, feed));
    RefreshReport r = refresher.refresh(s);
    assertThat(r.error()).as("refresh of " + s.id()).isNull();
    return r;
  }

  private List<StoredEntry> entries(String id) {
    return store.page(List.of(id), null, 100_000).entries();
  }

  private List<String> titles(String id) {
    return entries(id).stream().map(StoredEntry::title).toList();
  }

  private static Item linked(String guid, String link, String title) {
    return new Item(guid, link, title, "Mon, 02 Sep 2024 10:00:00 GMT", "About " + title);
  }

  @Test
  void keepsDistinctPostsThatShareOneGuid() {
    SourceConfig s = source("s");
    String feed =
        rss(
            linked("1", "https://blog.example/a", "A"),
            linked("1", "https://blog.example/b", "B"),
            linked("1", "https://blog.example/c", "C"));
    assertThat(poll(s, feed).inserted()).isEqualTo(3);
    RefreshReport again = poll(s, feed);
    assertThat(again.inserted() + again.updated()).isZero();
    assertThat(titles("s")).containsExactlyInAnyOrder("A", "B", "C");
  }

  @Test
  void keepsDistinctPostsThatShareOneLink() {
    SourceConfig s = source("s");
    String home = "https://blog.example/";
    poll(s, rss(linked("g3", home, "Three"), linked("g2", home, "Two"), linked("g1", home, "One")));
    assertThat(titles("s")).containsExactlyInAnyOrder("One", "Two", "Three");
    // a rolling window: the oldest post leaves the feed as a new one arrives
    RefreshReport r =
        poll(
            s,
            rss(
                linked("g4", home, "Four"),
                linked("g3", home, "Three"),
                linked("g2", home, "Two")));
    assertThat(r.inserted()).isEqualTo(1);
    assertThat(r.updated()).isZero();
    assertThat(titles("s")).containsExactlyInAnyOrder("One", "Two", "Three", "Four");
    // and when the window is a single post
    poll(s, rss(linked("g5", home, "Five")));
    assertThat(titles("s")).containsExactlyInAnyOrder("One", "Two", "Three", "Four", "Five");
  }

  @Test
  void identifiesPostsWithoutGuidsByTheirLink() {
    SourceConfig s = source("s");
    poll(
        s,
        rss(
            linked(null, "https://blog.example/a", "A"),
            linked(null, "https://blog.example/b", "B")));
    RefreshReport r =
        poll(
            s,
            rss(
                linked(null, "https://blog.example/b", "B, edited"),
                linked(null, "https://blog.example/a", "A")));
    assertThat(r.inserted()).isZero();
    assertThat(r.updated()).isEqualTo(1);
    assertThat(titles("s")).containsExactlyInAnyOrder("A", "B, edited");
  }

  @Test
  void followsAPostWhoseGuidChangesWhileItsLinkStays() {
    SourceConfig s = source("s");
    poll(
        s,
        rss(
            linked("http://blog.example/?p=1", "https://blog.example/a", "A"),
            linked("http://blog.example/?p=2", "https://blog.example/b", "B")));
    RefreshReport r =
        poll(
            s,
            rss(
                linked("https://blog.example/a", "https://blog.example/a", "A"),
                linked("tag:blog.example,2024:b", "https://blog.example/b", "B")));
    assertThat(r.inserted()).isZero();
    assertThat(titles("s")).containsExactlyInAnyOrder("A", "B");
  }

  @Test
  void keepsPostsWithNeitherGuidNorLink() {
    SourceConfig s = source("s");
    String feed =
        rss(
            new Item(null, null, "A note", null, "Just a thought."),
            new Item(null, null, null, null, "A status update with no title."));
    assertThat(poll(s, feed).inserted()).isEqualTo(2);
    assertThat(poll(s, feed).inserted()).isZero();
    assertThat(entries("s"))
        .extracting(StoredEntry::displayTitle)
        .containsExactlyInAnyOrder("A note", "A status update with no title.");
  }

  @Test
  void givesPostsWithoutTitleOrLinkAUsableFaceInEveryOutput() throws Exception {
    SourceConfig s = source("s");
    poll(
        s,
        rss(
            new Item("t1", null, null, "Mon, 02 Sep 2024 10:00:00 GMT", "Only a body here."),
            new Item("t2", "javascript:alert(1)", "  ", "Mon, 02 Sep 2024 11:00:00 GMT", null)));
    assertThat(entries("s")).hasSize(2).allSatisfy(e -> assertThat(e.url()).isNull());
    Outputs out = outputs();
    for (var e : out.atom.getEntries()) {
      assertThat(e.getTitle()).isNotBlank();
      assertThat(e.getLink()).startsWith("http://");
    }
    out.json.get("items").forEach(i -> assertThat(i.get("url").asText()).contains("/entries/"));
    assertThat(out.home).doesNotContain("javascript:");
  }

  @Test
  void clampsAndFlagsDatesThatCannotBeRightAndKeepsOrderingSane() throws Exception {
    SourceConfig s = source("s");
    Instant now = clock.instant();
    String yesterday = rfc822(now.minus(Duration.ofDays(1)));
    poll(
        s,
        rss(
            new Item(
                "future",
                "https://blog.example/future",
                "Future",
                "Fri, 01 Jan 2100 00:00:00 GMT",
                "x"),
            new Item(
                "far",
                "https://blog.example/far",
                "Far future",
                "Sun, 31 Dec 9999 23:59:59 -9999",
                "x"),
            new Item(
                "y10k", "https://blog.example/y10k", "Year 10000", "10000-01-01T00:00:00Z", "x"),
            new Item(
                "old",
                "https://blog.example/old",
                "Before 1970",
                "Wed, 31 Dec 1969 23:00:00 GMT",
                "x"),
            new Item(
                "ancient", "https://blog.example/ancient", "Ancient", "0001-01-01T00:00:00Z", "x"),
            new Item(
                "junk", "https://blog.example/junk", "Junk date", "the day after tomorrow", "x"),
            new Item("zero", "https://blog.example/zero", "Zero date", "0000-00-00 00:00:00", "x"),
            new Item("real", "https://blog.example/real", "Yesterday", yesterday, "x")));
    Map<String, String> flags = flags();
    assertThat(flags)
        .containsEntry("Future", "future")
        .containsEntry("Before 1970", "before-1970")
        .containsEntry("Ancient", "before-1970")
        .containsEntry("Junk date", "undated")
        .containsEntry("Yesterday", null);
    for (StoredEntry e : entries("s")) {
      assertThat(e.sortAt()).as(e.title()).isBetween(Instant.EPOCH, now.plus(Duration.ofDays(1)));
    }
    // a post published after the first poll still goes above the future-dated one
    clock.advance(Duration.ofHours(2));
    poll(
        s,
        rss(
            new Item(
                "new",
                "https://blog.example/new",
                "Newer",
                rfc822(clock.instant().minus(Duration.ofMinutes(5))),
                "x"),
            new Item(
                "future",
                "https://blog.example/future",
                "Future",
                "Fri, 01 Jan 2100 00:00:00 GMT",
                "x")));
    assertThat(titles("s").get(0)).isEqualTo("Newer");
    assertThat(titles("s").indexOf("Yesterday")).isGreaterThan(titles("s").indexOf("Future"));
    Outputs out = outputs();
    assertThat(out.atom.getEntries()).hasSize(9);
    assertThat(out.rss.getEntries()).hasSize(9);
    assertThat(out.json.get("items")).hasSize(9);
  }

  @Test
  void capsGiantEntriesAndGiantFeeds() {
    SourceConfig s = source("s");
    String huge = "<p>" + "word ".repeat(600_000) + "</p>";
    String longTitle = "T".repeat(100_000);
    Item big =
        new Item(
            "big", "https://blog.example/big", longTitle, "Mon, 02 Sep 2024 10:00:00 GMT", huge);
    List<Item> many = new ArrayList<>();
    many.add(big);
    for (int i = 0; i < 5_000; i++) {
      many.add(item("n" + i));
    }
    long t0 = System.nanoTime();
    RefreshReport r = poll(s, rss(many));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
    assertThat(r.inserted()).isPositive();
    StoredEntry stored =
        entries("s").stream()
            .filter(e -> "big".equals(e.key().substring(2)))
            .findFirst()
            .orElseThrow();
    assertThat(stored.title().length()).isLessThanOrEqualTo(300);
    assertThat(stored.summary().length()).isLessThanOrEqualTo(600);
    assertThat(stored.content().length()).isLessThanOrEqualTo(600 * 1024);
    assertThat(stored.content()).endsWith("</p>");
  }

  @Test
  void keepsOldEntriesWhenTheFeedDropsThem() {
    SourceConfig s = source("s");
    List<Item> first = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      first.add(item(String.valueOf(i)));
    }
    poll(s, rss(first));
    poll(s, rss(first.subList(5, 10)));
    List<Item> next = new ArrayList<>(first.subList(7, 10));
    next.add(item("11"));
    poll(s, rss(next));
    poll(s, rss(List.of()));
    assertThat(entries("s")).hasSize(11);
    assertThat(store.source("s").orElseThrow().entryCount()).isEqualTo(11);
  }

  @Test
  void storesTheSamePostUnderEachSourceThatCarriesIt() throws Exception {
    SourceConfig a = source("a");
    SourceConfig b = source("b");
    String feed = rss(item("shared"));
    poll(a, feed);
    poll(b, feed);
    assertThat(entries("a")).hasSize(1);
    assertThat(entries("b")).hasSize(1);
    Outputs out = outputs();
    assertThat(out.atom.getEntries()).hasSize(2);
    assertThat(out.atom.getEntries().get(0).getUri())
        .isNotEqualTo(out.atom.getEntries().get(1).getUri());
  }

  private Map<String, String> flags() {
    return db.read(
        c -> {
          Map<String, String> m = new HashMap<>();
          try (var st = c.createStatement();
              var rs = st.executeQuery("SELECT title, date_flag FROM entries")) {
            while (rs.next()) {
              m.put(rs.getString(1), rs.getString(2));
            }
          }
          return m;
        });
  }

  private static String rfc822(Instant at) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
  }

  /** The merged outputs, parsed back. */
  record Outputs(SyndFeed atom, SyndFeed rss, JsonNode json, JsonNode api, String home) {}

  private Outputs outputs() throws Exception {
    Config cfg =
        new Config(
            dir.resolve("feeds.yml"),
            "Test",
            dir.resolve("chorus.db"),
            PollSettings.fixed(Duration.ofMinutes(30)),
            FetchSettings.defaults(),
            sources);
    try (WebServer web =
        new WebServer(
            store, new SearchIndex(db, PlainText::ofSanitized), () -> cfg, () -> null, clock)) {
      int port = web.start("127.0.0.1", 0);
      HttpClient http = HttpClient.newHttpClient();
      Map<String, String> bodies = new HashMap<>();
      for (String path :
          List.of("/feed.atom", "/feed.rss", "/feed.json", "/api/entries?limit=200", "/")) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        bodies.put(path, r.body());
      }
      ObjectMapper json = new ObjectMapper();
      return new Outputs(
          new SyndFeedInput().build(new StringReader(bodies.get("/feed.atom"))),
          new SyndFeedInput().build(new StringReader(bodies.get("/feed.rss"))),
          json.readTree(bodies.get("/feed.json")),
          json.readTree(bodies.get("/api/entries?limit=200")),
          bodies.get("/"));
    }
  }
}
