package dev.chorus.web;

import dev.chorus.App;
import dev.chorus.FixtureServer;
import dev.chorus.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * A small planet for web tests: the end-to-end fixture feeds, a generated feed long enough to page
 * through, a blog whose feed is discovered and a broken one, all on loopback, polled once and
 * served on a free port.
 */
final class Planet implements AutoCloseable {
  static final int PAT_POSTS = 45;

  /** A word only in the body of one of Pat's posts. */
  static final String RARE_WORD = "zephyrine";

  private static final String[] TOPICS = {
    "backpressure in small services",
    "reading other people's stack traces",
    "boring databases",
    "tail latency budgets",
    "schema changes without downtime",
    "retries with jitter",
    "idempotent consumers",
    "the cost of a cache miss",
    "load shedding",
    "timeouts everywhere",
    "feature flags as config",
    "writing design documents",
    "on-call without burnout",
    "benchmarks that lie",
    "clock skew"
  };
  private static final String[] FRAMES = {
    "Notes on %s", "%s, revisited", "What I got wrong about %s"
  };
  private static final String PARAGRAPH =
      "Most systems fail at the edges, where one component's assumptions meet another's. I keep a"
          + " small notebook of those seams and return to it when something breaks. This week the"
          + " seam was a queue that never said no, and a client that never gave up. ";

  final Path dir;
  final FixtureServer fixtures;
  final FixtureServer blog;
  final Site pat;
  final Site more;
  final Path configFile;
  final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
  App app;
  int port;
  private final HttpClient http = HttpClient.newHttpClient();

  Planet(Path dir) throws Exception {
    this.dir = dir;
    fixtures = new FixtureServer("/sites/e2e");
    blog = new FixtureServer("/sites/e2e-blog");
    pat = new Site();
    more = new Site();
    patFeed(PAT_POSTS, 0);
    more.put(
        "/",
        "text/html; charset=utf-8",
        """
        <!DOCTYPE html><html><head><title>Kim's kitchen</title>
        <link rel="alternate" type="application/atom+xml" href="/kim.atom"></head>
        <body><h1>Kim's kitchen</h1></body></html>""");
    more.put(
        "/kim.atom",
        "application/atom+xml",
        """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Kim's kitchen</title><id>urn:kim</id>
        <updated>%1$s</updated>
        <entry><title>Bread, slowly</title><id>urn:kim:1</id><link href="%2$s/bread"/>
        <published>%1$s</published><updated>%1$s</updated><author><name>Kim</name></author>
        <summary>Why the dough wants a night in the fridge.</summary></entry>
        </feed>"""
            .formatted(now.minus(Duration.ofHours(30)), more.base()));
    String f = fixtures.base();
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
            url: %1$s/
            feed: %1$s/rss.xml
            tags: [queues]
          - id: grace
            name: Grace
            url: %1$s/blog/
            feed: %1$s/atom.xml
            tags: [compilers]
          - id: lin
            name: Lin
            url: %1$s/
            feed: %1$s/feed.json
            content: summary
          - id: mo
            name: Mo
            url: %2$s/
          - id: pat
            name: Pat's Field Notes
            url: %3$s/
            feed: %3$s/feed.atom
            tags: [queues, systems]
          - id: kim
            name: Kim
            url: %4$s/
          - id: gone-away
            name: Gone Away
            url: %4$s/gone/
            feed: %4$s/gone/feed.xml
        """
            .formatted(f, blog.base(), pat.base(), more.base()));
    open();
  }

  /** Opens the app on the planet's config and database, polls everything once and serves it. */
  void open() throws Exception {
    app = new App(ConfigLoader.load(configFile), Clock.systemUTC());
    app.pollAll(4);
    app.search().catchUp(); // serve indexes in the background; the tests search at once
    port = app.serve("127.0.0.1", 0, false);
  }

  /** Closes the app (the database stays) so it can be opened again. */
  void stop() {
    app.close();
  }

  /** Pat's feed with {@code count} posts, the newest {@code newer} of them after all the others. */
  void patFeed(int count, int newer) {
    StringBuilder b =
        new StringBuilder(
            """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
        <title>Pat's Field Notes</title><id>urn:pat</id>
        """);
    b.append("<updated>").append(now).append("</updated>\n");
    for (int i = -newer; i < count - newer; i++) {
      Instant at =
          i >= 0
              ? now.minus(Duration.ofMinutes(20)).minus(Duration.ofHours(7L * i))
              : now.minus(Duration.ofMinutes(20 + 3L * i));
      String topic = TOPICS[Math.floorMod(i, TOPICS.length)];
      String title = FRAMES[Math.floorMod(i / TOPICS.length, FRAMES.length)].formatted(topic);
      title = Character.toUpperCase(title.charAt(0)) + title.substring(1);
      if (i == 3) {
        title = "Less-than < greater-than > & \"quotes\" in brackets";
      }
      String body =
          "<p>"
              + PARAGRAPH.repeat(1 + Math.floorMod(i, 7) * 3)
              + "</p>"
              + (i == 7
                  ? "<p>A "
                      + RARE_WORD
                      + " afternoon: the <b>load</b> balancer was fine after all.</p>"
                  : "");
      b.append("<entry><title>")
          .append(xml(title))
          .append("</title>")
          .append("<id>urn:pat:")
          .append(i)
          .append("</id>")
          .append("<link href=\"")
          .append(pat.base())
          .append("/posts/")
          .append(i)
          .append("\"/>")
          .append("<published>")
          .append(at)
          .append("</published><updated>")
          .append(at)
          .append("</updated>")
          .append("<author><name>Pat Q.</name></author>")
          .append("<summary>")
          .append(xml("Post " + i + " about " + topic + ": what broke, why, and the fix."))
          .append("</summary>")
          .append("<content type=\"html\">")
          .append(xml(body))
          .append("</content></entry>\n");
    }
    b.append("</feed>\n");
    pat.put("/feed.atom", "application/atom+xml", b.toString());
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  HttpResponse<String> get(String path) throws Exception {
    return get(path, Map.of());
  }

  HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base() + path));
    headers.forEach(r::header);
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> bytes(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base() + path));
    headers.forEach(r::header);
    return http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  List<String> paths() {
    return List.of(
        "/",
        "/sources",
        "/authors/pat",
        "/tags/queues",
        "/search?q=notes",
        "/feed.atom",
        "/feed.rss",
        "/feed.json",
        "/authors/ada/feed.atom",
        "/tags/queues/feed.json",
        "/opml",
        "/api/entries",
        "/api/sources");
  }

  @Override
  public void close() {
    app.close();
    fixtures.close();
    blog.close();
    pat.close();
    more.close();
  }
}
