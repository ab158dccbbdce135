package dev.chorus.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.OutputChecker;
import dev.chorus.clean.PlainText;
import dev.chorus.config.Config;
import dev.chorus.config.FetchSettings;
import dev.chorus.config.PollSettings;
import dev.chorus.config.SourceConfig;
import dev.chorus.config.SourceConfig.ContentMode;
import dev.chorus.model.FuzzyDate;
import dev.chorus.model.ParsedEntry;
import dev.chorus.store.Cursor;
import dev.chorus.store.Database;
import dev.chorus.store.EntryStore;
import dev.chorus.store.FetchOutcome;
import dev.chorus.store.NewEntry;
import dev.chorus.store.SearchIndex;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests a hostile client makes: out-of-range and malformed parameters, forged cursors, SQL and
 * FTS syntax, traversal in paths, markup in paths. The answer is a 4xx that says why (JSON under
 * /api), escaped and under the same CSP — never a 500.
 */
class HostileRequestsTest {
  @TempDir static Path dir;
  private static Database db;
  private static WebServer web;
  private static int port;
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void start() {
    db = Database.open(dir.resolve("chorus.db"));
    EntryStore store = new EntryStore(db, Clock.systemUTC());
    store.upsertSource("ada", "Ada", "https://ada.example/");
    List<NewEntry> entries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ParsedEntry e =
          new ParsedEntry(
              "g" + i,
              "https://ada.example/" + i,
              "Queues " + i,
              null,
              FuzzyDate.ofDay(2024, 1, 1 + i),
              null,
              "About queues",
              "<p>queues and backpressure</p>");
      entries.add(new NewEntry("g:g" + i, "https://ada.example/" + i, e));
    }
    // text no parser should let through, stored anyway: the writers must still produce valid XML
    ParsedEntry odd =
        new ParsedEntry(
            "odd",
            "https://ada.example/odd",
            "Bell\u0007 NUL\u0000 \uFFFE lone \uD800 end",
            "Ada\u0001",
            FuzzyDate.ofDay(2023, 5, 5),
            null,
            "Escape \u001B[31m and ]]> and \uDFFF",
            "<p>x\u0000y\u000B ]]&gt; <b>\uD83D</b></p>");
    entries.add(new NewEntry("g:odd", "https://ada.example/odd", odd));
    Instant now = Instant.now();
    store.saveSuccess(
        "ada",
        entries,
        new FetchOutcome(
            now,
            1,
            "feed",
            "https://ada.example/feed",
            null,
            null,
            200,
            now.plusSeconds(3600),
            false));
    List<SourceConfig> sources =
        List.of(
            new SourceConfig(
                "ada",
                "Ada",
                "https://ada.example/",
                "https://ada.example/feed",
                List.of("queues"),
                PollSettings.fixed(Duration.ofHours(1)),
                null,
                ContentMode.FULL,
                1));
    Config cfg =
        new Config(
            dir.resolve("feeds.yml"),
            "T",
            dir.resolve("chorus.db"),
            PollSettings.fixed(Duration.ofHours(1)),
            FetchSettings.defaults(),
            sources);
    SearchIndex search = new SearchIndex(db, PlainText::ofSanitized);
    search.catchUp();
    web = new WebServer(store, search, () -> cfg, () -> null, Clock.systemUTC());
    port = web.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    web.close();
    db.close();
  }

  private static HttpResponse<String> get(String rawPathAndQuery) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + rawPathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertJson400(String query) throws Exception {
    HttpResponse<String> r = get("/api/entries?" + query);
    assertThat(r.statusCode()).as(query).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .as(query)
        .startsWith("application/json");
    JsonNode body = json.readTree(r.body());
    assertThat(body.get("status").asInt()).isEqualTo(400);
    assertThat(body.get("error").asText())
        .as(query)
        .isNotBlank()
        .doesNotContain("Exception", "java.", "SQL");
  }

  @Test
  void rejectsLimitsOutOfRangeOrNotWholeNumbers() throws Exception {
    for (String limit :
        List.of(
            "-1",
            "0",
            "201",
            "1000000000",
            "99999999999999999999",
            "abc",
            "1.5",
            "1e3",
            "0x10",
            "%20",
            "%00",
            "10%20OR%201%3D1",
            enc("' OR '1'='1"),
            enc("١٠٠٠"),
            "-0x1",
            "+-1",
            enc("5;DROP TABLE entries"))) {
      assertJson400("limit=" + limit);
    }
    assertThat(get("/api/entries?limit=200").statusCode()).isEqualTo(200);
    assertThat(get("/api/entries?limit=1").statusCode()).isEqualTo(200);
  }

  @Test
  void rejectsForgedCursors() throws Exception {
    for (String cursor :
        List.of(
            "forged",
            "%25",
            enc("1' OR '1'='1"),
            enc("ü"),
            "x".repeat(5_000),
            b64("1.2.3"),
            b64("99999999999999999999.1"),
            b64("1.-1"),
            b64("a.b"),
            b64("1"),
            b64(".5"),
            b64("1.2\u0000"),
            b64("1.2; DROP TABLE entries"),
            "====",
            enc("../../etc/passwd"))) {
      assertJson400("cursor=" + cursor);
    }
    String valid = new Cursor(Long.MAX_VALUE, Long.MAX_VALUE).token();
    assertThat(get("/api/entries?cursor=" + valid).statusCode()).isEqualTo(200);
    String negative = new Cursor(Long.MIN_VALUE, 0).token();
    HttpResponse<String> r = get("/api/entries?cursor=" + negative);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json.readTree(r.body()).get("entries")).isEmpty();
  }

  @Test
  void rejectsUnknownSourcesWhateverTheyLookLike() throws Exception {
    for (String source :
        List.of(
            "nobody",
            "..",
            "../ada",
            enc("ada' OR '1'='1"),
            enc("ada\u0000"),
            "x".repeat(5_000),
            enc("<script>alert(1)</script>"),
            enc("ADA"),
            enc("ada "),
            enc("🦀"))) {
      assertJson400("source=" + source);
    }
  }

  @Test
  void answersOddPathsWithA404PageThatEchoesNothingLive() throws Exception {
    for (String path :
        List.of(
            "/authors/..%2f..%2fetc%2fpasswd",
            "/authors/%2e%2e%2f%2e%2e%2fpom.xml",
            "/authors/%00",
            "/authors/" + enc("' OR 1=1 --"),
            "/authors/" + enc("<script>alert(1)</script>"),
            "/authors/" + enc("\"><img src=x onerror=alert(1)>"),
            "/entries/abc",
            "/entries/99999999999999999999",
            "/entries/-1",
            "/entries/0x10",
            "/entries/" + enc("1 OR 1=1"),
            "/tags/" + enc("<svg onload=alert(1)>"),
            "/tags/..%2f..",
            "/feed.xml",
            "/feed." + enc("<script>"),
            "/authors/ada/feed." + enc("atom\"><x>"),
            "/static/..%2f..%2fpom.xml",
            "/static/chorus.css%2f..%2f..%2fpom.xml",
            "/nope/" + enc("<b>bold</b>"))) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isBetween(400, 499);
      boolean jettyRejectedTheUri = r.statusCode() == 400 && r.body().contains("/badMessage");
      if (jettyRejectedTheUri) {
        // Jetty's own page for a URI it cannot decode: static text, no CSP, nothing echoed
        assertThat(r.body()).as(path).doesNotContain("authors", "<script");
      } else if (r.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
        assertThat(
                OutputChecker.page(
                    r.body(), r.headers().firstValue("Content-Security-Policy").orElse(null)))
            .as(path)
            .isEmpty();
      }
      assertThat(r.body())
          .as(path)
          .doesNotContain("<script", "<img", "<svg", "Exception", "root:x:0");
    }
  }

  @Test
  void rejectsForgedPageCursorsWithAnHtml400() throws Exception {
    for (String path :
        List.of(
            "/?after=forged", "/authors/ada?after=" + enc("<script>"), "/tags/queues?after=%25")) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(400);
      assertThat(
              OutputChecker.page(
                  r.body(), r.headers().firstValue("Content-Security-Policy").orElse(null)))
          .isEmpty();
    }
  }

  @Test
  void searchesWithAnyTextWithoutFailing() throws Exception {
    List<String> queries =
        List.of(
            "\"",
            "*",
            "NEAR(queues",
            "queues OR 1=1",
            "-queues",
            "^queues",
            "queues*",
            "a:b",
            "\"); DROP TABLE entries; --",
            "entries_fts MATCH 'x'",
            "🦀 queues",
            "\u0000",
            "ﬁ",
            "\uD800",
            "%",
            "\\",
            "'''",
            "<script>alert(1)</script>",
            "\" onmouseover=\"alert(1)",
            "q".repeat(200),
            "word ".repeat(40).strip());
    for (String q : queries) {
      HttpResponse<String> r = get("/search?q=" + enc(q));
      assertThat(r.statusCode()).as(q).isEqualTo(200);
      assertThat(
              OutputChecker.page(
                  r.body(), r.headers().firstValue("Content-Security-Policy").orElse(null)))
          .as(q)
          .isEmpty();
    }
    assertThat(get("/search?q=queues").body()).contains("Queues 4");
    HttpResponse<String> tooLong = get("/search?q=" + "q".repeat(201));
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(get("/search?q=" + "%ED%A0%80").statusCode()).isLessThan(500);
    assertThat(get("/search?q=" + "%FF%FE").statusCode()).isLessThan(500);
    assertThat(get("/search?q=" + "x".repeat(20_000)).statusCode()).isBetween(400, 499);
  }

  @Test
  void servesWellFormedFeedsWhenStoredTextHoldsControlCharacters() throws Exception {
    for (String path :
        List.of("/feed.atom", "/feed.rss", "/authors/ada/feed.atom", "/tags/queues/feed.rss")) {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(OutputChecker.xmlFeed(r.body())).as(path).isEmpty();
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).as(path).contains("Bell", "lone");
    }
    assertThat(json.readTree(get("/feed.json").body()).get("items")).hasSize(6);
    assertThat(json.readTree(get("/api/entries").body()).get("entries")).hasSize(6);
    HttpResponse<String> home = get("/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(
            OutputChecker.page(
                home.body(), home.headers().firstValue("Content-Security-Policy").orElse(null)))
        .isEmpty();
  }

  @Test
  void answersOtherMethodsAndHugeUrlsWithoutA500() throws Exception {
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/entries"))
                  .method(method, HttpRequest.BodyPublishers.ofString("{\"limit\": -1}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(method).isBetween(400, 499);
    }
    assertThat(get("/authors/" + "a".repeat(50_000)).statusCode()).isBetween(400, 499);
    assertThat(get("/api/entries?limit=5&limit=-1").statusCode()).isLessThan(500);
  }
}
