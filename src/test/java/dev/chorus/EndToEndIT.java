package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.chorus.config.Config;
import dev.chorus.config.ConfigLoader;
import dev.chorus.refresh.RefreshReport;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Serves fixture feeds and a feedless blog on loopback, polls them, and reads everything back. */
class EndToEndIT {
  @TempDir Path dir;
  private FixtureServer site;
  private FixtureServer blog;
  private Path configFile;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void setUp() throws Exception {
    site = new FixtureServer("/sites/e2e");
    blog = new FixtureServer("/sites/e2e-blog");
    String b = site.base();
    configFile = dir.resolve("feeds.yml");
    Files.writeString(
        configFile,
        """
        title: Test Planet
        database: planet.db
        fetch:
          allow_private_networks: true
        sources:
          - id: ada
            name: Ada
            url: %s/
            feed: %s/rss.xml
            tags: [queues]
          - id: grace
            name: Grace
            url: %s/blog/
            feed: %s/atom.xml
          - id: lin
            name: Lin
            url: %s/
            feed: %s/feed.json
            content: summary
          - id: mo
            name: Mo
            url: %s/
        """
            .formatted(b, b, b, b, b, b, blog.base()));
  }

  @AfterEach
  void tearDown() {
    site.close();
    blog.close();
  }

  private Config config() throws Exception {
    return ConfigLoader.load(configFile);
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void pollsServesAndSyndicatesEverySource() throws Exception {
    try (App app = new App(config(), Clock.systemUTC())) {
      List<RefreshReport> first = app.pollAll(4);
      assertThat(first).allSatisfy(r -> assertThat(r.error()).isNull());
      assertThat(first)
          .extracting(RefreshReport::path)
          .containsExactly("feed", "feed", "feed", "scraped");
      assertThat(first.stream().mapToInt(RefreshReport::inserted).sum()).isEqualTo(2 + 1 + 1 + 3);

      int port = app.serve("127.0.0.1", 0, false);

      // API
      JsonNode api = json.readTree(get(port, "/api/entries?limit=100").body());
      List<JsonNode> entries = new ArrayList<>();
      api.get("entries").forEach(entries::add);
      assertThat(entries).hasSize(7);
      JsonNode ada =
          entries.stream()
              .filter(
                  e -> "ada-1".length() > 0 && e.get("title").asText().startsWith("Backpressure"))
              .findFirst()
              .orElseThrow();
      assertThat(ada.get("source").asText()).isEqualTo("ada");
      assertThat(ada.get("author").asText()).isEqualTo("Ada L.");
      assertThat(ada.get("published").asText()).isEqualTo("2024-09-10T06:00:00Z");
      assertThat(ada.get("summary").asText()).isEqualTo("Why queues need limits.");
      assertThat(ada.get("content").asText())
          .contains("<b>limits</b>")
          .doesNotContain("script", "javascript:", "onerror");
      JsonNode undated =
          entries.stream()
              .filter(e -> e.get("title").asText().equals("Undated thoughts"))
              .findFirst()
              .orElseThrow();
      assertThat(undated.get("published").isNull()).isTrue();
      assertThat(undated.get("url").asText()).isEqualTo(site.base() + "/notes/undated");
      JsonNode grace =
          entries.stream()
              .filter(e -> e.get("source").asText().equals("grace"))
              .findFirst()
              .orElseThrow();
      assertThat(grace.get("url").asText()).isEqualTo(site.base() + "/blog/compilers-kindly");
      JsonNode mo =
          entries.stream()
              .filter(e -> e.get("url").asText().endsWith("/posts/second-post/"))
              .findFirst()
              .orElseThrow();
      assertThat(mo.get("title").asText()).isEqualTo("A second essay");
      assertThat(mo.get("published").asText()).isEqualTo("2024-07-14");
      assertThat(mo.get("author").asText()).isEqualTo("Mo");

      // paging by cursor walks everything exactly once
      JsonNode p1 = json.readTree(get(port, "/api/entries?limit=3").body());
      JsonNode p2 =
          json.readTree(get(port, "/api/entries?limit=3&cursor=" + p1.get("next").asText()).body());
      assertThat(p2.get("entries").get(0).get("id").asLong())
          .isNotEqualTo(p1.get("entries").get(0).get("id").asLong());
      assertThat(get(port, "/api/entries?limit=-1").statusCode()).isEqualTo(400);
      assertThat(get(port, "/api/entries?limit=1000000000").statusCode()).isEqualTo(400);
      assertThat(get(port, "/api/entries?cursor=forged").statusCode()).isEqualTo(400);
      assertThat(get(port, "/api/entries?source=nobody").body()).contains("\"error\"");

      // pages
      HttpResponse<String> home = get(port, "/");
      assertThat(home.statusCode()).isEqualTo(200);
      assertThat(home.body())
          .contains(
              "Backpressure &amp; queues",
              "Compilers, kindly",
              "A second essay",
              "application/atom+xml");
      assertThat(home.headers().firstValue("Content-Security-Policy")).isPresent();
      assertThat(get(port, "/sources").body()).contains("Ada", "Mo", "the page (detected)");
      assertThat(get(port, "/opml").body())
          .contains("<opml version=\"2.0\"", "xmlUrl=\"" + site.base() + "/rss.xml\"");

      // feeds parse back with every entry attributed
      SyndFeed atom = new SyndFeedInput().build(new StringReader(get(port, "/feed.atom").body()));
      assertThat(atom.getEntries()).hasSize(7);
      for (SyndEntry e : atom.getEntries()) {
        assertThat(e.getAuthor()).isNotBlank();
        assertThat(e.getLink()).startsWith("http");
        assertThat(e.getTitle()).isNotBlank();
        assertThat(e.getSource()).isNotNull();
      }
      SyndFeed rss = new SyndFeedInput().build(new StringReader(get(port, "/feed.rss").body()));
      assertThat(rss.getEntries()).hasSize(7);
      JsonNode jf = json.readTree(get(port, "/feed.json").body());
      assertThat(jf.get("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
      assertThat(jf.get("items")).hasSize(7);
      jf.get("items")
          .forEach(i -> assertThat(i.get("authors").get(0).get("name").asText()).isNotBlank());
      // lin's content is summary-only: no content_html in the merged feed
      jf.get("items")
          .forEach(
              i -> {
                if (i.get("_source").get("id").asText().equals("lin")) {
                  assertThat(i.has("content_html")).isFalse();
                }
              });

      // conditional requests
      HttpResponse<String> feed = get(port, "/feed.atom");
      String etag = feed.headers().firstValue("ETag").orElseThrow();
      HttpResponse<String> again =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/feed.atom"))
                  .header("If-None-Match", etag)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(again.statusCode()).isEqualTo(304);

      // a second poll of unchanged sources stores nothing and is answered with 304s
      int before = site.notModified.get() + blog.notModified.get();
      List<RefreshReport> second = app.pollAll(4);
      assertThat(second.stream().mapToInt(RefreshReport::inserted).sum()).isZero();
      assertThat(second.stream().mapToInt(RefreshReport::updated).sum()).isZero();
      assertThat(second).extracting(RefreshReport::outcome).containsOnly("not-modified");
      assertThat(site.notModified.get() + blog.notModified.get() - before).isEqualTo(4);
    }
  }

  @Test
  void keepsEntriesAndReportsTheErrorWhenASourceBreaks() throws Exception {
    try (App app = new App(config(), Clock.systemUTC())) {
      app.pollAll(4);
      site.override("/rss.xml", "<html><body>Maintenance</body></html>");
      List<RefreshReport> r = app.pollAll(4);
      RefreshReport ada =
          r.stream().filter(x -> x.sourceId().equals("ada")).findFirst().orElseThrow();
      assertThat(ada.error()).contains("expected a feed").contains("HTML page");
      blog.override("/", "<html><body><p>Under construction</p></body></html>");
      RefreshReport mo =
          app.pollAll(4).stream().filter(x -> x.sourceId().equals("mo")).findFirst().orElseThrow();
      assertThat(mo.error()).contains("no posts found");
      int port = app.serve("127.0.0.1", 0, false);
      JsonNode api = json.readTree(get(port, "/api/entries?limit=100").body());
      assertThat(api.get("entries")).hasSize(7);
      assertThat(get(port, "/sources").body()).contains("expected a feed", "failing");
    }
  }

  @Test
  void picksUpASourceAddedWhileRunning() throws Exception {
    Files.writeString(
        configFile, Files.readString(configFile).replaceAll("(?s)  - id: grace.*", ""));
    try (App app = new App(config(), Clock.systemUTC())) {
      int port = app.serve("127.0.0.1", 0, true);
      Files.writeString(
          configFile,
          Files.readString(configFile)
              + "  - id: grace\n    name: Grace\n    url: "
              + site.base()
              + "/blog/\n    feed: "
              + site.base()
              + "/atom.xml\n");
      long deadline = System.currentTimeMillis() + 20_000;
      boolean seen = false;
      while (!seen && System.currentTimeMillis() < deadline) {
        Thread.sleep(300);
        seen = get(port, "/api/entries?source=grace").body().contains("Compilers, kindly");
      }
      assertThat(seen).as("grace's post appears without a restart").isTrue();
      // an invalid edit keeps the old config and shows the error
      Files.writeString(configFile, Files.readString(configFile) + "  - url: not-a-url\n");
      deadline = System.currentTimeMillis() + 10_000;
      String sources = "";
      while (!sources.contains("not reloaded") && System.currentTimeMillis() < deadline) {
        Thread.sleep(300);
        sources = get(port, "/sources").body();
      }
      assertThat(sources).contains("not reloaded", "sources[2].url");
      assertThat(get(port, "/api/entries?source=grace").statusCode()).isEqualTo(200);
    }
  }
}
