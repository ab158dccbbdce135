package dev.chorus.model;

import java.time.Instant;

/**
 * An entry as stored: cleaned, attributed to its source.
 *
 * @param id the database id
 * @param sourceId the source's id
 * @param sourceName the source's display name
 * @param key the entry's identity within its source (guid- or link-based); stable across polls
 * @param author the post's author, or null
 * @param title plain-text title, or null
 * @param url the original post, or null
 * @param published the publication date as precisely as known ({@link FuzzyDate#iso()}), or null
 * @param sortAt the instant the entry is ordered by: its date, else when it was first seen
 * @param updated when the post was last updated, or null
 * @param summary plain-text summary, or null
 * @param content sanitised HTML content, or null
 * @param firstSeen when Chorus first stored it
 */
public record StoredEntry(
    long id,
    String sourceId,
    String sourceName,
    String key,
    String author,
    String title,
    String url,
    String published,
    Instant sortAt,
    Instant updated,
    String summary,
    String content,
    Instant firstSeen) {

  /** The title, or a stand-in drawn from the summary when the post has none. */
  public String displayTitle() {
    if (title != null && !title.isBlank()) {
      return title;
    }
    if (summary != null && !summary.isBlank()) {
      return summary.length() > 80 ? summary.substring(0, 80).strip() + "…" : summary;
    }
    return "(untitled)";
  }

  /** The author, else the source's name. */
  public String displayAuthor() {
    return author != null && !author.isBlank() ? author : sourceName;
  }
}
