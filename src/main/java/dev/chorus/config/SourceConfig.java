package dev.chorus.config;

import java.util.List;

/**
 * One blog to follow.
 *
 * @param id stable slug
 * @param name the author's or blog's name
 * @param url the blog's home or list page
 * @param feed the declared feed URL, or null to discover it
 * @param tags tags for the source's posts
 * @param poll when this source is polled (the config's defaults where it sets nothing)
 * @param scrape selectors overriding detection, or null
 * @param content whether full content is republished in the merged feeds
 * @param line the line in the config file where the source starts
 */
public record SourceConfig(
    String id,
    String name,
    String url,
    String feed,
    List<String> tags,
    PollSettings poll,
    ScrapeConfig scrape,
    ContentMode content,
    int line) {

  public SourceConfig {
    tags = List.copyOf(tags);
  }

  /** Which part of a post is republished in the merged feeds. */
  public enum ContentMode {
    FULL,
    SUMMARY
  }
}
