package dev.chorus.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.model.ParsedEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorScraperTest {

  private static final String HTML =
      "<div class=post><h3>First post</h3><a href='/a/first#top'>go</a>"
          + "<span class=d>09.10.2024</span><p>One.</p></div>"
          + "<div class=post><h3>Second</h3><a href='/a/second'>go</a><span class=d>Oct 1, 2024</span></div>"
          + "<div class=post><h3>Dup</h3><a href='/a/first'>go</a></div>";

  @Test
  void appliesRelativeSelectorsAndUsesTheDateFormat() {
    List<ParsedEntry> posts =
        SelectorScraper.apply(
            new ScrapeRule("div.post", "h3", null, "span.d", "p", "dd.MM.yyyy"),
            HTML,
            "https://x.example/");
    assertThat(posts)
        .extracting(ParsedEntry::url)
        .containsExactly("https://x.example/a/first", "https://x.example/a/second");
    assertThat(posts).extracting(ParsedEntry::title).containsExactly("First post", "Second");
    assertThat(posts.get(0).published().iso()).isEqualTo("2024-10-09");
    assertThat(posts.get(1).published().iso()).isEqualTo("2024-10-01");
    assertThat(posts.get(0).summaryHtml()).isEqualTo("One.");
  }

  @Test
  void returnsNothingForBadSelectors() {
    assertThat(
            SelectorScraper.apply(
                new ScrapeRule("div[", null, null, null, null, null), HTML, "https://x.example/"))
        .isEmpty();
    assertThat(SelectorScraper.apply(null, HTML, null)).isEmpty();
  }
}
