package dev.chorus.model;

import java.util.List;

/**
 * What one document (a feed or a scraped page) says about a source and its posts.
 *
 * @param title the feed's or page's title, or null
 * @param siteUrl the site's home page, or null
 * @param entries the posts, in document order
 * @param ttlMinutes the feed's own refresh hint (RSS {@code ttl}), or null
 */
public record ParsedFeed(
    String title, String siteUrl, List<ParsedEntry> entries, Integer ttlMinutes) {
  public ParsedFeed {
    entries = List.copyOf(entries);
  }
}
