package dev.chorus.store;

import dev.chorus.model.StoredEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The full-text index, kept up to date after the fact: storing an entry only queues its id
 * (triggers on {@code entries}), and {@link #indexPending} indexes queued entries in batches, off
 * the poll's path. Indexing is most of what a write costs; a poll then stores at the speed of plain
 * inserts and the index catches up in large, cheap batches. The index holds words only (title,
 * summary and the content's text, not its HTML), so "href" does not match every post.
 */
public final class SearchIndex {
  /** Entries indexed per transaction: long enough to batch, short enough not to stall a poll. */
  public static final int BATCH = 250; // well under SQLite's limit on bound parameters

  private final Database db;
  private final UnaryOperator<String> htmlToText;

  /**
   * @param htmlToText the words of a stored post's HTML content
   */
  public SearchIndex(Database db, UnaryOperator<String> htmlToText) {
    this.db = db;
    this.htmlToText = htmlToText;
  }

  /** Indexes up to {@code max} queued entries, oldest first; returns how many it handled. */
  public int indexPending(int max) {
    return db.write(
        c -> {
          Map<Long, Boolean> queued = queued(c, max);
          if (queued.isEmpty()) {
            return 0;
          }
          List<Long> ids = new ArrayList<>(queued.keySet());
          Map<Long, StoredEntry> rows = entries(c, ids);
          try (PreparedStatement delete =
                  c.prepareStatement("DELETE FROM entries_fts WHERE rowid = ?");
              PreparedStatement insert =
                  c.prepareStatement(
                      "INSERT INTO entries_fts (rowid, title, summary, text) VALUES (?, ?, ?, ?)")) {
            for (long id : ids) {
              if (queued.get(id)) {
                delete.setLong(1, id);
                delete.executeUpdate();
              }
              StoredEntry e = rows.get(id);
              if (e != null) {
                insert.setLong(1, id);
                insert.setString(2, e.title());
                insert.setString(3, e.summary());
                insert.setString(4, text(e.content()));
                insert.executeUpdate();
              }
            }
          }
          // the batch is the queue's head up to its last id: nothing joins it inside this
          // transaction
          try (PreparedStatement done =
              c.prepareStatement("DELETE FROM search_pending WHERE entry_id <= ?")) {
            done.setLong(1, ids.get(ids.size() - 1));
            done.executeUpdate();
          }
          return ids.size();
        });
  }

  /**
   * The words of a post's content; none when they cannot be read, so that one odd post is still
   * found by its title and summary and does not stop the queue behind it.
   */
  private String text(String html) {
    if (html == null) {
      return null;
    }
    try {
      return htmlToText.apply(html);
    } catch (RuntimeException | StackOverflowError e) {
      return null;
    }
  }

  /** Indexes every queued entry; returns how many. */
  public long catchUp() {
    long total = 0;
    for (int n; (n = indexPending(BATCH)) > 0; ) {
      total += n;
    }
    return total;
  }

  /** How many stored entries search cannot find yet. */
  public long pending() {
    return db.read(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT count(*) FROM search_pending")) {
            return rs.next() ? rs.getLong(1) : 0L;
          }
        });
  }

  /** Queued entry ids, with whether an older version of each is in the index. */
  private static Map<Long, Boolean> queued(Connection c, int max) throws SQLException {
    Map<Long, Boolean> out = new LinkedHashMap<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT entry_id, indexed FROM search_pending ORDER BY entry_id LIMIT ?")) {
      p.setInt(1, max);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(1), rs.getInt(2) != 0);
        }
      }
    }
    return out;
  }

  // ---- search ----

  /** Search ranks at most this many matches, the most recently stored. */
  static final int RANK_WINDOW = 2000;

  /** Tokens in a result's snippet. */
  private static final int SNIPPET_TOKENS = 24;

  /** A search hit: the entry, its title and a snippet, with matches marked by \u0001…\u0002. */
  public record Hit(StoredEntry entry, String titleMarked, String snippetMarked) {}

  /**
   * Full-text search over titles, summaries and content, best matches first. Ranking reads every
   * candidate's row, so only the {@value #RANK_WINDOW} most recently stored matches are ranked: a
   * word in half a million posts costs what one in two thousand does. The last word also matches
   * longer words (type-ahead: "cache lat" finds "latency") when, as a whole word, it finds fewer
   * posts than asked for: a prefix has to merge the posting lists of every word it starts, which
   * for a common word costs ten times the whole-word query. Matches are marked here, in the rows
   * shown: the index keeps no text to mark.
   */
  public List<Hit> search(String query, int limit) {
    String words = ftsQuery(query, false);
    if (words.isEmpty()) {
      return List.of();
    }
    return db.read(
        c -> {
          boolean prefix = false;
          List<Long> recent = recentMatches(c, words);
          String match = words;
          if (recent.size() < limit) {
            prefix = true;
            match = ftsQuery(query, true);
            recent = recentMatches(c, match);
          }
          if (recent.isEmpty()) {
            return List.of();
          }
          List<Long> ids = ranked(c, match, recent.get(recent.size() - 1), limit);
          Map<Long, StoredEntry> rows = entries(c, ids);
          SearchMarks.Terms terms = SearchMarks.terms(query, prefix);
          List<Hit> out = new ArrayList<>(ids.size());
          for (long id : ids) {
            StoredEntry e = rows.get(id);
            if (e != null) {
              String text = text(e.content());
              out.add(
                  new Hit(
                      e,
                      SearchMarks.highlight(e.title(), terms),
                      SearchMarks.snippet(terms, SNIPPET_TOKENS, e.summary(), text)));
            }
          }
          return out;
        });
  }

  /** Row ids of the {@value #RANK_WINDOW} most recently stored matches, newest first. */
  private static List<Long> recentMatches(Connection c, String match) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? ORDER BY rowid DESC LIMIT ?")) {
      p.setString(1, match);
      p.setInt(2, RANK_WINDOW);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
    }
    return out;
  }

  /**
   * The best {@code limit} matches from row {@code floor} on: titles weigh most, then summaries.
   */
  private static List<Long> ranked(Connection c, String match, long floor, int limit)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT f.rowid FROM entries_fts f JOIN entries e ON e.id = f.rowid"
                + " WHERE entries_fts MATCH ? AND f.rowid >= ?"
                + " ORDER BY bm25(entries_fts, 5.0, 2.0, 1.0), e.sort_at DESC LIMIT ?")) {
      p.setString(1, match);
      p.setLong(2, floor);
      p.setInt(3, limit);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }

  /** The entries with these ids that still exist, by id. */
  private static Map<Long, StoredEntry> entries(Connection c, List<Long> ids) throws SQLException {
    Map<Long, StoredEntry> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT "
                + EntryStore.ENTRY_COLUMNS
                + " FROM entries e JOIN sources s ON s.id = e.source_id WHERE e.id IN ("
                + String.join(", ", Collections.nCopies(ids.size(), "?"))
                + ")")) {
      for (int i = 0; i < ids.size(); i++) {
        p.setLong(i + 1, ids.get(i));
      }
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          StoredEntry e = EntryStore.entry(rs);
          out.put(e.id(), e);
        }
      }
    }
    return out;
  }

  /**
   * Turns user words into a safe FTS5 query: each word quoted, all required, the last one a prefix
   * when asked.
   */
  static String ftsQuery(String q, boolean lastIsPrefix) {
    if (q == null) {
      return "";
    }
    List<String> terms = new ArrayList<>();
    for (String w : q.split("[^\\p{L}\\p{N}_]+")) {
      if (!w.isEmpty() && terms.size() < SearchMarks.MAX_WORDS) {
        terms.add("\"" + w + "\"");
      }
    }
    if (terms.isEmpty()) {
      return "";
    }
    if (lastIsPrefix) {
      int last = terms.size() - 1;
      terms.set(last, terms.get(last) + "*");
    }
    return String.join(" ", terms);
  }
}
