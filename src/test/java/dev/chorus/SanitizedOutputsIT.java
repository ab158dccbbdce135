package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.FaultyServer.Reply;
import dev.chorus.config.Config;
import dev.chorus.config.FetchSettings;
import dev.chorus.config.PollSettings;
import dev.chorus.config.SourceConfig;
import dev.chorus.config.SourceConfig.ContentMode;
import dev.chorus.refresh.RefreshReport;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of feedparser's sanitize corpus, served as a feed on loopback, polled by the app and
 * read back through every output: pages, entry pages, search, the API and the three merged feeds.
 */
class SanitizedOutputsIT {
  private static final int PER_TAG = 40;
  private static final String ESCAPED =
      """
      <?xml version="1.0"?>
      <rss version="2.0"><channel><title>t</title><link>http://example.com/</link><description>d</description>
      <item><guid>e1</guid><link>http://example.com/e1</link>
      <title>How &amp;lt;script&amp;gt; tags work</title>
      <description>&lt;p&gt;Type &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; or &amp;lt;img src=x onerror=alert(2)&amp;gt; to test.&lt;/p&gt;</description>
      </item></channel></rss>
      """;
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final List<String> problems = new ArrayList<>();
  private int port;

  @Test
  void nothingDangerousReachesAnyOutput() throws Exception {
    Path corpus = Path.of(getClass().getResource("/feedparser/tests/wellformed/sanitize").toURI());
    List<Path> files;
    try (Stream<Path> s = Files.list(corpus)) {
      files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(700);
    try (FaultyServer server = new FaultyServer()) {
      List<SourceConfig> sources = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        String name = files.get(i).getFileName().toString();
        server.route("/c/" + name, Reply.ok("application/xml", Files.readAllBytes(files.get(i))));
        sources.add(
            new SourceConfig(
                "c" + i,
                name.replace(".xml", "") + " <b>\"&'",
                "http://example.com/",
                server.url("/c/" + name),
                List.of("g" + i / PER_TAG),
                PollSettings.fixed(Duration.ofHours(1)),
                null,
                ContentMode.FULL,
                i + 1));
      }
      // text that only shows markup (escaped in the source) must stay text in every output
      server.route("/escaped.xml", Reply.ok("application/rss+xml", ESCAPED));
      sources.add(
          new SourceConfig(
              "escaped",
              "Escaped",
              "http://example.com/",
              server.url("/escaped.xml"),
              List.of("escaped"),
              PollSettings.fixed(Duration.ofHours(1)),
              null,
              ContentMode.SUMMARY,
              0));
      Path cfgFile = dir.resolve("feeds.yml");
      Files.writeString(cfgFile, "# written by the test\n");
      Config cfg =
          new Config(
              cfgFile,
              "Sanitize <i>corpus</i>",
              dir.resolve("chorus.db"),
              PollSettings.fixed(Duration.ofHours(1)),
              new FetchSettings(true, 1 << 20, Duration.ofSeconds(10), 5),
              sources);

      try (App app = new App(cfg, Clock.systemUTC())) {
        long t0 = System.nanoTime();
        List<RefreshReport> reports = app.pollAll(4);
        List<String> failed =
            reports.stream()
                .filter(RefreshReport::failed)
                .map(r -> r.sourceId() + ": " + r.error())
                .toList();
        int stored = reports.stream().mapToInt(RefreshReport::inserted).sum();
        System.out.printf(
            "sanitize corpus: %d feeds polled in %d ms, %d entries stored, %d feeds failed%n",
            files.size(), (System.nanoTime() - t0) / 1_000_000, stored, failed.size());
        assertThat(failed).as("feeds that could not be read").hasSizeLessThan(10);
        app.search().catchUp(); // search results are among the outputs checked
        port = app.serve("127.0.0.1", 0, false);

        Set<Long> ids = new LinkedHashSet<>();
        String cursor = "";
        do {
          JsonNode page =
              json.readTree(
                  get("/api/entries?limit=200" + (cursor.isEmpty() ? "" : "&cursor=" + cursor))
                      .body());
          for (JsonNode e : page.get("entries")) {
            ids.add(e.get("id").asLong());
            check("api " + e.get("id"), OutputChecker.fragment(e.path("content").asText(null)));
            if (e.hasNonNull("url")) {
              check(
                  "api url",
                  OutputChecker.fragment(
                      "<a href=\""
                          + e.get("url").asText().replace("\"", "&quot;")
                          + "\" rel=\"noopener noreferrer\">x</a>"));
            }
          }
          cursor = page.path("next").asText("");
        } while (!cursor.isEmpty());
        assertThat(ids).hasSize(stored);
        assertThat(stored).as("entries with any text left after cleaning").isGreaterThan(400);

        for (long id : ids) {
          page("/entries/" + id);
        }
        String next = "/";
        int pages = 0;
        while (next != null && pages++ < 100) {
          HttpResponse<String> r = page(next);
          org.jsoup.nodes.Element older =
              org.jsoup.Jsoup.parse(r.body()).selectFirst("a[rel=next]");
          next = older == null ? null : older.attr("href");
        }
        for (String q :
            List.of(
                "script",
                "alert",
                "javascript",
                "onload",
                "onclick",
                "style",
                "iframe",
                "expression",
                "xss",
                "safe",
                "url",
                "vbscript",
                "data",
                "<script>alert(1)</script>",
                "\" onmouseover=\"x")) {
          page("/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        }
        page("/sources");
        page("/authors/c0");

        int syndicated = 0;
        int tags = (files.size() + PER_TAG - 1) / PER_TAG;
        for (int t = 0; t < tags; t++) {
          String base = "/tags/g" + t;
          syndicated += feeds(base);
        }
        feeds("");
        feeds("/tags/escaped");
        feeds("/authors/escaped");
        assertThat(syndicated).as("entries seen in the per-tag merged feeds").isEqualTo(stored - 1);
      }
    }
    assertThat(problems).isEmpty();
  }

  /** Checks the Atom, RSS and JSON feeds under {@code base}; returns the number of Atom entries. */
  private int feeds(String base) throws Exception {
    HttpResponse<byte[]> atom = bytes(base + "/feed.atom");
    check(base + "/feed.atom", OutputChecker.xmlFeed(atom.body()));
    check(base + "/feed.rss", OutputChecker.xmlFeed(bytes(base + "/feed.rss").body()));
    JsonNode jf = json.readTree(bytes(base + "/feed.json").body());
    check(base + "/feed.json", OutputChecker.jsonFeed(jf));
    return jf.get("items").size();
  }

  private HttpResponse<String> page(String path) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    check(
        path,
        OutputChecker.page(
            r.body(), r.headers().firstValue("Content-Security-Policy").orElse(null)));
    return r;
  }

  private void check(String where, List<String> found) {
    for (String p : found) {
      if (problems.size() < 200) {
        problems.add(p + " (in " + where + ")");
      }
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> bytes(String path) throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r;
  }
}
