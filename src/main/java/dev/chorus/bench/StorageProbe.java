package dev.chorus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chorus.App;
import dev.chorus.clean.PlainText;
import dev.chorus.config.ConfigLoader;
import dev.chorus.model.FuzzyDate;
import dev.chorus.model.ParsedEntry;
import dev.chorus.store.Cursor;
import dev.chorus.store.Database;
import dev.chorus.store.EntryStore;
import dev.chorus.store.FetchOutcome;
import dev.chorus.store.NewEntry;
import dev.chorus.store.SearchIndex;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The storage benchmark's child JVM. {@code build}: fills a database with synthetic entries through
 * {@link EntryStore#saveSuccess}, one transaction per source. {@code query}: times the store's
 * list, cursor and search queries, shows their query plans, then serves the database and times the
 * first (uncached) render of each page; prints a RESULT line.
 */
public final class StorageProbe {
  private static final Instant NOW = FeedFarm.BASE;
  private static final String ENTRY_COLUMNS =
      "e.id, e.source_id, s.name, e.key, e.author, e.title, e.url, e.published, e.sort_at, e.updated_at,"
          + " e.summary, e.content, e.first_seen";

  private StorageProbe() {}

  /** Arguments: build|query, config file, entries, sources. */
  public static void main(String[] args) throws Exception {
    Path config = Path.of(args[1]);
    int entries = Integer.parseInt(args[2]);
    int sources = Integer.parseInt(args[3]);
    ObjectNode out = new ObjectMapper().createObjectNode();
    if (args[0].equals("build")) {
      build(ConfigLoader.load(config).database(), entries, sources, out);
    } else {
      query(config, sources, out);
    }
    out.put("hwmKb", Probes.vmHwmKb());
    System.out.println("RESULT " + out);
    System.exit(0);
  }

  // ---- build ----

  private static void build(Path file, int entries, int sources, ObjectNode out) {
    long start = System.nanoTime();
    int perSource = Math.max(1, entries / sources);
    try (Database db = Database.open(file)) {
      EntryStore store = new EntryStore(db, Clock.fixed(NOW, java.time.ZoneOffset.UTC));
      for (int s = 0; s < sources; s++) {
        store.upsertSource("blog-" + s, "Blog " + s, "http://127.0.0.1:9/" + s + "/");
      }
      int written = 0;
      for (int s = 0; s < sources && written < entries; s++) {
        int n = Math.min(perSource + (s < entries % sources ? 1 : 0), entries - written);
        List<NewEntry> batch = entries(s, n);
        FetchOutcome o =
            new FetchOutcome(
                NOW,
                100,
                "feed",
                "http://127.0.0.1:9/" + s + "/feed",
                null,
                null,
                200,
                NOW.plus(Duration.ofMinutes(30)),
                false);
        written += store.saveSuccess("blog-" + s, batch, o).inserted();
        if (s % 200 == 199 || s == sources - 1) {
          System.err.printf(
              "%d entries after %.0f s%n", written, (System.nanoTime() - start) / 1e9);
        }
      }
      out.put("entries", written);
      out.put("storeSeconds", (System.nanoTime() - start) / 1e9);
      long t0 = System.nanoTime();
      long indexed = new SearchIndex(db, PlainText::ofSanitized).catchUp();
      double secs = (System.nanoTime() - t0) / 1e9;
      System.err.printf("search index: %d entries in %.0f s%n", indexed, secs);
      out.put("indexSeconds", secs);
    }
    out.put("buildSeconds", (System.nanoTime() - start) / 1e9);
  }

  /** A source's posts: one every few days back from now, with prose and HTML like the farm's. */
  static List<NewEntry> entries(int source, int n) {
    SplittableRandom r = new SplittableRandom(source * 7919L + 17);
    String host = "blog-" + source + ".example.org";
    String author =
        Words.FIRST[r.nextInt(Words.FIRST.length)] + " " + Words.LAST[r.nextInt(Words.LAST.length)];
    long stepMinutes = 60L * 24 * (1 + r.nextInt(6));
    List<NewEntry> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      Instant at = NOW.minus(Duration.ofMinutes(stepMinutes * k + r.nextInt(1440)));
      String title = Words.sentence(r, 3 + r.nextInt(7), false);
      String url = "https://" + host + "/" + at.toString().substring(0, 10) + "/" + k + "/";
      String summary = Words.sentence(r, 25 + r.nextInt(25), true);
      String content = Words.article(r, 400 + r.nextInt(2400), host);
      ParsedEntry e =
          new ParsedEntry(url, url, title, author, FuzzyDate.ofInstant(at), null, summary, content);
      out.add(new NewEntry("g:" + url, url, e));
    }
    return out;
  }

  // ---- query ----

  private static void query(Path config, int sources, ObjectNode out) throws Exception {
    try (App app = new App(ConfigLoader.load(config), Clock.systemUTC())) {
      EntryStore store = app.store();
      SearchIndex search = app.search();
      Database db = store.database();
      long pending = search.pending();
      if (pending > 0) { // a database built before the word index: indexed again on upgrade
        long t0 = System.nanoTime();
        search.catchUp();
        out.put("reindexed", pending);
        out.put("reindexSeconds", (System.nanoTime() - t0) / 1e9);
      }
      Path file = db.file();
      out.put("dbMb", (Files.size(file) + size(Path.of(file + "-wal"))) / 1e6);
      long rows = db.read(c -> scalar(c, "SELECT count(*) FROM entries"));
      out.put("rows", rows);
      String deepest =
          "SELECT %s FROM entries ORDER BY sort_at DESC, id DESC LIMIT 1 OFFSET " + rows * 9 / 10;
      long deepSort = db.read(c -> scalar(c, String.format(deepest, "sort_at")));
      long deepId = db.read(c -> scalar(c, String.format(deepest, "id")));
      Cursor deep = new Cursor(deepSort, deepId);
      List<String> tagged = new ArrayList<>();
      for (int s = 0; s < sources; s += 10) {
        tagged.add("blog-" + s);
      }
      ObjectNode q = out.putObject("queries");
      time(q, "first page", () -> store.page(null, null, 30));
      String one = "blog-" + (sources * 7 / 10);
      time(q, "a source's first page", () -> store.page(List.of(one), null, 30));
      time(
          q,
          "a tag's first page (" + tagged.size() + " sources)",
          () -> store.page(tagged, null, 30));
      time(q, "deep cursor page (90% down)", () -> store.page(null, deep, 30));
      time(q, "search: common word (system)", () -> search.search("system", 50));
      time(q, "search: two words (cache latency)", () -> search.search("cache latency", 50));
      String rare = Words.rare(20_000);
      time(q, "search: rare word (" + rare + ")", () -> search.search(rare, 50));
      time(q, "dataVersion()", store::dataVersion);
      time(q, "sources() with entry counts", store::sources);
      Instant fourWeeksAgo = Instant.now().minus(Duration.ofDays(28));
      time(
          q,
          "a source's posts in 4 weeks (once per refresh)",
          () -> store.postsSince(one, fourWeeksAgo));
      ArrayNode plans = out.putArray("plans");
      String page =
          "SELECT " + ENTRY_COLUMNS + " FROM entries e JOIN sources s ON s.id = e.source_id";
      String order = " ORDER BY e.sort_at DESC, e.id DESC LIMIT 31";
      plan(db, plans, "first page", page + order);
      plan(db, plans, "a source's page", page + " WHERE e.source_id IN ('" + one + "')" + order);
      plan(
          db,
          plans,
          "a tag's page",
          page + " WHERE e.source_id IN ('blog-0','blog-10','blog-20')" + order);
      plan(
          db,
          plans,
          "deep cursor page",
          page + " WHERE (e.sort_at, e.id) < (" + deepSort + ", " + deepId + ")" + order);
      plan(
          db,
          plans,
          "search",
          "SELECT "
              + ENTRY_COLUMNS
              + ", highlight(entries_fts, 0, char(1), char(2)),"
              + " snippet(entries_fts, -1, char(1), char(2), '…', 24) FROM entries_fts f"
              + " JOIN entries e ON e.id = f.rowid JOIN sources s ON s.id = e.source_id"
              + " WHERE entries_fts MATCH '\"system\"*' ORDER BY bm25(entries_fts, 5.0, 2.0, 1.0),"
              + " e.sort_at DESC LIMIT 50");
      plan(
          db,
          plans,
          "known links of a source",
          "SELECT 1 FROM entries WHERE source_id = 'blog-1' AND url_key = 'x' LIMIT 1");
      plan(
          db,
          plans,
          "entry by key",
          "SELECT id, hash, first_seen FROM entries WHERE source_id = 'blog-1' AND key = 'x'");
      plan(
          db,
          plans,
          "a source's posts since",
          "SELECT count(CASE WHEN date_flag IS NULL THEN 1 END)"
              + " + count(DISTINCT CASE WHEN date_flag IS NOT NULL THEN sort_at END), min(sort_at)"
              + " FROM entries WHERE source_id = 'blog-1' AND sort_at >= 0");
      int port = app.serve("127.0.0.1", 0, false);
      ObjectNode web = out.putObject("web");
      HttpClient http = HttpClient.newHttpClient();
      for (String path :
          new String[] {
            "/",
            "/authors/" + one,
            "/tags/bench",
            "/search?q=cache+latency",
            "/api/entries?limit=50",
            "/feed.atom",
            "/sources"
          }) {
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept-Encoding", "gzip")
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        double first = (System.nanoTime() - t0) / 1e6;
        t0 = System.nanoTime();
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept-Encoding", "gzip")
                .build(),
            HttpResponse.BodyHandlers.discarding());
        double again = (System.nanoTime() - t0) / 1e6;
        ObjectNode w = web.putObject(path);
        w.put("status", r.statusCode());
        w.put("firstMs", first);
        w.put("cachedMs", again);
      }
    }
  }

  private static long size(Path p) throws java.io.IOException {
    return Files.exists(p) ? Files.size(p) : 0;
  }

  private static long scalar(java.sql.Connection c, String sql) throws java.sql.SQLException {
    try (PreparedStatement p = c.prepareStatement(sql);
        ResultSet rs = p.executeQuery()) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  private static void time(ObjectNode q, String name, Runnable query) {
    for (int i = 0; i < 3; i++) {
      query.run();
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      long t0 = System.nanoTime();
      query.run();
      ms.add((System.nanoTime() - t0) / 1e6);
    }
    Collections.sort(ms);
    ObjectNode o = q.putObject(name);
    o.put("medianMs", ms.get(ms.size() / 2));
    o.put("minMs", ms.get(0));
    o.put("maxMs", ms.get(ms.size() - 1));
  }

  private static void plan(Database db, ArrayNode plans, String name, String sql) {
    List<String> lines =
        db.read(
            c -> {
              List<String> l = new ArrayList<>();
              try (PreparedStatement p = c.prepareStatement("EXPLAIN QUERY PLAN " + sql);
                  ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                  l.add(rs.getString(4));
                }
              }
              return l;
            });
    ObjectNode o = plans.addObject();
    o.put("query", name);
    lines.forEach(o.withArray("plan")::add);
  }
}
