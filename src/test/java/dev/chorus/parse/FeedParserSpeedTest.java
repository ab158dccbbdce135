package dev.chorus.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeedParserSpeedTest {

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
  void parsesThousandsOfEntriesPerSecond() throws Exception {
    FeedParser parser = new FeedParser();
    byte[] body = bigRss(500);
    for (int i = 0; i < 40; i++) {
      parser.parse(body, "application/rss+xml", "https://big.example.com/feed");
    }
    int rounds = 60;
    long start = System.nanoTime();
    int entries = 0;
    for (int i = 0; i < rounds; i++) {
      entries +=
          parser
              .parse(body, "application/rss+xml", "https://big.example.com/feed")
              .entries()
              .size();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double rate = entries / seconds;
    System.out.printf(
        "FeedParser speed: %.0f entries/s (%d-item RSS 2.0, %d KB)%n",
        rate, 500, body.length / 1024);
    assertThat(rate).isGreaterThan(2000);
  }
}
