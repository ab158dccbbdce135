package dev.chorus.web;

import dev.chorus.model.StoredEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One entry as the merged feeds and the API show it, with its source's details.
 *
 * @param entry the stored entry
 * @param sourceUrl the source's site
 * @param sourceFeedUrl Chorus's own feed of this source
 * @param tags the source's tags
 * @param withContent whether the source allows its full content to be republished
 * @param permalink Chorus's page for the entry
 */
record FeedItem(
    StoredEntry entry,
    String sourceUrl,
    String sourceFeedUrl,
    List<String> tags,
    boolean withContent,
    String permalink) {

  /** A stable id: the same entry gets the same id after restarts and re-polls. */
  String stableId() {
    byte[] name = (entry.sourceId() + "\n" + entry.key()).getBytes(StandardCharsets.UTF_8);
    return "urn:uuid:" + UUID.nameUUIDFromBytes(name);
  }

  /** The original post if it has a safe link, else Chorus's page for it. */
  String link() {
    String u = Links.safe(entry.url());
    return u != null ? u : permalink;
  }

  /** The instant the entry is ordered by: its date, else when Chorus first saw it. */
  Instant published() {
    return entry.sortAt();
  }

  Instant updated() {
    Instant u = entry.updated();
    return u != null && u.isAfter(published()) ? u : published();
  }

  String content() {
    return withContent ? entry.content() : null;
  }
}
