package dev.chorus.store;

import dev.chorus.model.FuzzyDate;
import dev.chorus.model.ParsedEntry;
import dev.chorus.model.RecentPosts;
import dev.chorus.model.SourceState;
import dev.chorus.model.StoredEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every read and write of sources, entries and fetch outcomes. */
public final class EntryStore {
  private static final Duration FUTURE_SLACK = Duration.ofDays(1);

  /** Fetch outcomes kept per source, the most recent (up to {@link #PRUNE_EVERY} - 1 more). */
  static final int FETCHES_KEPT = 100;

  /**
   * A source's older outcomes are deleted on its first write and every this many after: a delete on
   * every write was the costliest of the three statements that record a 304.
   */
  static final int PRUNE_EVERY = 16;

  static final String ENTRY_COLUMNS =
      "e.id, e.source_id, s.name, e.key, e.author, e.title, e.url, e.published, e.sort_at, e.updated_at,"
          + " e.summary, e.content, e.first_seen";

  /**
   * Dated entries one by one, undated ones once per refresh that found them (their sort_at is
   * first_seen).
   */
  static final String POSTS_SINCE =
      "SELECT count(CASE WHEN date_flag IS NULL THEN 1 END)"
          + " + count(DISTINCT CASE WHEN date_flag IS NOT NULL THEN sort_at END), min(sort_at)"
          + " FROM entries WHERE source_id = ? AND sort_at >= ?";

  private static final String SOURCE_COLUMNS =
      "s.id, s.name, s.url, s.feed_url, s.path, s.etag, s.last_modified, s.last_fetch_at,"
          + " s.last_success_at, s.last_error, s.consecutive_failures, s.next_poll_at, s.gone,"
          + " (SELECT count(*) FROM entries e WHERE e.source_id = s.id), s.discovered_at";

  private final Database db;
  private final Clock clock;
  private final java.util.concurrent.ConcurrentHashMap<String, Integer> fetchWrites =
      new java.util.concurrent.ConcurrentHashMap<>();

  public EntryStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public Database database() {
    return db;
  }

  // ---- sources ----

  /** Creates or updates a source that declares no feed. */
  public void upsertSource(String id, String name, String url) {
    upsertSource(id, name, url, null);
  }

  /**
   * Creates or updates a source; a source listed again becomes active. When its page or declared
   * feed changes, what was learnt about the old address (feed in use, validators, gone) is
   * forgotten.
   */
  public void upsertSource(String id, String name, String url, String declaredFeed) {
    db.write(
        c -> {
          String[] old = null;
          try (PreparedStatement p =
              c.prepareStatement("SELECT url, declared_feed FROM sources WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
              if (rs.next()) {
                old = new String[] {rs.getString(1), rs.getString(2)};
              }
            }
          }
          if (old == null) {
            try (PreparedStatement p =
                c.prepareStatement(
                    "INSERT INTO sources (id, name, url, declared_feed, created_at)"
                        + " VALUES (?, ?, ?, ?, ?)")) {
              p.setString(1, id);
              p.setString(2, name);
              p.setString(3, url);
              p.setString(4, declaredFeed);
              p.setLong(5, clock.millis());
              p.executeUpdate();
            }
            return null;
          }
          boolean moved = !url.equals(old[0]) || !java.util.Objects.equals(declaredFeed, old[1]);
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE sources SET name = ?, url = ?, declared_feed = ?, active = 1"
                      + (moved
                          ? ", feed_url = NULL, etag = NULL, last_modified = NULL, gone = 0,"
                              + " discovered_at = NULL, path = NULL"
                          : "")
                      + " WHERE id = ?")) {
            p.setString(1, name);
            p.setString(2, url);
            p.setString(3, declaredFeed);
            p.setString(4, id);
            p.executeUpdate();
          }
          return null;
        });
  }

  /** Marks every source not in {@code ids} inactive; their entries stay. */
  public void keepOnlyActive(Set<String> ids) {
    db.write(
        c -> {
          List<String> all = new ArrayList<>();
          try (var s = c.createStatement();
              var rs = s.executeQuery("SELECT id FROM sources WHERE active = 1")) {
            while (rs.next()) {
              all.add(rs.getString(1));
            }
          }
          try (PreparedStatement p =
              c.prepareStatement("UPDATE sources SET active = 0 WHERE id = ?")) {
            for (String id : all) {
              if (!ids.contains(id)) {
                p.setString(1, id);
                p.executeUpdate();
              }
            }
          }
          return null;
        });
  }

  public Optional<SourceState> source(String id) {
    return db.read(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement("SELECT " + SOURCE_COLUMNS + " FROM sources s WHERE s.id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
              return rs.next() ? Optional.of(sourceState(rs)) : Optional.empty();
            }
          }
        });
  }

  /** The active sources, in name order. */
  public List<SourceState> sources() {
    return db.read(
        c -> {
          List<SourceState> out = new ArrayList<>();
          try (var s = c.createStatement();
              var rs =
                  s.executeQuery(
                      "SELECT "
                          + SOURCE_COLUMNS
                          + " FROM sources s WHERE s.active = 1 ORDER BY lower(s.name), s.id")) {
            while (rs.next()) {
              out.add(sourceState(rs));
            }
          }
          return out;
        });
  }

  /** Entries per week over the last {@code weeks} weeks, by source id. */
  public java.util.Map<String, Double> postsPerWeek(int weeks) {
    long since = clock.instant().minus(Duration.ofDays(7L * weeks)).toEpochMilli();
    return db.read(
        c -> {
          var out = new java.util.HashMap<String, Double>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT source_id, count(*) FROM entries WHERE sort_at >= ? GROUP BY source_id")) {
            p.setLong(1, since);
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2) / (double) weeks);
              }
            }
          }
          return out;
        });
  }

  /**
   * How many posts one source made since {@code since}, and when the oldest of them was, for its
   * polling interval. A dated entry counts by its date; entries without a usable date count by the
   * refresh that first saw them, once per refresh, so a back catalogue imported in one go is one
   * post, not fifty. Reads only the source's entries in the window, through {@code
   * entries_by_source_time}.
   */
  public RecentPosts postsSince(String sourceId, Instant since) {
    return db.read(
        c -> {
          try (PreparedStatement p = c.prepareStatement(POSTS_SINCE)) {
            p.setString(1, sourceId);
            p.setLong(2, since.toEpochMilli());
            try (ResultSet rs = p.executeQuery()) {
              return rs.next() && rs.getInt(1) > 0
                  ? new RecentPosts(rs.getInt(1), Instant.ofEpochMilli(rs.getLong(2)))
                  : RecentPosts.NONE;
            }
          }
        });
  }

  private static SourceState sourceState(ResultSet rs) throws SQLException {
    return new SourceState(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        instant(rs, 8),
        instant(rs, 9),
        rs.getString(10),
        rs.getInt(11),
        instant(rs, 12),
        rs.getInt(13) != 0,
        rs.getLong(14),
        instant(rs, 15));
  }

  // ---- refresh outcomes ----

  /**
   * Saves a successful refresh in one transaction: the entries, the validators that cover them and
   * the fetch record. Entries are never deleted.
   */
  public SaveResult saveSuccess(String sourceId, List<NewEntry> entries, FetchOutcome outcome) {
    // fingerprints and the UTF-8 of the long texts are made before taking the single writer: it is
    // the poll's bottleneck
    List<String> hashes = new ArrayList<>(entries.size());
    List<Utf8Texts> texts = new ArrayList<>(entries.size());
    for (NewEntry ne : entries) {
      hashes.add(EntryHash.of(ne.entry()));
      texts.add(Utf8Texts.of(ne.entry()));
    }
    return db.write(
        c -> {
          SaveResult r = upsertEntries(c, sourceId, entries, hashes, texts);
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE sources SET path = ?, feed_url = ?, etag = ?, last_modified = ?,"
                      + " last_fetch_at = ?, last_success_at = ?, last_error = NULL,"
                      + " consecutive_failures = 0, next_poll_at = ?, gone = 0,"
                      + " discovered_at = CASE WHEN ? THEN ? ELSE discovered_at END WHERE id = ?")) {
            long now = outcome.startedAt().toEpochMilli();
            p.setString(1, outcome.path());
            p.setString(2, outcome.feedUrl());
            p.setString(3, outcome.etag());
            p.setString(4, outcome.lastModified());
            p.setLong(5, now);
            p.setLong(6, now);
            setInstant(p, 7, outcome.nextPollAt());
            p.setBoolean(8, outcome.discovered());
            p.setLong(9, now);
            p.setString(10, sourceId);
            p.executeUpdate();
          }
          insertFetch(c, sourceId, outcome, "ok", r.inserted(), r.updated(), null);
          return r;
        });
  }

  /** Records a 304: nothing changed, the source is healthy. */
  public void saveNotModified(String sourceId, FetchOutcome outcome) {
    db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE sources SET last_fetch_at = ?, last_success_at = ?, last_error = NULL,"
                      + " consecutive_failures = 0, next_poll_at = ? WHERE id = ?")) {
            long now = outcome.startedAt().toEpochMilli();
            p.setLong(1, now);
            p.setLong(2, now);
            setInstant(p, 3, outcome.nextPollAt());
            p.setString(4, sourceId);
            p.executeUpdate();
          }
          insertFetch(c, sourceId, outcome, "not-modified", 0, 0, null);
          return null;
        });
  }

  /** Records a failed refresh; stored entries stay untouched. */
  public void saveFailure(String sourceId, FetchOutcome outcome, String error, boolean gone) {
    db.write(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE sources SET last_fetch_at = ?, last_error = ?,"
                      + " consecutive_failures = consecutive_failures + 1, next_poll_at = ?,"
                      + " gone = ? WHERE id = ?")) {
            p.setLong(1, outcome.startedAt().toEpochMilli());
            p.setString(2, error);
            setInstant(p, 3, outcome.nextPollAt());
            p.setBoolean(4, gone);
            p.setString(5, sourceId);
            p.executeUpdate();
          }
          insertFetch(c, sourceId, outcome, gone ? "gone" : "error", 0, 0, error);
          return null;
        });
  }

  private void insertFetch(
      Connection c,
      String sourceId,
      FetchOutcome o,
      String result,
      int added,
      int changed,
      String error)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO fetches (source_id, started_at, duration_ms, outcome, status, new_entries,"
                + " updated_entries, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      p.setString(1, sourceId);
      p.setLong(2, o.startedAt().toEpochMilli());
      p.setLong(3, o.durationMs());
      p.setString(4, result);
      p.setInt(5, o.status());
      p.setInt(6, added);
      p.setInt(7, changed);
      p.setString(8, error);
      p.executeUpdate();
    }
    // the history is a log, not data: without a bound it grows by a row per source per poll
    if (fetchWrites.merge(sourceId, 1, Integer::sum) % PRUNE_EVERY != 1) {
      return;
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "DELETE FROM fetches WHERE source_id = ?1 AND id < (SELECT min(id) FROM"
                + " (SELECT id FROM fetches WHERE source_id = ?1 ORDER BY id DESC LIMIT ?2))")) {
      p.setString(1, sourceId);
      p.setInt(2, FETCHES_KEPT);
      p.executeUpdate();
    }
  }

  private SaveResult upsertEntries(
      Connection c,
      String sourceId,
      List<NewEntry> entries,
      List<String> hashes,
      List<Utf8Texts> texts)
      throws SQLException {
    int inserted = 0;
    int updated = 0;
    int unchanged = 0;
    long now = clock.millis();
    Set<String> batchKeys = new HashSet<>();
    java.util.Map<String, Integer> batchUrls = new java.util.HashMap<>();
    for (NewEntry ne : entries) {
      batchKeys.add(ne.key());
      if (ne.urlKey() != null) {
        batchUrls.merge(ne.urlKey(), 1, Integer::sum);
      }
    }
    Map<String, Found> stored = foundByKey(c, sourceId, batchKeys);
    List<String> renamedCandidates = new ArrayList<>();
    for (NewEntry ne : entries) {
      if (!stored.containsKey(ne.key()) && ne.urlKey() != null && batchUrls.get(ne.urlKey()) == 1) {
        renamedCandidates.add(ne.urlKey());
      }
    }
    Map<String, List<LinkedRow>> byUrl = rowsByUrl(c, sourceId, renamedCandidates);
    Map<Long, String> refingerprint = new HashMap<>(); // unchanged, fingerprinted the old way
    try (PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO entries (source_id, key, url_key, url, title, author, published,"
                    + " sort_at, updated_at, summary, content, hash, first_seen, date_flag)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    + Utf8Texts.AS_TEXT
                    + ", "
                    + Utf8Texts.AS_TEXT
                    + ", ?, ?, ?)");
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE entries SET key = ?, url_key = ?, url = ?, title = ?, author = ?,"
                    + " published = ?, sort_at = ?, updated_at = ?, summary = "
                    + Utf8Texts.AS_TEXT
                    + ", content = "
                    + Utf8Texts.AS_TEXT
                    + ", hash = ?, date_flag = ? WHERE id = ?")) {
      for (int i = 0; i < entries.size(); i++) {
        NewEntry ne = entries.get(i);
        ParsedEntry e = ne.entry();
        String hash = hashes.get(i);
        Found found = stored.get(ne.key());
        if (found == null && ne.urlKey() != null && batchUrls.get(ne.urlKey()) == 1) {
          found = sameLinkedPost(byUrl.get(ne.urlKey()), ne, batchKeys);
        }
        if (found != null && EntryHash.same(found.hash(), hash, e)) {
          if (EntryHash.isLegacy(found.hash())) {
            refingerprint.put(found.id(), hash);
          }
          unchanged++;
          continue;
        }
        long firstSeen = found == null ? now : found.firstSeen();
        Ordering o = ordering(e.published(), firstSeen, now);
        if (found == null) {
          insert.setString(1, sourceId);
          insert.setString(2, ne.key());
          bind(insert, 3, ne, e, o, hash, texts.get(i));
          insert.setLong(13, firstSeen);
          insert.setString(14, o.flag);
          insert.executeUpdate();
          inserted++;
        } else {
          update.setString(1, ne.key());
          bind(update, 2, ne, e, o, hash, texts.get(i));
          update.setString(12, o.flag);
          update.setLong(13, found.id());
          update.executeUpdate();
          updated++;
        }
      }
    }
    if (!refingerprint.isEmpty()) {
      try (PreparedStatement p = c.prepareStatement("UPDATE entries SET hash = ? WHERE id = ?")) {
        for (Map.Entry<Long, String> r : refingerprint.entrySet()) {
          p.setString(1, r.getValue());
          p.setLong(2, r.getKey());
          p.executeUpdate();
        }
      }
    }
    return new SaveResult(inserted, updated, unchanged);
  }

  private record Found(long id, String hash, long firstSeen) {}

  /** Rows looked up per statement: well under SQLite's limit on bound parameters. */
  private static final int IN_CHUNK = 500;

  /** The stored entries of a source with these keys, by key: one query per 500 keys. */
  private static Map<String, Found> foundByKey(
      Connection c, String sourceId, Collection<String> keys) throws SQLException {
    Map<String, Found> out = new HashMap<>();
    forEachRowIn(
        c,
        "SELECT key, id, hash, first_seen FROM entries WHERE source_id = ? AND key IN",
        sourceId,
        List.copyOf(keys),
        rs -> out.put(rs.getString(1), new Found(rs.getLong(2), rs.getString(3), rs.getLong(4))));
    return out;
  }

  /** A stored entry found by its normalised link, with what tells whether a new one renames it. */
  private record LinkedRow(Found found, String key, String title, String published) {}

  /** The stored entries of a source with these normalised links, by link. */
  private static Map<String, List<LinkedRow>> rowsByUrl(
      Connection c, String sourceId, List<String> urlKeys) throws SQLException {
    Map<String, List<LinkedRow>> out = new HashMap<>();
    forEachRowIn(
        c,
        "SELECT url_key, id, hash, first_seen, key, title, published FROM entries"
            + " WHERE source_id = ? AND url_key IN",
        sourceId,
        urlKeys,
        rs ->
            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                .add(
                    new LinkedRow(
                        new Found(rs.getLong(2), rs.getString(3), rs.getLong(4)),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7))));
    return out;
  }

  /** Reads one result row. */
  @FunctionalInterface
  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  /**
   * Runs {@code select} (ending in "IN") for the source with the values bound in chunks of {@value
   * #IN_CHUNK}, handing every row to {@code reader}.
   */
  private static void forEachRowIn(
      Connection c, String select, String sourceId, List<String> values, RowReader reader)
      throws SQLException {
    for (int from = 0; from < values.size(); from += IN_CHUNK) {
      List<String> chunk = values.subList(from, Math.min(values.size(), from + IN_CHUNK));
      String in = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
      try (PreparedStatement p = c.prepareStatement(select + " (" + in + ")")) {
        p.setString(1, sourceId);
        for (int i = 0; i < chunk.size(); i++) {
          p.setString(i + 2, chunk.get(i));
        }
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            reader.read(rs);
          }
        }
      }
    }
  }

  /**
   * The stored post a new identity most likely renames: the only one with the same link, whose own
   * identity is gone from the document and whose title or date agrees. Without these checks posts
   * that all link to one page (a home page) would overwrite each other.
   */
  private static Found sameLinkedPost(List<LinkedRow> rows, NewEntry ne, Set<String> batchKeys) {
    if (rows == null || rows.size() != 1 || batchKeys.contains(rows.get(0).key())) {
      return null;
    }
    LinkedRow row = rows.get(0);
    ParsedEntry e = ne.entry();
    boolean sameTitle =
        row.title() != null
            && e.title() != null
            && row.title().strip().equalsIgnoreCase(e.title().strip());
    boolean sameDate =
        row.published() != null
            && e.published() != null
            && row.published().equals(e.published().iso());
    return sameTitle || sameDate ? row.found() : null;
  }

  /** Binds url_key … hash (10 parameters) starting at {@code i}. */
  private static void bind(
      PreparedStatement p,
      int i,
      NewEntry ne,
      ParsedEntry e,
      Ordering o,
      String hash,
      Utf8Texts texts)
      throws SQLException {
    p.setString(i, ne.urlKey());
    p.setString(i + 1, e.url());
    p.setString(i + 2, e.title());
    p.setString(i + 3, e.author());
    p.setString(i + 4, o.published);
    p.setLong(i + 5, o.sortAt);
    setInstant(p, i + 6, e.updated());
    p.setBytes(i + 7, texts.summary());
    p.setBytes(i + 8, texts.content());
    p.setString(i + 9, hash);
  }

  /**
   * An entry's summary and content as UTF-8, bound as bytes and stored as text by {@link #AS_TEXT}:
   * the same bytes the driver would make of the strings, made before the writer is taken.
   */
  private record Utf8Texts(byte[] summary, byte[] content) {
    /** The SQL of a parameter bound to such bytes: SQLite stores them as TEXT, unchanged. */
    static final String AS_TEXT = "CAST(? AS TEXT)";

    static Utf8Texts of(ParsedEntry e) {
      return new Utf8Texts(utf8(e.summaryHtml()), utf8(e.contentHtml()));
    }

    private static byte[] utf8(String s) {
      return s == null ? null : s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private record Ordering(String published, long sortAt, String flag) {}

  /** Clamps dates that cannot be right so ordering stays sane; the flag says why. */
  private static Ordering ordering(FuzzyDate published, long firstSeen, long now) {
    if (published == null) {
      return new Ordering(null, firstSeen, "undated");
    }
    long at = published.instant().toEpochMilli();
    if (at > now + FUTURE_SLACK.toMillis()) {
      return new Ordering(published.iso(), Math.min(firstSeen, now), "future");
    }
    if (at < 0) {
      return new Ordering(published.iso(), firstSeen, "before-1970");
    }
    return new Ordering(published.iso(), at, null);
  }

  // ---- entry queries ----

  /** Which of these normalised links are already stored for the source. */
  public Set<String> knownUrlKeys(String sourceId, Collection<String> urlKeys) {
    return db.read(
        c -> {
          Set<String> out = new HashSet<>();
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT 1 FROM entries WHERE source_id = ? AND url_key = ? LIMIT 1")) {
            for (String k : urlKeys) {
              p.setString(1, sourceId);
              p.setString(2, k);
              try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                  out.add(k);
                }
              }
            }
          }
          return out;
        });
  }

  /**
   * A page of entries, newest first.
   *
   * @param sourceIds only these sources, or null for all
   * @param after the cursor of the previous page, or null for the first
   * @param limit page size
   */
  public EntryPage page(Collection<String> sourceIds, Cursor after, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT " + ENTRY_COLUMNS + " FROM entries e JOIN sources s ON s.id = e.source_id");
    List<Object> args = new ArrayList<>();
    List<String> where = new ArrayList<>();
    if (sourceIds != null) {
      if (sourceIds.isEmpty()) {
        return new EntryPage(List.of(), null);
      }
      where.add(
          "e.source_id IN ("
              + String.join(",", java.util.Collections.nCopies(sourceIds.size(), "?"))
              + ")");
      args.addAll(sourceIds);
    }
    if (after != null) {
      where.add("(e.sort_at, e.id) < (?, ?)");
      args.add(after.sortAt());
      args.add(after.id());
    }
    if (!where.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", where));
    }
    sql.append(" ORDER BY e.sort_at DESC, e.id DESC LIMIT ?");
    args.add(limit + 1);
    List<StoredEntry> rows = query(sql.toString(), args);
    String next = null;
    if (rows.size() > limit) {
      rows = rows.subList(0, limit);
      StoredEntry last = rows.get(limit - 1);
      next = new Cursor(last.sortAt().toEpochMilli(), last.id()).token();
    }
    return new EntryPage(rows, next);
  }

  public Optional<StoredEntry> entry(long id) {
    List<StoredEntry> rows =
        query(
            "SELECT "
                + ENTRY_COLUMNS
                + " FROM entries e JOIN sources s ON s.id = e.source_id"
                + " WHERE e.id = ?",
            List.of(id));
    return rows.stream().findFirst();
  }

  /**
   * A number that changes whenever stored data changes, also when another process writes: used to
   * key caches.
   */
  public long dataVersion() {
    return db.dataVersion();
  }

  private List<StoredEntry> query(String sql, List<Object> args) {
    return db.read(
        c -> {
          List<StoredEntry> out = new ArrayList<>();
          try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
              p.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                out.add(entry(rs));
              }
            }
          }
          return out;
        });
  }

  static StoredEntry entry(ResultSet rs) throws SQLException {
    return new StoredEntry(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        Instant.ofEpochMilli(rs.getLong(9)),
        instant(rs, 10),
        rs.getString(11),
        rs.getString(12),
        Instant.ofEpochMilli(rs.getLong(13)));
  }

  private static Instant instant(ResultSet rs, int col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  private static void setInstant(PreparedStatement p, int i, Instant v) throws SQLException {
    if (v == null) {
      p.setNull(i, Types.INTEGER);
    } else {
      p.setLong(i, v.toEpochMilli());
    }
  }
}
