package dev.chorus.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chorus.config.Config;
import dev.chorus.config.Durations;
import dev.chorus.config.SourceConfig;
import dev.chorus.config.SourceConfig.ContentMode;
import dev.chorus.model.FuzzyDate;
import dev.chorus.model.SourceState;
import dev.chorus.model.StoredEntry;
import dev.chorus.store.Cursor;
import dev.chorus.store.EntryPage;
import dev.chorus.store.EntryStore;
import dev.chorus.store.SearchIndex;
import dev.chorus.store.SearchIndex.Hit;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The web face of Chorus: reading pages, sources, merged feeds, OPML and the JSON API. */
public final class WebServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);
  static final int PAGE_SIZE = 30;
  static final int FEED_SIZE = 50;
  static final int MAX_API_LIMIT = 200;
  private static final String CSP =
      "default-src 'none'; style-src 'self'; img-src 'self' https: http:; media-src https: http:;"
          + " frame-src https://www.youtube-nocookie.com https://www.youtube.com"
          + " https://player.vimeo.com; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ERROR_SHOWN = "chorus.error-shown";

  private final EntryStore store;
  private final SearchIndex search;
  private final Supplier<Config> config;
  private final Supplier<String> configError;
  private final Clock clock;
  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
  private final ResponseCache cache = new ResponseCache();
  private final DateLabels dates;
  private final byte[] css;
  private final byte[] icon;
  private Javalin app;

  public WebServer(
      EntryStore store,
      SearchIndex search,
      Supplier<Config> config,
      Supplier<String> configError,
      Clock clock) {
    this.store = store;
    this.search = search;
    this.config = config;
    this.configError = configError;
    this.clock = clock;
    this.dates = new DateLabels(clock);
    this.css = resource("/static/chorus.css");
    this.icon = resource("/static/icon.svg");
  }

  /** Starts serving on the port (0 picks a free one) and returns the bound port. */
  public int start(String host, int port) {
    app =
        Javalin.create(
            c -> {
              c.http.compressionStrategy = CompressionStrategy.NONE;
              c.http.generateEtags = false;
              c.startup.showJavalinBanner = false;
              c.jetty.host = host;
              c.jetty.port = port;
              c.routes.before(ctx -> securityHeaders(ctx));
              c.routes.get("/", this::home);
              c.routes.get("/sources", this::sourcesPage);
              c.routes.get("/authors/{id}", this::authorPage);
              c.routes.get(
                  "/sources/{id}",
                  ctx ->
                      ctx.redirect(
                          "/authors/" + ctx.pathParam("id"),
                          io.javalin.http.HttpStatus.MOVED_PERMANENTLY));
              c.routes.get("/tags/{tag}", this::tagPage);
              c.routes.get("/search", this::searchPage);
              c.routes.get("/entries/{id}", this::entryPage);
              c.routes.get("/feed.{kind}", ctx -> feed(ctx, null, null));
              c.routes.get(
                  "/authors/{id}/feed.{kind}", ctx -> feed(ctx, ctx.pathParam("id"), null));
              c.routes.get("/tags/{tag}/feed.{kind}", ctx -> feed(ctx, null, ctx.pathParam("tag")));
              c.routes.get("/opml", this::opml);
              c.routes.get("/api/entries", this::apiEntries);
              c.routes.get("/api/sources", this::apiSources);
              c.routes.get(
                  "/static/chorus.css",
                  ctx -> {
                    ctx.header("Cache-Control", "public, max-age=86400");
                    ctx.contentType("text/css; charset=utf-8").result(css);
                  });
              c.routes.get("/static/icon.svg", this::icon);
              c.routes.get("/favicon.ico", this::icon);
              c.routes.get("/healthz", ctx -> ctx.result("ok"));
              c.routes.exception(BadRequest.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
              c.routes.exception(NotFound.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
              c.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    log.error("{} {} failed", ctx.method(), ctx.path(), e);
                    error(ctx, 500, "internal error; see the server log");
                  });
              c.routes.error(
                  404,
                  "*",
                  ctx -> {
                    if (ctx.attribute(ERROR_SHOWN) == null) {
                      error(ctx, 404, "no such page: " + ctx.path());
                    }
                  });
            });
    app.start();
    return app.port();
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
  }

  private void icon(Context ctx) {
    ctx.header("Cache-Control", "public, max-age=86400");
    ctx.contentType("image/svg+xml").result(icon);
  }

  // ---- pages ----

  private void home(Context ctx) {
    Cursor after = cursor(ctx.queryParam("after"));
    cached(
        ctx,
        "text/html; charset=utf-8",
        () -> {
          EntryPage page = store.page(null, after, PAGE_SIZE);
          Config cfg = config.get();
          return render(
              "list.jte",
              new ListPage(
                  cfg.title(),
                  cfg.title(),
                  intro(cfg),
                  group(page.entries(), cfg),
                  older("/", page),
                  after == null ? null : "/",
                  "",
                  null,
                  null,
                  "home"));
        });
  }

  private String intro(Config cfg) {
    return "The latest posts from " + cfg.sources().size() + " authors.";
  }

  private void authorPage(Context ctx) {
    SourceConfig s = source(ctx.pathParam("id"), false);
    Cursor after = cursor(ctx.queryParam("after"));
    cached(
        ctx,
        "text/html; charset=utf-8",
        () -> {
          Config cfg = config.get();
          EntryPage page = store.page(List.of(s.id()), after, PAGE_SIZE);
          String intro =
              s.tags().isEmpty() ? null : "Writes about " + String.join(", ", s.tags()) + ".";
          return render(
              "list.jte",
              new ListPage(
                  cfg.title(),
                  s.name(),
                  intro,
                  group(page.entries(), cfg),
                  older("/authors/" + s.id(), page),
                  after == null ? null : "/authors/" + s.id(),
                  "/authors/" + s.id(),
                  Links.safe(s.url()),
                  null,
                  "author"));
        });
  }

  private void tagPage(Context ctx) {
    String tag = tag(ctx.pathParam("tag"));
    Cursor after = cursor(ctx.queryParam("after"));
    cached(
        ctx,
        "text/html; charset=utf-8",
        () -> {
          Config cfg = config.get();
          EntryPage page = store.page(sourcesTagged(cfg, tag), after, PAGE_SIZE);
          return render(
              "list.jte",
              new ListPage(
                  cfg.title(),
                  "#" + tag,
                  "Posts from authors tagged " + tag + ".",
                  group(page.entries(), cfg),
                  older("/tags/" + tag, page),
                  after == null ? null : "/tags/" + tag,
                  "/tags/" + tag,
                  null,
                  null,
                  "tag"));
        });
  }

  private void searchPage(Context ctx) {
    String q = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
    if (q.length() > 200) {
      throw new BadRequest("the search is too long (200 characters at most)");
    }
    cached(
        ctx,
        "text/html; charset=utf-8",
        () -> {
          Config cfg = config.get();
          List<Hit> hits = q.isEmpty() ? List.of() : search.search(q, 50);
          long unindexed = q.isEmpty() ? 0 : search.pending();
          List<EntryView> views = new ArrayList<>();
          for (Hit h : hits) {
            views.add(view(h.entry(), cfg, h));
          }
          List<DayGroup> groups =
              views.isEmpty()
                  ? List.of()
                  : List.of(
                      new DayGroup(
                          hits.size()
                              + (hits.size() == 1 ? " result" : " results")
                              + (hits.size() == 50 ? " (the best 50)" : ""),
                          views));
          return render(
              "list.jte",
              new ListPage(
                  cfg.title(),
                  q.isEmpty() ? "Search" : "Search: " + q,
                  unindexed == 0
                      ? null
                      : unindexed
                          + (unindexed == 1 ? " post was" : " posts were")
                          + " stored moments ago and can't be found yet: the search index is"
                          + " catching up.",
                  groups,
                  null,
                  null,
                  "",
                  null,
                  q.isEmpty() ? null : q,
                  "search"));
        });
  }

  private void entryPage(Context ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new NotFound("no such entry");
    }
    cached(
        ctx,
        "text/html; charset=utf-8",
        () -> {
          Config cfg = config.get();
          StoredEntry e = store.entry(id).orElseThrow(() -> new NotFound("no such entry"));
          Map<String, Object> params = new LinkedHashMap<>();
          params.put("siteTitle", cfg.title());
          params.put("e", view(e, cfg, null));
          params.put("contentHtml", e.content());
          return renderMap("entry.jte", params);
        });
  }

  private void sourcesPage(Context ctx) {
    cached(
        ctx,
        "text/html; charset=utf-8",
        () -> {
          Config cfg = config.get();
          Map<String, SourceState> states = new LinkedHashMap<>();
          store.sources().forEach(s -> states.put(s.id(), s));
          Map<String, Double> perWeek = store.postsPerWeek(4); // the window adaptive polling counts
          List<SourceView> views = new ArrayList<>();
          for (SourceConfig s : cfg.sources()) {
            views.add(sourceView(s, states.get(s.id()), perWeek.getOrDefault(s.id(), 0.0)));
          }
          long failing =
              views.stream()
                  .filter(v -> v.status().equals("failing") || v.status().equals("gone"))
                  .count();
          long pending = views.stream().filter(v -> v.status().equals("pending")).count();
          List<SourceView> ordered = new ArrayList<>(views);
          ordered.sort(
              java.util.Comparator.comparingInt(
                  v ->
                      switch (v.status()) {
                        case "failing" -> 0;
                        case "gone" -> 1;
                        case "pending" -> 2;
                        default -> 3;
                      }));
          return render(
              "sources.jte",
              new SourcesPage(
                  cfg.title(),
                  ordered,
                  configError.get(),
                  views.size() - failing - pending,
                  failing,
                  pending));
        });
  }

  private SourceView sourceView(SourceConfig s, SourceState st, double perWeek) {
    String status;
    if (st == null || st.lastFetchAt() == null) {
      status = "pending";
    } else if (st.gone()) {
      status = "gone";
    } else if (st.lastError() != null) {
      status = "failing";
    } else {
      status = "ok";
    }
    String statusLabel =
        switch (status) {
          case "pending" -> "Not polled yet";
          case "gone" -> "Gone";
          case "failing" -> "Failing";
          default -> "OK";
        };
    String path =
        st == null || st.path() == null
            ? "not read yet"
            : switch (st.path()) {
              case "feed" -> "its feed";
              case "discovered" -> "a discovered feed";
              case "scraped" -> "the page (detected)";
              case "selectors" -> "the page (your selectors)";
              default -> st.path();
            };
    return new SourceView(
        s.id(),
        s.name(),
        Links.safe(s.url()),
        st == null ? null : Links.safe(st.feedUrl()),
        path,
        status,
        statusLabel,
        st == null || st.lastSuccessAt() == null ? "never" : dates.label(null, st.lastSuccessAt()),
        st == null || st.lastSuccessAt() == null ? null : FeedWriter.rfc3339(st.lastSuccessAt()),
        st == null ? null : st.lastError(),
        st == null ? 0 : st.consecutiveFailures(),
        st == null || st.nextPollAt() == null
            ? (st != null && st.gone() ? "stopped (410 Gone)" : "when Chorus starts")
            : when(st.nextPollAt()),
        polling(s, st, status),
        st == null ? 0 : st.entryCount(),
        perWeek == 0 ? "none lately" : String.format(Locale.ROOT, "%.1f", perWeek),
        s.tags());
  }

  /** How often the source is polled and by which rule; the wait is the one last booked. */
  private static String polling(SourceConfig s, SourceState st, String status) {
    String rule =
        s.poll().adaptive()
            ? "adaptive: " + span(s.poll().every()) + " to " + span(s.poll().max())
            : "fixed";
    return switch (status) {
      case "gone" -> "stopped";
      case "failing" ->
          "backing off after "
              + st.consecutiveFailures()
              + (st.consecutiveFailures() == 1 ? " failure" : " failures");
      case "pending" -> s.poll().adaptive() ? rule : "fixed: every " + span(s.poll().every());
      default ->
          st.nextPollAt() == null
              ? rule
              : "every "
                  + span(java.time.Duration.between(st.lastFetchAt(), st.nextPollAt()))
                  + " ("
                  + rule
                  + ")";
    };
  }

  private static String span(java.time.Duration d) {
    long mins = Math.max(1, d.toMinutes());
    return mins < 120 ? mins + " min" : mins < 72 * 60 ? mins / 60 + " h" : mins / (24 * 60) + " d";
  }

  private String when(Instant at) {
    long mins = java.time.Duration.between(clock.instant(), at).toMinutes();
    if (mins <= 0) {
      return "due now";
    }
    return mins < 120 ? "in " + mins + " min" : "in " + (mins / 60) + " h";
  }

  // ---- feeds ----

  private void feed(Context ctx, String sourceId, String tag) {
    String kind = ctx.pathParam("kind");
    if (!kind.equals("atom") && !kind.equals("rss") && !kind.equals("json")) {
      throw new NotFound("no such feed format: " + kind + " (atom, rss or json)");
    }
    SourceConfig source = sourceId == null ? null : source(sourceId, false);
    String t = tag == null ? null : tag(tag);
    String type =
        switch (kind) {
          case "atom" -> "application/atom+xml; charset=utf-8";
          case "rss" -> "application/rss+xml; charset=utf-8";
          default -> "application/feed+json; charset=utf-8";
        };
    String base = baseUrl(ctx);
    cached(
        ctx,
        type,
        () -> {
          Config cfg = config.get();
          List<String> ids =
              source != null ? List.of(source.id()) : t != null ? sourcesTagged(cfg, t) : null;
          List<StoredEntry> entries = store.page(ids, null, FEED_SIZE).entries();
          String title =
              source != null
                  ? source.name() + " · " + cfg.title()
                  : t != null ? "#" + t + " · " + cfg.title() : cfg.title();
          String prefix =
              source != null ? "/authors/" + source.id() : t != null ? "/tags/" + t : "";
          Instant updated =
              entries.stream()
                  .map(e -> item(e, cfg, base).updated())
                  .max(Instant::compareTo)
                  .orElse(Instant.EPOCH);
          FeedMeta meta =
              new FeedMeta(
                  title,
                  base + prefix + "/feed." + kind,
                  base + (prefix.isEmpty() ? "/" : prefix),
                  updated);
          List<FeedItem> items = entries.stream().map(e -> item(e, cfg, base)).toList();
          return switch (kind) {
            case "atom" -> FeedWriter.atom(meta, items);
            case "rss" -> FeedWriter.rss(meta, items);
            default -> FeedWriter.json(meta, items);
          };
        });
  }

  private FeedItem item(StoredEntry e, Config cfg, String base) {
    Optional<SourceConfig> s = cfg.source(e.sourceId());
    return new FeedItem(
        e,
        s.map(SourceConfig::url).orElse(null),
        base + "/authors/" + e.sourceId() + "/feed.atom",
        s.map(SourceConfig::tags).orElse(List.of()),
        s.map(x -> x.content() == ContentMode.FULL).orElse(false),
        base + "/entries/" + e.id());
  }

  private void opml(Context ctx) {
    String base = baseUrl(ctx);
    cached(
        ctx,
        "text/x-opml; charset=utf-8",
        () -> {
          Config cfg = config.get();
          Map<String, SourceState> states = new LinkedHashMap<>();
          store.sources().forEach(s -> states.put(s.id(), s));
          return Opml.write(cfg, states, base);
        });
  }

  // ---- API ----

  private void apiEntries(Context ctx) {
    int limit = intParam(ctx, "limit", 50, 1, MAX_API_LIMIT);
    Cursor after = cursor(ctx.queryParam("cursor"));
    String sourceId = ctx.queryParam("source");
    List<String> ids = null;
    if (sourceId != null) {
      ids = List.of(source(sourceId, true).id());
    }
    List<String> sourceIds = ids;
    cached(
        ctx,
        "application/json; charset=utf-8",
        () -> {
          EntryPage page = store.page(sourceIds, after, limit);
          ObjectNode root = JSON.createObjectNode();
          ArrayNode arr = root.putArray("entries");
          for (StoredEntry e : page.entries()) {
            ObjectNode o = arr.addObject();
            o.put("id", e.id());
            o.put("source", e.sourceId());
            o.put("sourceName", e.sourceName());
            o.put("author", e.author() != null ? e.author() : e.sourceName());
            o.put("title", e.title());
            o.put("url", Links.safe(e.url()));
            o.put("published", e.published());
            o.put("updated", e.updated() == null ? null : FeedWriter.rfc3339(e.updated()));
            o.put("firstSeen", FeedWriter.rfc3339(e.firstSeen()));
            o.put("summary", e.summary());
            o.put("content", e.content());
          }
          root.put("next", page.next());
          return json(root);
        });
  }

  private void apiSources(Context ctx) {
    cached(
        ctx,
        "application/json; charset=utf-8",
        () -> {
          Config cfg = config.get();
          Map<String, SourceState> states = new LinkedHashMap<>();
          store.sources().forEach(s -> states.put(s.id(), s));
          ObjectNode root = JSON.createObjectNode();
          ArrayNode arr = root.putArray("sources");
          for (SourceConfig s : cfg.sources()) {
            SourceState st = states.get(s.id());
            SourceView view = sourceView(s, st, 0);
            ObjectNode o = arr.addObject();
            o.put("id", s.id());
            o.put("name", s.name());
            o.put("url", s.url());
            ArrayNode tags = o.putArray("tags");
            s.tags().forEach(tags::add);
            o.put("feed", st == null ? s.feed() : st.feedUrl());
            o.put("path", st == null ? null : st.path());
            o.put("status", view.status());
            o.put(
                "lastFetch",
                st == null || st.lastFetchAt() == null
                    ? null
                    : FeedWriter.rfc3339(st.lastFetchAt()));
            o.put(
                "lastSuccess",
                st == null || st.lastSuccessAt() == null
                    ? null
                    : FeedWriter.rfc3339(st.lastSuccessAt()));
            o.put("lastError", st == null ? null : st.lastError());
            o.put("consecutiveFailures", st == null ? 0 : st.consecutiveFailures());
            o.put(
                "nextPoll",
                st == null || st.nextPollAt() == null ? null : FeedWriter.rfc3339(st.nextPollAt()));
            o.put("pollEvery", Durations.format(s.poll().every()));
            o.put("pollMax", Durations.format(s.poll().max()));
            o.put("adaptive", s.poll().adaptive());
            o.put("polling", view.polling());
            o.put("entries", st == null ? 0 : st.entryCount());
          }
          root.put("configError", configError.get());
          return json(root);
        });
  }

  // ---- helpers ----

  private void cached(Context ctx, String contentType, Supplier<byte[]> render) {
    long version =
        store.dataVersion() * 31
            + System.identityHashCode(config.get())
            + (configError.get() == null ? 0 : 7);
    String key =
        ctx.path() + "?" + Optional.ofNullable(ctx.queryString()).orElse("") + "#" + baseUrl(ctx);
    ResponseCache.Rendered r = cache.get(key, version, clock.instant(), render);
    ctx.header("ETag", r.etag());
    ctx.header(
        "Last-Modified",
        DateTimeFormatter.RFC_1123_DATE_TIME.format(r.lastModified().atOffset(ZoneOffset.UTC)));
    ctx.header("Cache-Control", "no-cache");
    ctx.header("Vary", "Accept-Encoding");
    ctx.contentType(contentType);
    String inm = ctx.header("If-None-Match");
    if (inm != null
        ? matches(inm, r.etag())
        : notModifiedSince(ctx.header("If-Modified-Since"), r.lastModified())) {
      ctx.status(304);
      return;
    }
    String ae = ctx.header("Accept-Encoding");
    if (ae != null && ae.toLowerCase(Locale.ROOT).contains("gzip")) {
      ctx.header("Content-Encoding", "gzip");
      ctx.result(r.gzip());
    } else {
      ctx.result(r.body());
    }
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    for (String t : ifNoneMatch.split(",")) {
      String v = t.strip();
      if (v.equals("*") || v.equals(etag) || v.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  private static boolean notModifiedSince(String header, Instant lastModified) {
    if (header == null) {
      return false;
    }
    try {
      Instant since =
          java.time.ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return !lastModified.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).isAfter(since);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
  }

  private void error(Context ctx, int status, String message) {
    ctx.attribute(ERROR_SHOWN, true);
    ctx.status(status);
    if (ctx.path().startsWith("/api/")) {
      ObjectNode o = JSON.createObjectNode();
      o.put("error", message);
      o.put("status", status);
      ctx.contentType("application/json; charset=utf-8").result(json(o));
    } else {
      String html =
          "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
              + status
              + "</title><link rel=\"stylesheet\" href=\"/static/chorus.css\"></head><body><main><h1>"
              + (status == 404
                  ? "Not found"
                  : status == 400 ? "Bad request" : "Something went wrong")
              + "</h1><p>"
              + escape(message)
              + "</p><p><a href=\"/\">Back to the latest posts</a></p></main></body></html>";
      ctx.contentType("text/html; charset=utf-8").result(html);
    }
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private SourceConfig source(String id, boolean api) {
    return config
        .get()
        .source(id)
        .orElseThrow(
            () ->
                api
                    ? new BadRequest("unknown source: " + id)
                    : new NotFound("no such author: " + id));
  }

  private static String tag(String tag) {
    String t = tag.toLowerCase(Locale.ROOT);
    if (!t.matches("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,39}")) {
      throw new NotFound("no such tag");
    }
    return t;
  }

  private static List<String> sourcesTagged(Config cfg, String tag) {
    return cfg.sources().stream()
        .filter(s -> s.tags().contains(tag))
        .map(SourceConfig::id)
        .toList();
  }

  private static Cursor cursor(String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    try {
      return Cursor.parse(token);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("invalid cursor: use the 'next' value of a previous page");
    }
  }

  private static int intParam(Context ctx, String name, int dflt, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n < min || n > max) {
        throw new BadRequest(name + " must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadRequest(name + " must be a whole number between " + min + " and " + max);
    }
  }

  private static String older(String path, EntryPage page) {
    return page.next() == null ? null : path + "?after=" + page.next();
  }

  private List<DayGroup> group(List<StoredEntry> entries, Config cfg) {
    Map<String, List<EntryView>> groups = new LinkedHashMap<>();
    for (StoredEntry e : entries) {
      FuzzyDate d = DateLabels.known(e.published());
      String label =
          d == null || e.sortAt().toEpochMilli() != d.instant().toEpochMilli()
              ? dates.group(null, e.sortAt())
              : dates.group(d, e.sortAt());
      groups.computeIfAbsent(label, k -> new ArrayList<>()).add(view(e, cfg, null));
    }
    List<DayGroup> out = new ArrayList<>();
    groups.forEach((k, v) -> out.add(new DayGroup(k, v)));
    return out;
  }

  private EntryView view(StoredEntry e, Config cfg, Hit hit) {
    FuzzyDate d = DateLabels.known(e.published());
    boolean undated = d == null;
    String datetime = d != null ? d.iso() : FeedWriter.rfc3339(e.firstSeen());
    String label = dates.label(d, e.firstSeen());
    List<String> tags = cfg.source(e.sourceId()).map(SourceConfig::tags).orElse(List.of());
    String text = e.content() != null ? e.content() : e.summary();
    int words = text == null ? 0 : text.replaceAll("<[^>]*>", " ").strip().split("\\s+").length;
    int minutes = e.content() == null ? 0 : Math.max(1, Math.round(words / 230f));
    String name =
        e.sourceName() == null || e.sourceName().isBlank() ? e.sourceId() : e.sourceName().strip();
    String initial = new String(Character.toChars(Character.toUpperCase(name.codePointAt(0))));
    Highlight title =
        hit == null || hit.titleMarked() == null || hit.titleMarked().isBlank()
            ? null
            : Highlight.of(hit.titleMarked());
    Highlight snippet =
        hit == null || hit.snippetMarked() == null || hit.snippetMarked().isBlank()
            ? null
            : Highlight.of(hit.snippetMarked());
    return new EntryView(
        e.id(),
        e.displayTitle(),
        Links.safe(e.url()),
        e.displayAuthor(),
        e.sourceId(),
        e.sourceName(),
        tags,
        datetime,
        label,
        dates.full(d, e.firstSeen()),
        undated,
        e.summary(),
        minutes,
        initial,
        Math.floorMod(e.sourceId().hashCode(), 8),
        title,
        snippet);
  }

  private byte[] render(String template, Object page) {
    Utf8ByteOutput out = new Utf8ByteOutput();
    templates.render(template, page, out);
    return out.toByteArray();
  }

  private byte[] renderMap(String template, Map<String, Object> params) {
    Utf8ByteOutput out = new Utf8ByteOutput();
    templates.render(template, params, out);
    return out.toByteArray();
  }

  private static byte[] json(Object node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String baseUrl(Context ctx) {
    String host = ctx.host();
    if (host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,255}")) {
      host = "localhost";
    }
    return ctx.scheme() + "://" + host;
  }

  private static byte[] resource(String path) {
    try (InputStream in = WebServer.class.getResourceAsStream(path)) {
      return in == null ? new byte[0] : in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("missing resource " + path, e);
    }
  }

  /** A request the client got wrong. */
  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }

  /** Something that does not exist. */
  static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }
}
