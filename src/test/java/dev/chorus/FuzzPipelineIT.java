package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.FaultyServer.Reply;
import dev.chorus.clean.PlainText;
import dev.chorus.config.Config;
import dev.chorus.config.FetchSettings;
import dev.chorus.config.PollSettings;
import dev.chorus.config.SourceConfig;
import dev.chorus.config.SourceConfig.ContentMode;
import dev.chorus.fetch.FetchPolicy;
import dev.chorus.fetch.Fetcher;
import dev.chorus.refresh.RefreshReport;
import dev.chorus.refresh.SourceRefresher;
import dev.chorus.store.Database;
import dev.chorus.store.EntryStore;
import dev.chorus.store.SearchIndex;
import dev.chorus.web.WebServer;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of mutated feeds and pages (truncated, bit-flipped, spliced, chunk-repeated, laced with
 * hostile snippets; seeded, so every run is the same) through fetch → parse/scrape → clean → store
 * → render. No refresh may fail unexpectedly or hang, and no output may carry live markup.
 */
class FuzzPipelineIT {
  private static final long SEED = 0xC40205L;
  private static final int FEED_CASES = 1_600;

  /**
   * Mutation kinds by weight: hostile snippets most, destructive cuts less (they only test
   * refusal).
   */
  private static final int[] OPS = {0, 1, 1, 2, 3, 4, 4, 4, 5, 6, 7, 7, 7, 7, 7, 7, 7};

  private static final int PAGE_CASES = 400;
  private static final int CHECK_EVERY = 200;
  private static final String[] SNIPPETS = {
    "<script>alert(1)</script>",
    "]]>",
    "<![CDATA[",
    "&#x0;",
    "&#0;",
    "<!DOCTYPE x [<!ENTITY a 'b'>]>",
    "\u0000",
    "<iframe src=javascript:alert(1)>",
    "&lt;img src=x onerror=alert(1)&gt;",
    "<svg onload=alert(1)>",
    "<style>",
    "<!--",
    "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
    "</content>",
    "\uFEFF",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;",
    "<base href=//evil.example/>",
    "<meta http-equiv=refresh content=0>",
    "<img src=x onerror=alert(1)>",
    "&#106;avascript:",
    "<object data=x>",
    "<form action=//evil.example>",
    "\uD800",
    "<item><title>t</title><link>javascript:alert(1)</link></item>",
    "<entry><content type=\"html\">&lt;script&gt;</content></entry>",
    "<pubDate>Fri, 31 Dec 9999 23:59:59 +9999</pubDate>",
    "<guid>1</guid>",
    "\"content_html\":\"<script>alert(1)</script>\",",
    "<div style=\"background:url(javascript:alert(1))\">",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
  };
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void mutatedDocumentsNeitherCrashNorHangNorLeakMarkup() throws Exception {
    List<byte[]> feeds = seeds("/feeds", ".xml", ".json");
    feeds.addAll(seeds("/sites/e2e", ".xml", ".json"));
    List<byte[]> pages = seeds("/scrape/pages", ".html");
    pages.addAll(seeds("/sites/e2e-blog", ".html"));
    assertThat(feeds).hasSizeGreaterThan(10);
    assertThat(pages).hasSizeGreaterThan(5);

    Random random = new Random(SEED);
    List<String> problems = new ArrayList<>();
    int ok = 0;
    int[] read = new int[2];
    int failed = 0;
    long slowest = 0;
    ExecutorService worker = Executors.newSingleThreadExecutor();
    try (FaultyServer server = new FaultyServer();
        Database db = Database.open(dir.resolve("chorus.db"));
        // every name resolves to loopback: post pages and discovered feeds never leave the machine
        Fetcher fetcher =
            new Fetcher(
                new FetchPolicy(2 << 20, Duration.ofSeconds(3), 3, true, "fuzz", 4, 16),
                host -> List.of(InetAddress.getLoopbackAddress()))) {
      EntryStore store = new EntryStore(db, Clock.systemUTC());
      SearchIndex search = new SearchIndex(db, PlainText::ofSanitized);
      SourceRefresher refresher = new SourceRefresher(fetcher, store, Clock.systemUTC());
      // a source per case, so no case overwrites another's entries before they are checked
      List<SourceConfig> sources = new java.util.concurrent.CopyOnWriteArrayList<>();
      java.util.function.Supplier<Config> cfg =
          () ->
              new Config(
                  dir.resolve("feeds.yml"),
                  "Fuzz",
                  dir.resolve("chorus.db"),
                  PollSettings.fixed(Duration.ofHours(1)),
                  FetchSettings.defaults(),
                  sources);
      java.util.Set<Long> checked = new java.util.HashSet<>();
      try (WebServer web = new WebServer(store, search, cfg, () -> null, Clock.systemUTC())) {
        int port = web.start("127.0.0.1", 0);
        long t0 = System.nanoTime();
        for (int i = 0; i < FEED_CASES + PAGE_CASES; i++) {
          boolean page = i >= FEED_CASES;
          List<byte[]> pool = page ? pages : feeds;
          String how = "";
          byte[] doc = pool.get(random.nextInt(pool.size()));
          for (int m = random.nextInt(4) == 0 ? 2 : 1; m > 0; m--) {
            int op = OPS[random.nextInt(OPS.length)];
            how += op;
            doc = mutate(doc, op, pool, random);
          }
          String type =
              page ? "text/html; charset=utf-8" : random.nextBoolean() ? "application/xml" : null;
          if (page) {
            server.route("/blog/", Reply.ok(type, doc));
          } else {
            server.route("/feed", Reply.ok(type, doc));
          }
          String id = (page ? "p" : "f") + i;
          SourceConfig source =
              page
                  ? new SourceConfig(
                      id,
                      "Page <b>" + i + "</b>",
                      server.url("/blog/"),
                      null,
                      List.of("fuzz"),
                      PollSettings.fixed(Duration.ofHours(1)),
                      null,
                      ContentMode.FULL,
                      i)
                  : new SourceConfig(
                      id,
                      "Feed \"" + i + "\" &",
                      server.url("/"),
                      server.url("/feed"),
                      List.of("fuzz"),
                      PollSettings.fixed(Duration.ofHours(1)),
                      null,
                      ContentMode.FULL,
                      i);
          store.upsertSource(id, source.name(), source.url());
          sources.add(source);
          long s0 = System.nanoTime();
          Future<RefreshReport> job = worker.submit(() -> refresher.refresh(source));
          RefreshReport r;
          try {
            r = job.get(20, TimeUnit.SECONDS);
          } catch (TimeoutException e) {
            save(i, doc);
            throw new AssertionError(
                "case " + i + " (mutations " + how + ") hung; saved under target/fuzz-failures");
          }
          slowest = Math.max(slowest, System.nanoTime() - s0);
          if (r.error() == null) {
            ok++;
            read[page ? 1 : 0]++;
          } else {
            failed++;
            if (r.error().contains("internal error")
                || r.error().contains("Exception")
                || r.error().contains("java.")) {
              save(i, doc);
              problems.add("case " + i + " (mutations " + how + "): " + r.error());
            }
          }
          if ((i + 1) % CHECK_EVERY == 0) {
            search.catchUp(); // search must find (and safely show) the hostile posts too
            problems.addAll(checkOutputs(port, "after case " + i, checked, random));
          }
        }
        System.out.printf(
            "fuzz: %d feeds + %d pages in %d ms: %d + %d read, %d refused with a reason, slowest %d ms,"
                + " %d entries stored%n",
            FEED_CASES,
            PAGE_CASES,
            (System.nanoTime() - t0) / 1_000_000,
            read[0],
            read[1],
            failed,
            slowest / 1_000_000,
            store.page(null, null, 100_000).entries().size());
        System.out.printf(
            "fuzz: %d stored entries checked in the API, %d problems%n",
            checked.size(), problems.size());
      }
      refresher.close();
    } finally {
      worker.shutdownNow();
    }
    assertThat(problems).isEmpty();
    assertThat(ok).as("mutations that still read as feeds or pages").isGreaterThan(100);
  }

  /**
   * Every entry not checked before through the API, a sample of them as pages, and the merged
   * views.
   */
  private List<String> checkOutputs(
      int port, String when, java.util.Set<Long> checked, Random random) throws Exception {
    List<String> out = new ArrayList<>();
    List<JsonNode> fresh = new ArrayList<>();
    String cursor = "";
    do {
      HttpResponse<String> api =
          get(port, "/api/entries?limit=200" + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
      if (api.statusCode() != 200) {
        out.add(when + ": /api/entries " + api.statusCode());
        return out;
      }
      JsonNode body = json.readTree(api.body());
      body.get("entries")
          .forEach(
              e -> {
                if (checked.add(e.get("id").asLong())) {
                  fresh.add(e);
                }
              });
      cursor = body.path("next").asText("");
    } while (!cursor.isEmpty());
    for (JsonNode e : fresh) {
      OutputChecker.fragment(e.path("content").asText(null))
          .forEach(p -> out.add(when + ": api " + e.get("id") + " " + p));
    }
    for (int k = 0; k < Math.min(20, fresh.size()); k++) {
      JsonNode e = fresh.get(random.nextInt(fresh.size()));
      check(out, when, "/entries/" + e.get("id"), get(port, "/entries/" + e.get("id")), true);
      check(
          out,
          when,
          "/authors/" + e.get("source").asText(),
          get(port, "/authors/" + e.get("source").asText()),
          true);
    }
    for (String path : List.of("/", "/tags/fuzz", "/search?q=alert", "/search?q=script")) {
      check(out, when, path, get(port, path), true);
    }
    for (String path : List.of("/feed.atom", "/feed.rss")) {
      HttpResponse<String> r = get(port, path);
      check(out, when, path, r, false);
      OutputChecker.xmlFeed(r.body().getBytes(StandardCharsets.UTF_8))
          .forEach(p -> out.add(when + ": " + path + " " + p));
    }
    HttpResponse<String> jf = get(port, "/feed.json");
    check(out, when, "/feed.json", jf, false);
    OutputChecker.jsonFeed(json.readTree(jf.body()))
        .forEach(p -> out.add(when + ": /feed.json " + p));
    return out;
  }

  private static void check(
      List<String> out, String when, String path, HttpResponse<String> r, boolean html) {
    if (r.statusCode() != 200) {
      out.add(when + ": " + path + " answered " + r.statusCode());
      return;
    }
    if (html) {
      OutputChecker.page(r.body(), r.headers().firstValue("Content-Security-Policy").orElse(null))
          .forEach(p -> out.add(when + ": " + path + " " + p));
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * One mutation: truncate, flip bits, splice, repeat a chunk, insert a snippet, delete, nest deep.
   */
  static byte[] mutate(byte[] doc, int op, List<byte[]> pool, Random random) {
    int n = doc.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream(n + 64);
    int at = n == 0 ? 0 : random.nextInt(n);
    switch (op) {
      case 0 -> out.write(doc, 0, at);
      case 1 -> {
        byte[] copy = doc.clone();
        for (int k = 1 + random.nextInt(8); k > 0 && n > 0; k--) {
          copy[random.nextInt(n)] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
      }
      case 2 -> {
        byte[] other = pool.get(random.nextInt(pool.size()));
        out.write(doc, 0, at);
        int from = other.length == 0 ? 0 : random.nextInt(other.length);
        out.write(other, from, other.length - from);
      }
      case 3 -> {
        int len = Math.min(n - at, 1 + random.nextInt(200));
        out.write(doc, 0, at + len);
        for (int k = random.nextInt(50); k > 0; k--) {
          out.write(doc, at, len);
        }
        out.write(doc, at + len, n - at - len);
      }
      case 4 -> {
        out.write(doc, 0, at);
        byte[] s = SNIPPETS[random.nextInt(SNIPPETS.length)].getBytes(StandardCharsets.UTF_8);
        out.write(s, 0, s.length);
        out.write(doc, at, n - at);
      }
      case 5 -> {
        int len = Math.min(n - at, random.nextInt(500));
        out.write(doc, 0, at);
        out.write(doc, at + len, n - at - len);
      }
      case 7 -> {
        // a hostile snippet as escaped text (or CDATA) right after some tag: still well-formed XML
        String text = new String(doc, StandardCharsets.UTF_8);
        int gt =
            text.indexOf('>', Math.min(text.length(), random.nextInt(Math.max(1, text.length()))));
        String snippet = SNIPPETS[random.nextInt(SNIPPETS.length)];
        String inserted =
            random.nextBoolean()
                ? snippet.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                : "<![CDATA[" + snippet.replace("]]>", "]]]]><![CDATA[>") + "]]>";
        return gt < 0
            ? doc
            : (text.substring(0, gt + 1) + inserted + text.substring(gt + 1))
                .getBytes(StandardCharsets.UTF_8);
      }
      default -> {
        out.write(doc, 0, at);
        byte[] open = "<div><b>".getBytes(StandardCharsets.UTF_8);
        for (int k = 200 + random.nextInt(3_000); k > 0; k--) {
          out.write(open, 0, open.length);
        }
        out.write(doc, at, n - at);
      }
    }
    return out.toByteArray();
  }

  private List<byte[]> seeds(String resource, String... endings) throws Exception {
    Path root = Path.of(getClass().getResource(resource).toURI());
    List<byte[]> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        for (String e : endings) {
          if (p.toString().endsWith(e)) {
            out.add(Files.readAllBytes(p));
          }
        }
      }
    }
    return out;
  }

  private static void save(int i, byte[] doc) {
    try {
      Path d = Path.of("target", "fuzz-failures");
      Files.createDirectories(d);
      Files.write(d.resolve("case-" + i + ".bin"), doc);
    } catch (Exception e) {
      // best effort: the assertion message names the case
    }
  }
}
