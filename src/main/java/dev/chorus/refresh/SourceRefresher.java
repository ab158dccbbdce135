package dev.chorus.refresh;

import dev.chorus.clean.HtmlCleaner;
import dev.chorus.clean.Urls;
import dev.chorus.config.ScrapeConfig;
import dev.chorus.config.SourceConfig;
import dev.chorus.fetch.FetchException;
import dev.chorus.fetch.FetchRequest;
import dev.chorus.fetch.FetchResult;
import dev.chorus.fetch.FetchResult.Fetched;
import dev.chorus.fetch.FetchResult.NotModified;
import dev.chorus.fetch.Fetcher;
import dev.chorus.model.ParsedEntry;
import dev.chorus.model.ParsedFeed;
import dev.chorus.model.RecentPosts;
import dev.chorus.model.SourceState;
import dev.chorus.parse.FeedParseException;
import dev.chorus.parse.FeedParser;
import dev.chorus.scrape.Detection;
import dev.chorus.scrape.PostListDetector;
import dev.chorus.scrape.ScrapeRule;
import dev.chorus.scrape.SelectorScraper;
import dev.chorus.store.EntryStore;
import dev.chorus.store.FetchOutcome;
import dev.chorus.store.NewEntry;
import dev.chorus.store.SaveResult;
import dev.chorus.store.StoreException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes one source: its declared feed, else a discovered feed, else the scraped page; then
 * cleans and stores what it found. Never throws: every failure becomes a report and a fetch record.
 */
public final class SourceRefresher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SourceRefresher.class);
  private static final Duration REDISCOVER_AFTER = Duration.ofHours(24);
  private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([\\w.:-]+)");

  private final Fetcher fetcher;
  private final FeedParser parser;
  private final PostListDetector detector;
  private final EntryCleaner cleaner;
  private final PostPages postPages;
  private final FeedFinder finder;
  private final EntryStore store;
  private final Clock clock;
  private final Schedule schedule;
  private final RefreshTimes times = new RefreshTimes();

  /**
   * Parsing and cleaning run at most one per core, however many fetches wait on the network: more
   * would only add heap and starve the single database writer.
   */
  private final Semaphore cpu =
      new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

  /** Refreshes at once of sources without validators; see {@link #refresh}. */
  static final int WHOLE_DOCUMENTS = 256;

  private final Semaphore wholeDocuments;

  public SourceRefresher(Fetcher fetcher, EntryStore store, Clock clock) {
    this(fetcher, store, clock, WHOLE_DOCUMENTS);
  }

  SourceRefresher(Fetcher fetcher, EntryStore store, Clock clock, int wholeDocuments) {
    this.wholeDocuments = new Semaphore(wholeDocuments);
    this.fetcher = fetcher;
    this.parser = new FeedParser();
    this.detector = new PostListDetector();
    this.cleaner = new EntryCleaner(new HtmlCleaner());
    this.postPages = new PostPages(fetcher);
    this.finder = new FeedFinder(fetcher, parser);
    this.store = store;
    this.clock = clock;
    this.schedule = new Schedule(clock);
  }

  public EntryStore store() {
    return store;
  }

  /** Time spent per step so far. */
  public RefreshTimes times() {
    return times;
  }

  @Override
  public void close() {
    postPages.close();
  }

  /** When a source the store knows nothing about should be polled next: after its shortest wait. */
  public Instant nextPoll(SourceConfig source) {
    return clock.instant().plus(source.poll().every());
  }

  /**
   * Refreshes the source once. A source without an ETag or Last-Modified to send will answer with
   * its whole document, so at most {@link #WHOLE_DOCUMENTS} of those run at once, however many
   * threads poll: they queue for the cores to parse them and hold the heap while they wait, where a
   * source that can answer 304 only waits on the network (a poll of 2,000 that all answer 304 takes
   * 0.8 s at 512 in flight, 1.0 s at 256).
   */
  public RefreshReport refresh(SourceConfig source) {
    SourceState state = store.source(source.id()).orElse(null);
    boolean whole = state == null || (state.etag() == null && state.lastModified() == null);
    if (whole) {
      wholeDocuments.acquireUninterruptibly();
    }
    try {
      return refresh(source, state);
    } finally {
      if (whole) {
        wholeDocuments.release();
      }
    }
  }

  private RefreshReport refresh(SourceConfig source, SourceState state) {
    Instant start = clock.instant();
    try {
      Read read = source.feed() != null ? readDeclaredFeed(source, state) : readPage(source, state);
      long ms = Duration.between(start, clock.instant()).toMillis();
      if (read.notModified) {
        Instant next =
            schedule.afterSuccess(source, recentPosts(source, List.of()), null, read.maxAge);
        FetchOutcome o = outcome(start, ms, read, state, 304, next);
        long t0 = System.nanoTime();
        store.saveNotModified(source.id(), o);
        times.store.add(System.nanoTime() - t0);
        return new RefreshReport(source.id(), "not-modified", read.path, 0, 0, 0, null, ms);
      }
      long t0 = System.nanoTime();
      List<NewEntry> entries;
      cpu.acquireUninterruptibly();
      try {
        entries = cleaner.clean(read.entries, read.baseUrl);
      } finally {
        cpu.release();
      }
      times.clean.add(System.nanoTime() - t0);
      if (entries.isEmpty() && read.mustHavePosts) {
        throw new RefreshException(
            "no posts found on "
                + read.baseUrl
                + " (the page may have changed; stored entries are kept)");
      }
      Instant next =
          schedule.afterSuccess(source, recentPosts(source, entries), read.ttlMinutes, read.maxAge);
      FetchOutcome o = outcome(start, ms, read, state, 200, next);
      t0 = System.nanoTime();
      SaveResult saved = store.saveSuccess(source.id(), entries, o);
      times.store.add(System.nanoTime() - t0);
      log.info(
          "{}: {} via {}: {} entries, {} new, {} updated",
          source.id(),
          read.documentUrl,
          read.path,
          entries.size(),
          saved.inserted(),
          saved.updated());
      return new RefreshReport(
          source.id(),
          "ok",
          read.path,
          saved.inserted(),
          saved.updated(),
          entries.size(),
          null,
          Duration.between(start, clock.instant()).toMillis());
    } catch (FetchException e) {
      boolean gone = e.kind() == FetchException.Kind.GONE;
      Instant next = gone ? null : schedule.afterFailure(source, state, e.retryAfter());
      return failure(source, start, e.getMessage(), e.status(), next, gone);
    } catch (FeedParseException | RefreshException e) {
      return failure(
          source, start, e.getMessage(), 0, schedule.afterFailure(source, state, null), false);
    } catch (StoreException e) {
      log.error("{}: refresh could not be saved", source.id(), e);
      return failure(
          source, start, e.getMessage(), 0, schedule.afterFailure(source, state, null), false);
    } catch (RuntimeException | StackOverflowError e) {
      // the stack trace goes to the log; the sources page gets words, not class names
      log.error("{}: refresh failed unexpectedly", source.id(), e);
      return failure(
          source,
          start,
          "internal error while reading this source (details in the server log)",
          0,
          schedule.afterFailure(source, state, null),
          false);
    }
  }

  /**
   * The source's posts in the schedule's window, for its next wait: those stored, or those dated in
   * the document just read when it shows more (on a first poll nothing is stored yet). Entries
   * without a date count once stored, by the refresh that found them.
   */
  private RecentPosts recentPosts(SourceConfig source, List<NewEntry> fetched) {
    Instant since = schedule.rateSince(source);
    if (since == null) {
      return RecentPosts.NONE;
    }
    long t0 = System.nanoTime();
    RecentPosts stored = store.postsSince(source.id(), since);
    times.store.add(System.nanoTime() - t0);
    Instant latest = clock.instant().plus(Duration.ofDays(1));
    int dated = 0;
    Instant oldest = null;
    for (NewEntry e : fetched) {
      Instant at = e.entry().published() == null ? null : e.entry().published().instant();
      if (at != null && !at.isBefore(since) && !at.isAfter(latest)) {
        dated++;
        oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
      }
    }
    return stored.union(new RecentPosts(dated, oldest));
  }

  private RefreshReport failure(
      SourceConfig source, Instant start, String error, int status, Instant next, boolean gone) {
    long ms = Duration.between(start, clock.instant()).toMillis();
    log.warn("{}: {}", source.id(), error);
    FetchOutcome o = new FetchOutcome(start, ms, null, null, null, null, status, next, false);
    try {
      store.saveFailure(source.id(), o, error, gone);
    } catch (RuntimeException e) {
      log.error("{}: could not record the failure", source.id(), e);
    }
    return new RefreshReport(source.id(), gone ? "gone" : "error", null, 0, 0, 0, error, ms);
  }

  private static FetchOutcome outcome(
      Instant start, long ms, Read read, SourceState state, int status, Instant next) {
    String etag = read.notModified && state != null ? state.etag() : read.etag;
    String lastModified =
        read.notModified && state != null ? state.lastModified() : read.lastModified;
    return new FetchOutcome(
        start, ms, read.path, read.feedUrl, etag, lastModified, status, next, read.discovered);
  }

  // ---- the three paths ----

  private Read readDeclaredFeed(SourceConfig source, SourceState state)
      throws FetchException, FeedParseException {
    // a permanent redirect seen earlier replaced the declared URL
    String url =
        state != null && "feed".equals(state.path()) && state.feedUrl() != null
            ? state.feedUrl()
            : source.feed();
    return readFeed(url, state, "feed", false);
  }

  private Read readFeed(String url, SourceState state, String path, boolean discovered)
      throws FetchException, FeedParseException {
    boolean sameDocument =
        state != null && url.equals(state.feedUrl()) && path.equals(state.path());
    long t0 = System.nanoTime();
    FetchResult r;
    try {
      r = fetcher.fetch(validated(url, sameDocument ? state : null));
    } finally {
      times.fetch.add(System.nanoTime() - t0);
    }
    if (r instanceof NotModified nm) {
      return Read.notModified(path, url, nm.maxAge());
    }
    Fetched f = (Fetched) r;
    t0 = System.nanoTime();
    cpu.acquireUninterruptibly();
    try {
      return fromFeed(f, parseFeed(f), path, discovered);
    } finally {
      cpu.release();
      times.parse.add(System.nanoTime() - t0);
    }
  }

  private ParsedFeed parseFeed(Fetched f) throws FeedParseException {
    if (f.body().length == 0) {
      throw new FeedParseException(
          "expected a feed at " + f.finalUrl() + " but the response was empty", null);
    }
    if (!FeedParser.looksLikeFeed(f.body(), f.contentType())) {
      String what =
          looksLikeHtml(f.body()) ? "an HTML page" : "something else (" + f.contentType() + ")";
      throw new FeedParseException("expected a feed at " + f.finalUrl() + " but got " + what, null);
    }
    return parser.parse(f.body(), f.contentType(), f.finalUrl());
  }

  private static Read fromFeed(Fetched f, ParsedFeed feed, String path, boolean discovered) {
    String feedUrl = f.permanentUrl() != null ? f.permanentUrl() : f.requestedUrl();
    Read read = new Read(path, feedUrl, f.finalUrl(), feed.entries());
    read.etag = f.etag();
    read.lastModified = f.lastModified();
    read.maxAge = f.maxAge();
    read.ttlMinutes = feed.ttlMinutes();
    read.discovered = discovered;
    return read;
  }

  private Read readPage(SourceConfig source, SourceState state)
      throws FetchException, FeedParseException, RefreshException {
    Instant now = clock.instant();
    boolean recentlyDiscovered =
        state != null
            && state.discoveredAt() != null
            && state.discoveredAt().isAfter(now.minus(REDISCOVER_AFTER));
    boolean feedKnown =
        state != null
            && state.feedUrl() != null
            && ("feed".equals(state.path())
                || (recentlyDiscovered && "discovered".equals(state.path())));
    if (feedKnown) {
      try {
        return readFeed(state.feedUrl(), state, state.path(), false);
      } catch (FetchException | FeedParseException e) {
        log.info(
            "{}: discovered feed {} failed ({}); looking again",
            source.id(),
            state.feedUrl(),
            e.getMessage());
        state = null;
      }
    }
    boolean pagePath =
        state != null && ("scraped".equals(state.path()) || "selectors".equals(state.path()));
    FetchResult r =
        fetcher.fetch(validated(source.url(), pagePath && recentlyDiscovered ? state : null));
    if (r instanceof NotModified nm) {
      return Read.notModified(state.path(), null, nm.maxAge());
    }
    Fetched page = (Fetched) r;
    if (FeedParser.looksLikeFeed(page.body(), page.contentType())) {
      return fromFeed(
          page, parser.parse(page.body(), page.contentType(), page.finalUrl()), "feed", false);
    }
    String html = decode(page.body(), page.contentType());
    boolean discovered = false;
    if (source.scrape() == null && !(pagePath && recentlyDiscovered)) {
      discovered = true;
      Read feed = discover(source, html, page.finalUrl());
      if (feed != null) {
        return feed;
      }
    }
    Read read = scrape(source, html, page.finalUrl());
    read.etag = page.etag();
    read.lastModified = page.lastModified();
    read.maxAge = page.maxAge();
    read.discovered = discovered;
    return read;
  }

  private Read discover(SourceConfig source, String html, String pageUrl) {
    FeedFinder.Found found = finder.find(source.id(), html, pageUrl);
    return found == null ? null : fromFeed(found.fetch(), found.feed(), "discovered", true);
  }

  private Read scrape(SourceConfig source, String html, String pageUrl) {
    List<ParsedEntry> posts;
    String path;
    ScrapeConfig rules = source.scrape();
    if (rules != null) {
      posts =
          SelectorScraper.apply(
              new ScrapeRule(
                  rules.item(),
                  rules.title(),
                  rules.link(),
                  rules.date(),
                  rules.summary(),
                  rules.dateFormat()),
              html,
              pageUrl);
      path = "selectors";
    } else {
      Detection d = detector.detect(html, pageUrl);
      posts = d.posts();
      path = "scraped";
    }
    posts = withPostPages(source, posts, pageUrl);
    Read read = new Read(path, null, pageUrl, posts);
    read.mustHavePosts = true;
    return read;
  }

  /** Fills what the list leaves out from each new post's own page. */
  private List<ParsedEntry> withPostPages(
      SourceConfig source, List<ParsedEntry> posts, String pageUrl) {
    List<String> keys = new ArrayList<>();
    for (ParsedEntry p : posts) {
      String u = p.url() == null ? null : Urls.safeHttpUrl(p.url(), pageUrl);
      keys.add(u == null ? null : Urls.normalize(u));
    }
    Set<String> known =
        store.knownUrlKeys(source.id(), keys.stream().filter(k -> k != null).toList());
    List<Boolean> fresh = keys.stream().map(k -> k != null && !known.contains(k)).toList();
    return postPages.complete(posts, fresh);
  }

  private static FetchRequest validated(String url, SourceState state) {
    return state == null
        ? FetchRequest.of(url)
        : new FetchRequest(url, state.etag(), state.lastModified(), null);
  }

  static String decode(byte[] body, String contentType) {
    Charset cs = StandardCharsets.UTF_8;
    if (contentType != null) {
      Matcher m = CHARSET.matcher(contentType);
      if (m.find()) {
        try {
          cs = Charset.forName(m.group(1));
        } catch (RuntimeException e) {
          cs = StandardCharsets.UTF_8;
        }
      }
    }
    return new String(body, cs);
  }

  private static boolean looksLikeHtml(byte[] body) {
    String head =
        new String(body, 0, Math.min(body.length, 1024), StandardCharsets.ISO_8859_1)
            .toLowerCase(Locale.ROOT);
    return head.contains("<html") || head.contains("<!doctype html") || head.contains("<body");
  }

  /** What one path read, before cleaning. */
  private static final class Read {
    final String path;
    final String feedUrl;
    final String documentUrl;
    final String baseUrl;
    final List<ParsedEntry> entries;
    boolean notModified;
    boolean mustHavePosts;
    boolean discovered;
    String etag;
    String lastModified;
    Duration maxAge;
    Integer ttlMinutes;

    Read(String path, String feedUrl, String documentUrl, List<ParsedEntry> entries) {
      this.path = path;
      this.feedUrl = feedUrl;
      this.documentUrl = documentUrl;
      this.baseUrl = documentUrl;
      this.entries = entries;
    }

    static Read notModified(String path, String feedUrl, Duration maxAge) {
      Read r = new Read(path, feedUrl, feedUrl, List.of());
      r.notModified = true;
      r.maxAge = maxAge;
      return r;
    }
  }

  /** A refresh that produced nothing usable, in plain words. */
  static final class RefreshException extends Exception {
    private static final long serialVersionUID = 1L;

    RefreshException(String message) {
      super(message);
    }
  }
}
