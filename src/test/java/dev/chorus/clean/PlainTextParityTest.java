package dev.chorus.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * Summaries read most HTML in one pass instead of parsing it: over every HTML text of the test
 * resources (feedparser's corpus, our feeds and sites) they must say what a full jsoup parse says.
 */
class PlainTextParityTest {

  @Test
  void theOnePassTextOfEveryTestTextMatchesAParsersText() throws IOException, URISyntaxException {
    Path root = Path.of(getClass().getResource("/feedparser").toURI()).getParent();
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(p -> p.toString().matches(".*\\.(xml|html|atom|rss)$")).sorted().toList();
    }
    List<String> failures = new ArrayList<>();
    int texts = 0;
    for (Path file : files) {
      String doc = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      for (String html : SanitizeCorpusTest.htmlTexts(doc)) {
        texts++;
        String fast = PlainText.of(html, 1_000_000);
        String parsed = collapse(Jsoup.parseBodyFragment(html).body().text());
        if (!fast.equals(parsed)) {
          failures.add(root.relativize(file) + ": [" + fast + "] <> [" + parsed + "]");
        }
      }
    }
    System.out.println("Plain text parity: " + texts + " texts, " + failures.size() + " differ");
    assertThat(texts).isGreaterThan(5000);
    assertThat(failures).isEmpty();
  }

  @Test
  void whatOnlyAParserReadsRightStillReadsRight() {
    assertThat(PlainText.of("a<script>var x = 1;</script> b", 100)).isEqualTo("a b");
    assertThat(PlainText.of("a<!-- hidden --> b", 100)).isEqualTo("a b");
    assertThat(PlainText.of("a</ b>c", 100)).isEqualTo("ac");
    assertThat(PlainText.of("a<custom>b</custom>c", 100)).isEqualTo("abc");
    assertThat(PlainText.of("x &lt; y<p>z &amp; w</p>", 100)).isEqualTo("x < y z & w");
  }

  private static String collapse(String text) {
    StringBuilder sb = new StringBuilder();
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00A0') {
        space = sb.length() > 0;
      } else if (c == '\u00AD' || c == '\u200B') {
        continue; // summaries leave out invisible characters
      } else {
        if (space) {
          sb.append(' ');
        }
        space = false;
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
