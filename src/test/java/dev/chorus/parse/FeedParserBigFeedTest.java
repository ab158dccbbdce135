package dev.chorus.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.model.ParsedEntry;
import dev.chorus.model.ParsedFeed;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A feed of 500 full items reads completely and alike on every parse (the parser reuses its XML
 * builders). How fast it reads is measured by the JMH {@code ParseBenchmark}, not here.
 */
class FeedParserBigFeedTest {

  static byte[] bigRss(int items) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    sb.append(
        "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Big</title>"
            + "<link>https://big.example.com/</link><ttl>30</ttl>\n");
    for (int i = 0; i < items; i++) {
      sb.append("<item><title>Post number ")
          .append(i)
          .append(" &amp; more&nbsp;words</title>")
          .append("<link>https://big.example.com/posts/")
          .append(i)
          .append("</link>")
          .append("<guid isPermaLink=\"false\">post-")
          .append(i)
          .append("</guid>")
          .append("<dc:creator>Author ")
          .append(i % 7)
          .append("</dc:creator>")
          .append("<pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>")
          .append(
              "<description>&lt;p&gt;A summary of the post with a few words.&lt;/p&gt;</description>")
          .append("<content:encoded><![CDATA[<p>Some <b>content</b> for post ")
          .append(i)
          .append(
              " with <a href=\"/x\">a link</a> and a bit more text to make it realistic.</p>]]>")
          .append("</content:encoded></item>\n");
    }
    return sb.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsEveryItemOfABigFeedAlikeOnEveryParse() throws Exception {
    FeedParser parser = new FeedParser();
    byte[] body = bigRss(500);
    ParsedFeed first = parser.parse(body, "application/rss+xml", "https://big.example.com/feed");
    assertThat(first.entries()).hasSize(500);
    ParsedEntry last = first.entries().get(499);
    assertThat(last.guid()).isEqualTo("post-499");
    assertThat(last.url()).isEqualTo("https://big.example.com/posts/499");
    assertThat(last.title()).isEqualTo("Post number 499 & more\u00a0words");
    assertThat(last.author()).isEqualTo("Author 2");
    assertThat(last.contentHtml()).contains("for post 499", "<a href=\"/x\">a link</a>");
    for (int i = 0; i < 20; i++) {
      assertThat(parser.parse(body, "application/rss+xml", "https://big.example.com/feed"))
          .isEqualTo(first);
    }
  }
}
