package dev.chorus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.MutableClock;
import dev.chorus.model.FuzzyDate;
import dev.chorus.model.ParsedEntry;
import dev.chorus.model.RecentPosts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntryStoreTest {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  @TempDir Path dir;
  private Database db;
  private EntryStore store;

  @BeforeEach
  void open() {
    db = Database.open(dir.resolve("t.db"));
    store = new EntryStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
    store.upsertSource("a", "Author A", "https://a.example/", null);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static NewEntry entry(String guid, String url, String title, FuzzyDate date) {
    ParsedEntry e =
        new ParsedEntry(guid, url, title, null, date, null, "summary of " + title, null);
    return new NewEntry(guid != null ? "g:" + guid : "u:" + url, url, e);
  }

  private static FetchOutcome ok(String etag) {
    return new FetchOutcome(
        NOW, 5, "feed", "https://a.example/feed", etag, null, 200, NOW.plusSeconds(1800), false);
  }

  @Test
  void storesNewEntriesAndLeavesUnchangedOnesUntouched() {
    var first = List.of(entry("1", "https://a.example/1", "One", FuzzyDate.ofDay(2026, 1, 2)));
    assertThat(store.saveSuccess("a", first, ok("e1"))).isEqualTo(new SaveResult(1, 0, 0));
    assertThat(store.saveSuccess("a", first, ok("e1"))).isEqualTo(new SaveResult(0, 0, 1));
    var changed =
        List.of(entry("1", "https://a.example/1", "One, edited", FuzzyDate.ofDay(2026, 1, 2)));
    assertThat(store.saveSuccess("a", changed, ok("e2"))).isEqualTo(new SaveResult(0, 1, 0));
    assertThat(store.source("a").orElseThrow().etag()).isEqualTo("e2");
    assertThat(store.page(null, null, 10).entries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.title()).isEqualTo("One, edited");
              assertThat(e.published()).isEqualTo("2026-01-02");
            });
  }

  @Test
  void entriesFingerprintedBeforeTheCurrentFormatStayUnchangedAndAreRefingerprinted() {
    var first = List.of(entry("1", "https://a.example/1", "One", FuzzyDate.ofDay(2026, 1, 2)));
    store.saveSuccess("a", first, ok("e1"));
    String legacy = EntryHash.legacy(first.get(0).entry());
    db.write(
        c -> {
          try (var p = c.prepareStatement("UPDATE entries SET hash = ?")) {
            p.setString(1, legacy);
            return p.executeUpdate();
          }
        });
    assertThat(store.saveSuccess("a", first, ok("e1"))).isEqualTo(new SaveResult(0, 0, 1));
    String stored =
        db.read(
            c -> {
              try (var s = c.createStatement();
                  var rs = s.executeQuery("SELECT hash FROM entries")) {
                rs.next();
                return rs.getString(1);
              }
            });
    assertThat(stored).isEqualTo(EntryHash.of(first.get(0).entry()));
    assertThat(store.saveSuccess("a", first, ok("e1"))).isEqualTo(new SaveResult(0, 0, 1));
  }

  @Test
  void summaryAndContentAreStoredAsTheTextTheyWere() {
    String content =
        "<p>Caf\u00e9 \u2014 \u65e5\u672c \ud83c\udf89 and a lone \ud800 surrogate</p>";
    ParsedEntry rich =
        new ParsedEntry("r", "https://a.example/r", "R", null, null, null, "Cr\u00e8me", content);
    ParsedEntry bare =
        new ParsedEntry("b", "https://a.example/b", "B", null, null, null, null, null);
    store.saveSuccess(
        "a",
        List.of(new NewEntry("g:r", "https://a.example/r", rich), new NewEntry("g:b", null, bare)),
        ok(null));
    // updated in place too: a changed content goes through the UPDATE
    ParsedEntry changed =
        new ParsedEntry(
            "r", "https://a.example/r", "R", null, null, null, "\u00e9t\u00e9", "<p>\u00e9</p>");
    store.saveSuccess("a", List.of(new NewEntry("g:r", "https://a.example/r", changed)), ok(null));
    List<String> rows =
        db.read(
            c -> {
              try (var s = c.createStatement();
                  var rs =
                      s.executeQuery(
                          "SELECT key, typeof(summary), typeof(content), summary, content,"
                              + " length(content) FROM entries ORDER BY key")) {
                List<String> out = new java.util.ArrayList<>();
                while (rs.next()) {
                  out.add(
                      String.join(
                          "|",
                          rs.getString(1),
                          rs.getString(2),
                          rs.getString(3),
                          rs.getString(4),
                          rs.getString(5),
                          rs.getString(6)));
                }
                return out;
              }
            });
    // length() counts characters: text, not bytes
    assertThat(rows)
        .containsExactly(
            "g:b|null|null|null|null|null", "g:r|text|text|\u00e9t\u00e9|<p>\u00e9</p>|8");
    assertThat(
            store.saveSuccess("a", List.of(new NewEntry("g:x", null, rich)), ok(null)).inserted())
        .isEqualTo(1);
    String stored =
        db.read(
            c -> {
              try (var s = c.createStatement();
                  var rs = s.executeQuery("SELECT content FROM entries WHERE key = 'g:x'")) {
                rs.next();
                return rs.getString(1);
              }
            });
    // an unpaired surrogate becomes '?', as the driver made of strings
    assertThat(stored).isEqualTo(content.replace("\ud800", "?"));
  }

  @Test
  void keepsOldEntriesWhenFeedIsTruncatedOrFails() {
    store.saveSuccess(
        "a",
        List.of(
            entry("1", "https://a.example/1", "One", null),
            entry("2", "https://a.example/2", "Two", null)),
        ok(null));
    store.saveSuccess("a", List.of(), ok(null));
    store.saveFailure("a", ok(null), "HTTP 500", false);
    assertThat(store.page(null, null, 10).entries()).hasSize(2);
    assertThat(store.source("a").orElseThrow().consecutiveFailures()).isEqualTo(1);
    assertThat(store.source("a").orElseThrow().lastError()).isEqualTo("HTTP 500");
  }

  @Test
  void followsAPostWhoseGuidChangedWhileTheLinkStayed() {
    store.saveSuccess("a", List.of(entry("old", "https://a.example/p", "P", null)), ok(null));
    store.saveSuccess("a", List.of(entry("new", "https://a.example/p", "P", null)), ok(null));
    assertThat(store.page(null, null, 10).entries()).hasSize(1);
  }

  @Test
  void ordersNewestFirstWithUndatedByFirstSeenAndClampsFutureDates() {
    store.saveSuccess(
        "a",
        List.of(
            entry("old", "https://a.example/old", "Old", FuzzyDate.ofDay(2020, 1, 1)),
            entry("future", "https://a.example/f", "Future", FuzzyDate.ofDay(2099, 1, 1)),
            entry("undated", "https://a.example/u", "Undated", null),
            entry("mid", "https://a.example/m", "Mid", FuzzyDate.ofMonth(2025, 6))),
        ok(null));
    var titles = store.page(null, null, 10).entries().stream().map(e -> e.title()).toList();
    assertThat(titles.indexOf("Mid")).isLessThan(titles.indexOf("Old"));
    assertThat(titles.get(titles.size() - 1)).isEqualTo("Old");
    assertThat(
            store.page(null, null, 10).entries().stream()
                .filter(e -> e.title().equals("Future"))
                .findFirst()
                .orElseThrow()
                .sortAt())
        .isEqualTo(NOW);
  }

  @Test
  void pagesWithAStableCursor() {
    for (int i = 0; i < 25; i++) {
      store.saveSuccess(
          "a",
          List.of(
              entry("g" + i, "https://a.example/" + i, "T" + i, FuzzyDate.ofDay(2025, 1, 1 + i))),
          ok(null));
    }
    EntryPage p1 = store.page(null, null, 10);
    assertThat(p1.entries()).hasSize(10);
    store.saveSuccess(
        "a",
        List.of(entry("newest", "https://a.example/n", "N", FuzzyDate.ofDay(2025, 12, 1))),
        ok(null));
    EntryPage p2 = store.page(null, Cursor.parse(p1.next()), 10);
    assertThat(p2.entries().get(0).title()).isEqualTo("T14");
    EntryPage p3 = store.page(null, Cursor.parse(p2.next()), 10);
    assertThat(p3.entries()).hasSize(5);
    assertThat(p3.next()).isNull();
  }

  @Test
  void rejectsForgedCursors() {
    assertThatThrownBy(() -> Cursor.parse("%%%")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cursor.parse("bm90IGEgY3Vyc29y"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Cursor.parse(new Cursor(5, 7).token())).isEqualTo(new Cursor(5, 7));
  }

  @Test
  void keepsOnlyTheRecentFetchHistoryOfASource() throws Exception {
    for (int i = 0; i < EntryStore.FETCHES_KEPT + 30; i++) {
      store.saveNotModified("a", ok(null));
    }
    store.saveFailure("a", ok(null), "timed out", false);
    long kept =
        db.read(
            c -> {
              try (var s = c.createStatement();
                  var rs =
                      s.executeQuery(
                          "SELECT count(*), sum(outcome = 'error') FROM fetches WHERE source_id = 'a'")) {
                rs.next();
                assertThat(rs.getLong(2)).isEqualTo(1); // the newest one stays
                return rs.getLong(1);
              }
            });
    // pruned every PRUNE_EVERY writes, so a few more than FETCHES_KEPT may wait for the next one
    assertThat(kept)
        .isBetween(
            (long) EntryStore.FETCHES_KEPT, EntryStore.FETCHES_KEPT + EntryStore.PRUNE_EVERY - 1L);
  }

  @Test
  void changesTheDataVersionOnEveryRefresh() {
    long v0 = store.dataVersion();
    store.saveNotModified("a", ok(null));
    assertThat(store.dataVersion()).isNotEqualTo(v0);
  }

  @Test
  void reopensAMigratedDatabase() {
    db.close();
    db = Database.open(dir.resolve("t.db"));
    assertThat(db.integrityCheck()).isEqualTo("ok");
  }

  @Test
  void forgetsWhatItLearntWhenTheSourceMoves() {
    store.saveSuccess("a", List.of(), ok("e1"));
    store.upsertSource("a", "Author A", "https://a.example/", null);
    assertThat(store.source("a").orElseThrow().etag()).isEqualTo("e1");
    store.upsertSource("a", "Author A", "https://a.example/", "https://a.example/new.xml");
    assertThat(store.source("a").orElseThrow().etag()).isNull();
    assertThat(store.source("a").orElseThrow().feedUrl()).isNull();
  }

  // ---- posting rate ----

  private static NewEntry dated(String guid, Instant at) {
    return entry(guid, "https://a.example/" + guid, guid, FuzzyDate.ofInstant(at));
  }

  private static NewEntry undated(String guid) {
    return entry(guid, "https://a.example/" + guid, guid, null);
  }

  @Test
  void countsASourcesDatedPostsSinceTheGivenTime() {
    store.upsertSource("b", "Author B", "https://b.example/", null);
    store.saveSuccess(
        "a",
        List.of(
            dated("1", NOW.minus(Duration.ofDays(1))),
            dated("2", NOW.minus(Duration.ofDays(10))),
            dated("3", NOW.minus(Duration.ofDays(27))),
            dated("4", NOW.minus(Duration.ofDays(29))),
            dated("5", NOW.minus(Duration.ofDays(400))),
            dated("6", NOW.plus(Duration.ofHours(2)))),
        ok(null));
    store.saveSuccess(
        "b",
        List.of(
            dated("b1", NOW.minus(Duration.ofDays(1))), dated("b2", NOW.minus(Duration.ofDays(2)))),
        ok(null));

    Instant since = NOW.minus(Duration.ofDays(28));
    assertThat(store.postsSince("a", since))
        .isEqualTo(new RecentPosts(4, NOW.minus(Duration.ofDays(27))));
    assertThat(store.postsSince("b", since))
        .isEqualTo(new RecentPosts(2, NOW.minus(Duration.ofDays(2))));
    assertThat(store.postsSince("nobody", since)).isEqualTo(RecentPosts.NONE);
  }

  @Test
  void countsUndatedPostsOncePerRefreshThatFoundThem() {
    MutableClock clock = new MutableClock(NOW.minus(Duration.ofDays(40)));
    EntryStore s = new EntryStore(db, clock);
    List<NewEntry> backCatalogue = List.of(undated("u1"), undated("u2"), undated("u3"));
    s.saveSuccess("a", backCatalogue, ok(null));
    clock.set(NOW.minus(Duration.ofDays(3)));
    List<NewEntry> fresh = List.of(undated("u4"), undated("u5"), undated("u6"), undated("u7"));
    s.saveSuccess("a", fresh, ok(null));
    assertThat(s.postsSince("a", NOW.minus(Duration.ofDays(28))))
        .isEqualTo(new RecentPosts(1, NOW.minus(Duration.ofDays(3))));

    clock.set(NOW.minus(Duration.ofDays(1)));
    s.saveSuccess(
        "a",
        List.of(
            undated("u8"),
            dated("d1", NOW.minus(Duration.ofDays(2))),
            dated("d2", NOW.minus(Duration.ofDays(5)))),
        ok(null));

    assertThat(s.postsSince("a", NOW.minus(Duration.ofDays(28))))
        .isEqualTo(new RecentPosts(4, NOW.minus(Duration.ofDays(5))));
    assertThat(s.postsSince("a", NOW.minus(Duration.ofDays(60))))
        .isEqualTo(new RecentPosts(5, NOW.minus(Duration.ofDays(40))));
  }

  @Test
  void readsOnlyTheSourcesRecentRowsThroughAnIndex() {
    List<String> plan =
        db.read(
            c -> {
              List<String> lines = new java.util.ArrayList<>();
              try (var p = c.prepareStatement("EXPLAIN QUERY PLAN " + EntryStore.POSTS_SINCE)) {
                p.setString(1, "a");
                p.setLong(2, 0);
                try (var rs = p.executeQuery()) {
                  while (rs.next()) {
                    lines.add(rs.getString(4));
                  }
                }
              }
              return lines;
            });
    assertThat(plan)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("USING INDEX entries_by_source_time (source_id=? AND sort_at>?)"));
    assertThat(plan).noneSatisfy(l -> assertThat(l).startsWith("SCAN"));
  }
}
