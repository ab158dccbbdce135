package dev.chorus.refresh;

import dev.chorus.fetch.FetchException;
import dev.chorus.fetch.FetchRequest;
import dev.chorus.fetch.FetchResult.Fetched;
import dev.chorus.fetch.Fetcher;
import dev.chorus.model.ParsedFeed;
import dev.chorus.parse.FeedParseException;
import dev.chorus.parse.FeedParser;
import dev.chorus.scrape.FeedDiscovery;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds a usable feed for a page: the ones it advertises, else well-known feed paths. */
final class FeedFinder {
  private static final Logger log = LoggerFactory.getLogger(FeedFinder.class);
  private static final int MAX_ADVERTISED = 4;
  private final Fetcher fetcher;
  private final FeedParser parser;

  FeedFinder(Fetcher fetcher, FeedParser parser) {
    this.fetcher = fetcher;
    this.parser = parser;
  }

  /** A feed found for the page and its fetch, or null when the page has none that parses. */
  record Found(Fetched fetch, ParsedFeed feed) {}

  Found find(String sourceId, String html, String pageUrl) {
    Set<String> candidates = new LinkedHashSet<>();
    FeedDiscovery.fromHtml(html, pageUrl).stream().limit(MAX_ADVERTISED).forEach(candidates::add);
    boolean advertised = !candidates.isEmpty();
    if (!advertised) {
      candidates.addAll(FeedDiscovery.wellKnown(pageUrl));
    }
    for (String url : candidates) {
      try {
        if (fetcher.fetch(FetchRequest.of(url)) instanceof Fetched f
            && FeedParser.looksLikeFeed(f.body(), f.contentType())) {
          ParsedFeed feed = parser.parse(f.body(), f.contentType(), f.finalUrl());
          // a guessed path must hold posts to count; an advertised feed counts even when empty
          if (advertised || !feed.entries().isEmpty()) {
            log.info("{}: found feed {}", sourceId, url);
            return new Found(f, feed);
          }
        }
      } catch (FetchException | FeedParseException e) {
        log.debug("{}: candidate feed {} not usable: {}", sourceId, url, e.getMessage());
      }
    }
    return null;
  }
}
