package dev.chorus.refresh;

import dev.chorus.fetch.FetchException;
import dev.chorus.fetch.FetchRequest;
import dev.chorus.fetch.FetchResult.Fetched;
import dev.chorus.fetch.Fetcher;
import dev.chorus.model.ParsedEntry;
import dev.chorus.model.ParsedFeed;
import dev.chorus.parse.FeedParseException;
import dev.chorus.parse.FeedParser;
import dev.chorus.scrape.Detection;
import dev.chorus.scrape.PostListDetector;
import java.util.List;

/**
 * Shows what Chorus would read from a page, storing nothing: for {@code detect} and {@code add}.
 */
public final class Prober implements AutoCloseable {
  private final Fetcher fetcher;
  private final FeedParser parser = new FeedParser();
  private final FeedFinder finder;
  private final PostPages postPages;

  public Prober(Fetcher fetcher) {
    this.fetcher = fetcher;
    this.finder = new FeedFinder(fetcher, parser);
    this.postPages = new PostPages(fetcher);
  }

  /**
   * The feed the page is or advertises (when {@code discoverFeeds}), else the detected post list,
   * completed from the posts' own pages when {@code readPostPages}.
   */
  public Probe probe(String url, boolean discoverFeeds, boolean readPostPages)
      throws FetchException, FeedParseException {
    Fetched page = (Fetched) fetcher.fetch(FetchRequest.of(url));
    if (FeedParser.looksLikeFeed(page.body(), page.contentType())) {
      ParsedFeed feed = parser.parse(page.body(), page.contentType(), page.finalUrl());
      return new Probe(page.finalUrl(), page.finalUrl(), feed.title(), null, feed.entries());
    }
    String html = SourceRefresher.decode(page.body(), page.contentType());
    if (discoverFeeds) {
      FeedFinder.Found found = finder.find("probe", html, page.finalUrl());
      if (found != null) {
        String feedUrl =
            found.fetch().permanentUrl() != null
                ? found.fetch().permanentUrl()
                : found.fetch().requestedUrl();
        return new Probe(
            page.finalUrl(), feedUrl, found.feed().title(), null, found.feed().entries());
      }
    }
    Detection d = new PostListDetector().detect(html, page.finalUrl());
    List<ParsedEntry> posts = d.posts();
    if (readPostPages) {
      posts = postPages.complete(posts, posts.stream().map(p -> true).toList());
    }
    return new Probe(page.finalUrl(), null, null, d, posts);
  }

  /**
   * What a page holds for Chorus.
   *
   * @param pageUrl the page after redirects
   * @param feedUrl the feed found, or null when the page must be scraped
   * @param title the feed's title, or null
   * @param detection the post-list detection, or null when a feed was found
   * @param posts the posts, in page order
   */
  public record Probe(
      String pageUrl, String feedUrl, String title, Detection detection, List<ParsedEntry> posts) {}

  @Override
  public void close() {
    postPages.close();
  }
}
