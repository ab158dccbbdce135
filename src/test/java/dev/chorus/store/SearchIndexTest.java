package dev.chorus.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.clean.PlainText;
import dev.chorus.model.FuzzyDate;
import dev.chorus.model.ParsedEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchIndexTest {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  @TempDir Path dir;
  private Database db;
  private EntryStore store;
  private SearchIndex index;

  @BeforeEach
  void open() {
    db = Database.open(dir.resolve("t.db"));
    store = new EntryStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
    index = new SearchIndex(db, PlainText::ofSanitized);
    store.upsertSource("a", "Author A", "https://a.example/", null);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static FetchOutcome ok() {
    return new FetchOutcome(
        NOW, 5, "feed", "https://a.example/feed", null, null, 200, NOW.plusSeconds(1800), false);
  }

  private static NewEntry post(String id, String title, String summary, String content) {
    String url = "https://a.example/" + id;
    return new NewEntry(
        "g:" + id,
        url,
        new ParsedEntry(id, url, title, null, FuzzyDate.ofDay(2026, 1, 2), null, summary, content));
  }

  private void save(NewEntry... posts) {
    store.saveSuccess("a", List.of(posts), ok());
  }

  @Test
  void storedPostsAreQueuedAndFoundOnceIndexed() {
    save(post("x", "Queues", "short", "<p>All about backpressure in routers</p>"));
    assertThat(index.pending()).isEqualTo(1);
    assertThat(index.search("backpressure", 10)).isEmpty();
    assertThat(index.catchUp()).isEqualTo(1);
    assertThat(index.pending()).isZero();
    assertThat(index.search("backpressure", 10))
        .singleElement()
        .satisfies(h -> assertThat(h.snippetMarked()).contains("\u0001backpressure\u0002"));
    assertThat(index.search("\"; DROP TABLE entries; --", 10)).isEmpty();
    assertThat(index.search("backp", 10)).hasSize(1);
  }

  @Test
  void indexesTheWordsOfTheContentNotItsMarkup() {
    save(
        post(
            "x",
            "Queues",
            null,
            "<p>Read <a href=\"https://elsewhere.example/zebra\">the paper</a>&nbsp;on"
                + " caf&eacute; <img src=\"https://a.example/i.png\" loading=\"lazy\"> queues</p>"));
    index.catchUp();
    assertThat(index.search("href", 10)).isEmpty();
    assertThat(index.search("lazy", 10)).isEmpty();
    assertThat(index.search("zebra", 10)).isEmpty();
    assertThat(index.search("paper", 10)).hasSize(1);
    assertThat(index.search("cafe", 10))
        .singleElement()
        .satisfies(h -> assertThat(h.snippetMarked()).contains("\u0001café\u0002"));
  }

  @Test
  void anEditedPostIsFoundByItsNewWordsOnly() {
    save(post("x", "Queues", "about kestrels", "<p>kestrels</p>"));
    index.catchUp();
    save(post("x", "Queues", "about falcons", "<p>falcons</p>"));
    assertThat(index.pending()).isEqualTo(1);
    index.catchUp();
    assertThat(index.search("kestrels", 10)).isEmpty();
    assertThat(index.search("falcons", 10)).hasSize(1);
  }

  @Test
  void aDeletedPostLeavesTheIndex() {
    save(post("x", "Queues", "about kestrels", null), post("y", "Other", "about kestrels", null));
    index.catchUp();
    db.write(
        c -> {
          try (Statement s = c.createStatement()) {
            return s.executeUpdate("DELETE FROM entries WHERE key = 'g:x'");
          }
        });
    index.catchUp();
    assertThat(index.search("kestrels", 10))
        .singleElement()
        .satisfies(h -> assertThat(h.entry().title()).isEqualTo("Other"));
  }

  @Test
  void unchangedPostsAreNotQueuedAgain() {
    NewEntry p = post("x", "Queues", "about kestrels", null);
    save(p);
    index.catchUp();
    save(p);
    assertThat(index.pending()).isZero();
  }

  @Test
  void indexesInBatchesOldestFirst() {
    List<NewEntry> posts = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      posts.add(post("p" + i, "Post " + i, "kestrel " + i, null));
    }
    store.saveSuccess("a", posts, ok());
    assertThat(index.indexPending(3)).isEqualTo(3);
    assertThat(index.pending()).isEqualTo(4);
    assertThat(index.search("kestrel", 10))
        .extracting(h -> h.entry().title())
        .containsExactlyInAnyOrder("Post 0", "Post 1", "Post 2");
    assertThat(index.catchUp()).isEqualTo(4);
    assertThat(index.indexPending(3)).isZero();
  }

  @Test
  void theLastWordMatchesLongerWordsOnlyWhenAsAWholeWordItFindsTooFew() {
    List<NewEntry> posts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String word = i < 3 ? "system" : "systems";
      posts.add(post("s" + i, "Post " + i, "about the " + word + " cache latency", "<p>x</p>"));
    }
    store.saveSuccess("a", posts, ok());
    index.catchUp();
    assertThat(index.search("cache lat", 10))
        .hasSize(4)
        .allSatisfy(h -> assertThat(h.snippetMarked()).contains("\u0001latency\u0002"));
    assertThat(index.search("system", 10)).hasSize(4); // 3 whole-word matches are fewer than 10
    assertThat(index.search("system", 3))
        .hasSize(3)
        .allSatisfy(h -> assertThat(h.entry().summary()).contains("system "));
  }

  @Test
  void ranksTitleMatchesFirstAmongManyMatches() {
    List<NewEntry> many = new ArrayList<>();
    for (int i = 0; i < SearchIndex.RANK_WINDOW + 100; i++) {
      String title = i == SearchIndex.RANK_WINDOW + 50 ? "Routers" : "Post " + i;
      many.add(post(String.valueOf(i), title, "about routers and queues", "<p>routers " + i));
    }
    store.saveSuccess("a", many, ok());
    index.catchUp();
    List<SearchIndex.Hit> hits = index.search("routers", 10);
    assertThat(hits).hasSize(10);
    assertThat(hits.get(0).entry().title()).isEqualTo("Routers");
    assertThat(hits.get(0).titleMarked()).isEqualTo("\u0001Routers\u0002");
    assertThat(hits).extracting(h -> h.entry().id()).doesNotHaveDuplicates();
  }

  @Test
  void aDatabaseFromBeforeTheWordIndexIsQueuedWholeAndSearchableAgain() throws Exception {
    db.close();
    Path old = dir.resolve("old.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)");
      for (int v = 1; v <= 3; v++) {
        for (String sql : Database.statements(Migrations.ALL.get(v - 1))) {
          s.execute(sql);
        }
        s.execute("INSERT INTO schema_version (version) VALUES (" + v + ")");
      }
      s.execute("INSERT INTO sources (id, name, url, created_at) VALUES ('a', 'A', 'u', 0)");
      s.execute(
          "INSERT INTO entries (source_id, key, title, summary, content, sort_at, hash, first_seen)"
              + " VALUES ('a', 'g:1', 'Kestrels', 's', '<p class=\"x\">falcons</p>', 0, 'h', 0)");
    }
    db = Database.open(old);
    index = new SearchIndex(db, PlainText::ofSanitized);
    assertThat(index.pending()).isEqualTo(1);
    assertThat(index.search("kestrels", 10)).isEmpty();
    index.catchUp();
    assertThat(index.search("falcons", 10)).hasSize(1);
    assertThat(index.search("class", 10)).isEmpty();
    assertThat(db.integrityCheck()).isEqualTo("ok");
  }

  @Test
  void aPostWhoseTextCannotBeReadIsFoundByItsTitleAndDoesNotStopTheQueue() {
    index =
        new SearchIndex(
            db,
            html -> {
              if (html.contains("poison")) {
                throw new IllegalStateException("unreadable");
              }
              return PlainText.ofSanitized(html);
            });
    save(post("a", "Kestrels", null, "<p>poison</p>"), post("b", "Falcons", null, "<p>ok</p>"));
    assertThat(index.catchUp()).isEqualTo(2);
    assertThat(index.search("kestrels", 10)).hasSize(1);
    assertThat(index.search("falcons", 10)).hasSize(1);
    assertThat(index.pending()).isZero();
  }
}
