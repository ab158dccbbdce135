package dev.chorus.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeedDiscoveryTest {

  private static final String DIR = "http://diveintomark.org/tests/client/autodiscovery/";

  private static String corpus(String name) {
    try (InputStream in =
        FeedDiscoveryTest.class.getResourceAsStream("/scrape/autodiscovery/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "001", "002", "003", "006", "010", "025", "028", "032", "033", "034", "041", "044", "045",
        "046", "047", "052", "053", "055", "056"
      })
  void findsTheAdvertisedFeedFirst(String n) {
    var feeds =
        FeedDiscovery.fromHtml(corpus("html4-" + n + ".html"), DIR + "html4-" + n + ".html");
    assertThat(feeds).isNotEmpty();
    assertThat(feeds.get(0)).endsWith("/tests/client/autodiscovery/html4-" + n + ".xml");
    assertThat(feeds).noneMatch(u -> u.endsWith("/404"));
  }

  @Test
  void resolvesRelativeHrefAgainstThePage() {
    assertThat(FeedDiscovery.fromHtml(corpus("html4-002.html"), DIR + "html4-002.html"))
        .containsExactly(DIR + "html4-002.xml");
  }

  @Test
  void resolvesAgainstTheDeclaredBase() {
    assertThat(FeedDiscovery.fromHtml(corpus("html4-047.html"), DIR + "html4-047.html"))
        .containsExactly("http://www.ragingplatypus.com/tests/client/autodiscovery/html4-047.xml");
  }

  @Test
  void ranksMainFeedBeforeCommentsFeed() {
    String html = PostListDetectorTest.page("wordpress.html");
    assertThat(FeedDiscovery.fromHtml(html, "https://quiet.example/"))
        .containsExactly("https://quiet.example/feed/", "https://quiet.example/comments/feed/");
  }

  @Test
  void ignoresStylesheetsAndNonFeedAlternates() {
    String html =
        "<link rel=stylesheet href=/a.css><link rel=alternate hreflang=de href=/de/>"
            + "<link rel=alternate type='application/feed+json' href='/feed.json'>";
    assertThat(FeedDiscovery.fromHtml(html, "https://x.example/blog/"))
        .containsExactly("https://x.example/feed.json");
    assertThat(FeedDiscovery.fromHtml(null, null)).isEmpty();
  }

  @Test
  void listsWellKnownPathsAtTheOriginAndTheDirectory() {
    assertThat(FeedDiscovery.wellKnown("https://x.example/"))
        .containsExactly(
            "https://x.example/feed",
            "https://x.example/feed.xml",
            "https://x.example/rss.xml",
            "https://x.example/atom.xml",
            "https://x.example/index.xml",
            "https://x.example/feed.json");
    assertThat(FeedDiscovery.wellKnown("https://x.example/blog/"))
        .hasSize(12)
        .contains("https://x.example/blog/index.xml", "https://x.example/feed");
    assertThat(FeedDiscovery.wellKnown("not a url")).isEmpty();
  }
}
