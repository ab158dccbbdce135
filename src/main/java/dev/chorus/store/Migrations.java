package dev.chorus.store;

import java.util.List;

/** The numbered schema migrations; a database records the highest one applied. */
final class Migrations {
  private Migrations() {}

  static final List<String> ALL =
      List.of(
          // 1: sources, entries, fetch outcomes
          """
          CREATE TABLE sources (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            url TEXT NOT NULL,
            feed_url TEXT,
            path TEXT,
            etag TEXT,
            last_modified TEXT,
            last_fetch_at INTEGER,
            last_success_at INTEGER,
            last_error TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            next_poll_at INTEGER,
            gone INTEGER NOT NULL DEFAULT 0,
            discovered_at INTEGER,
            active INTEGER NOT NULL DEFAULT 1,
            created_at INTEGER NOT NULL
          );
          CREATE TABLE entries (
            id INTEGER PRIMARY KEY,
            source_id TEXT NOT NULL REFERENCES sources(id),
            key TEXT NOT NULL,
            url_key TEXT,
            url TEXT,
            title TEXT,
            author TEXT,
            published TEXT,
            sort_at INTEGER NOT NULL,
            updated_at INTEGER,
            summary TEXT,
            content TEXT,
            hash TEXT NOT NULL,
            first_seen INTEGER NOT NULL,
            date_flag TEXT,
            UNIQUE (source_id, key)
          );
          CREATE INDEX entries_by_time ON entries (sort_at DESC, id DESC);
          CREATE INDEX entries_by_source_time ON entries (source_id, sort_at DESC, id DESC);
          CREATE INDEX entries_by_url ON entries (source_id, url_key);
          CREATE TABLE fetches (
            id INTEGER PRIMARY KEY,
            source_id TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL,
            outcome TEXT NOT NULL,
            status INTEGER,
            new_entries INTEGER NOT NULL DEFAULT 0,
            updated_entries INTEGER NOT NULL DEFAULT 0,
            error TEXT
          );
          CREATE INDEX fetches_by_source ON fetches (source_id, started_at DESC)
          """,
          // 2: full-text search over titles, summaries and content
          """
          CREATE VIRTUAL TABLE entries_fts USING fts5 (
            title, summary, content, content='entries', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
          );
          CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
            INSERT INTO entries_fts (rowid, title, summary, content)
            VALUES (new.id, new.title, new.summary, new.content);
          END;
          CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
            INSERT INTO entries_fts (entries_fts, rowid, title, summary, content)
            VALUES ('delete', old.id, old.title, old.summary, old.content);
          END;
          CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, summary, content ON entries BEGIN
            INSERT INTO entries_fts (entries_fts, rowid, title, summary, content)
            VALUES ('delete', old.id, old.title, old.summary, old.content);
            INSERT INTO entries_fts (rowid, title, summary, content)
            VALUES (new.id, new.title, new.summary, new.content);
          END
          """,
          // 3: the feed URL the config declares, to notice when the user changes it
          """
          ALTER TABLE sources ADD COLUMN declared_feed TEXT
          """,
          // 4: the full-text index holds words, not HTML, and is filled after the fact
          // (SearchIndex): writes only queue the entry. "indexed": an older version is in the
          // index and must be deleted first. The whole table is queued to be indexed again.
          """
          DROP TRIGGER entries_fts_insert;
          DROP TRIGGER entries_fts_delete;
          DROP TRIGGER entries_fts_update;
          DROP TABLE entries_fts;
          CREATE VIRTUAL TABLE entries_fts USING fts5 (
            title, summary, text, content='', contentless_delete=1,
            tokenize='unicode61 remove_diacritics 2'
          );
          CREATE TABLE search_pending (
            entry_id INTEGER PRIMARY KEY,
            indexed INTEGER NOT NULL
          );
          CREATE TRIGGER entries_search_insert AFTER INSERT ON entries BEGIN
            INSERT OR IGNORE INTO search_pending (entry_id, indexed) VALUES (new.id, 0);
          END;
          CREATE TRIGGER entries_search_update AFTER UPDATE OF title, summary, content ON entries BEGIN
            INSERT OR IGNORE INTO search_pending (entry_id, indexed) VALUES (new.id, 1);
          END;
          CREATE TRIGGER entries_search_delete AFTER DELETE ON entries BEGIN
            INSERT OR IGNORE INTO search_pending (entry_id, indexed) VALUES (old.id, 1);
          END;
          INSERT INTO search_pending (entry_id, indexed) SELECT id, 0 FROM entries
          """);
}
