package dev.chorus.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.clean.PlainText;
import dev.chorus.config.Config;
import dev.chorus.config.FetchSettings;
import dev.chorus.config.PollSettings;
import dev.chorus.config.SourceConfig;
import dev.chorus.config.SourceConfig.ContentMode;
import dev.chorus.model.FuzzyDate;
import dev.chorus.model.ParsedEntry;
import dev.chorus.schedule.SearchIndexer;
import dev.chorus.store.Database;
import dev.chorus.store.EntryStore;
import dev.chorus.store.FetchOutcome;
import dev.chorus.store.NewEntry;
import dev.chorus.store.SearchIndex;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search while the index catches up: posts not yet indexed are counted, then found. */
class SearchPageTest {
  @TempDir Path dir;
  private Database db;
  private EntryStore store;
  private SearchIndex search;
  private WebServer web;
  private int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    db = Database.open(dir.resolve("chorus.db"));
    store = new EntryStore(db, Clock.systemUTC());
    search = new SearchIndex(db, PlainText::ofSanitized);
    store.upsertSource("ada", "Ada", "https://ada.example/");
    SourceConfig ada =
        new SourceConfig(
            "ada",
            "Ada",
            "https://ada.example/",
            "https://ada.example/feed",
            List.of(),
            PollSettings.fixed(Duration.ofHours(1)),
            null,
            ContentMode.FULL,
            1);
    Config cfg =
        new Config(
            dir.resolve("feeds.yml"),
            "T",
            dir.resolve("chorus.db"),
            PollSettings.fixed(Duration.ofHours(1)),
            FetchSettings.defaults(),
            List.of(ada));
    web = new WebServer(store, search, () -> cfg, () -> null, Clock.systemUTC());
    port = web.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    web.close();
    db.close();
  }

  private void store(String id, String title, String content) {
    String url = "https://ada.example/" + id;
    ParsedEntry e =
        new ParsedEntry(id, url, title, null, FuzzyDate.ofDay(2024, 1, 1), null, null, content);
    Instant now = Instant.now();
    store.saveSuccess(
        "ada",
        List.of(new NewEntry("g:" + id, url, e)),
        new FetchOutcome(now, 1, "feed", url, null, null, 200, now.plusSeconds(60), false));
  }

  private Document page(String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return Jsoup.parse(r.body());
  }

  @Test
  void saysHowManyPostsAreNotSearchableYetThenFindsThem() throws Exception {
    store("1", "Kestrels", "<p>On <b>kestrels</b> &amp; falcons &lt;script&gt;</p>");
    Document before = page("/search?q=kestrels");
    assertThat(before.select("article")).isEmpty();
    assertThat(before.text()).contains("1 post was stored moments ago and can't be found yet");

    try (SearchIndexer indexer = new SearchIndexer(search, store::dataVersion)) {
      indexer.start(20);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (search.pending() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    Document after = page("/search?q=kestrels");
    assertThat(after.text()).doesNotContain("can't be found yet");
    assertThat(after.select("article mark")).extracting(m -> m.text()).contains("Kestrels");
    assertThat(page("/search?q=falcons").select("article p.summary").text())
        .contains("kestrels & falcons <script>");
    assertThat(page("/search?q=falcons").select("article mark").eachText()).contains("falcons");
    assertThat(page("/search?q=script").select("script")).isEmpty();
  }

  @Test
  void theBackgroundIndexerFollowsLaterWrites() throws Exception {
    try (SearchIndexer indexer = new SearchIndexer(search, store::dataVersion)) {
      indexer.start(20);
      for (int i = 0; i < 3; i++) {
        store("p" + i, "Post " + i, "<p>word" + i + "</p>");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (search.search("word" + i, 10).isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(search.search("word" + i, 10)).hasSize(1);
      }
    }
  }
}
