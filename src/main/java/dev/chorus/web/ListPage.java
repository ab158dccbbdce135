package dev.chorus.web;

import java.util.List;

/**
 * A page of entries: the merged list, an author's, a tag's, or search results.
 *
 * @param siteTitle the planet's title
 * @param heading the page heading
 * @param intro a line under the heading, or null
 * @param days entries grouped by day
 * @param olderUrl the next page, or null
 * @param newestUrl the first page when this is a later one, else null
 * @param feedBase the path the page's feeds hang from ("" for the merged feeds)
 * @param homeUrl a link out (an author's site), or null
 * @param query the search words, or null
 * @param nav which navigation item is current
 */
public record ListPage(
    String siteTitle,
    String heading,
    String intro,
    List<DayGroup> days,
    String olderUrl,
    String newestUrl,
    String feedBase,
    String homeUrl,
    String query,
    String nav) {

  public boolean isEmpty() {
    return days.isEmpty();
  }
}
