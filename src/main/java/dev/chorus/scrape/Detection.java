package dev.chorus.scrape;

import dev.chorus.model.ParsedEntry;
import java.util.List;

/**
 * What {@link PostListDetector} found on a list page.
 *
 * @param posts the posts in page order, with absolute URLs
 * @param rule selectors that yield the same posts with {@link SelectorScraper}, or null
 * @param candidates the groups considered, best first
 * @param method "json-ld", "microformats", "microdata" or "detected"
 */
public record Detection(
    List<ParsedEntry> posts, ScrapeRule rule, List<Candidate> candidates, String method) {
  public Detection {
    posts = List.copyOf(posts);
    candidates = List.copyOf(candidates);
  }
}
