package dev.chorus.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.clean.HtmlCleaner;
import dev.chorus.model.ParsedEntry;
import dev.chorus.store.NewEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryCleanerTest {
  private final EntryCleaner cleaner = new EntryCleaner(new HtmlCleaner());
  private static final String BASE = "https://blog.example/feed.xml";

  private static ParsedEntry entry(
      String guid, String url, String title, String summary, String content) {
    return new ParsedEntry(guid, url, title, null, null, null, summary, content);
  }

  @Test
  void resolvesRelativeLinksAndIdentifiesByGuidElseLink() {
    List<NewEntry> out =
        cleaner.clean(
            List.of(
                entry("g1", "/a", "A", null, null),
                entry(null, "b?utm_source=x#top", "B", null, null)),
            BASE);
    assertThat(out)
        .extracting(n -> n.entry().url())
        .containsExactly("https://blog.example/a", "https://blog.example/b?utm_source=x#top");
    assertThat(out.get(0).key()).isEqualTo("g:g1");
    assertThat(out.get(1).key()).isEqualTo("u:https://blog.example/b");
  }

  @Test
  void identifiesPostsWithNeitherLinkNorGuidByTheirText() {
    List<NewEntry> out =
        cleaner.clean(
            List.of(
                entry(null, null, "no link", "x", null),
                entry(null, "javascript:alert(1)", "bad link", "y", null)),
            BASE);
    assertThat(out).hasSize(2);
    assertThat(out).allSatisfy(n -> assertThat(n.key()).startsWith("h:"));
    assertThat(out.get(1).entry().url()).isNull();
    assertThat(cleaner.clean(List.of(entry(null, null, null, null, null)), BASE)).isEmpty();
  }

  @Test
  void keepsTheFirstOfRepeatsButTellsApartPostsSharingAGuid() {
    List<NewEntry> out =
        cleaner.clean(
            List.of(
                entry("same", "https://blog.example/1", "first", null, null),
                entry("same", "https://blog.example/2", "second", null, null),
                entry("same", "https://blog.example/1", "first again", null, null)),
            BASE);
    assertThat(out).extracting(n -> n.entry().title()).containsExactly("first", "second");
  }

  @Test
  void makesTitleAndSummaryPlainTextAndSanitisesContent() {
    NewEntry n =
        cleaner
            .clean(
                List.of(
                    entry(
                        "g",
                        "/p",
                        "<b>Bold</b> &amp; more",
                        "<p>Short <i>summary</i></p>",
                        "<p onclick=\"x()\">Body<script>alert(1)</script></p>")),
                BASE)
            .get(0);
    assertThat(n.entry().title()).isEqualTo("Bold & more");
    assertThat(n.entry().summaryHtml()).isEqualTo("Short summary");
    assertThat(n.entry().contentHtml()).contains("Body").doesNotContain("script", "onclick");
  }

  @Test
  void usesHtmlSummaryAsContentWhenThereIsNoContent() {
    NewEntry n =
        cleaner
            .clean(List.of(entry("g", "/p", "T", "<p>Only a <em>summary</em></p>", null)), BASE)
            .get(0);
    assertThat(n.entry().contentHtml()).contains("<em>summary</em>");
    NewEntry plain =
        cleaner.clean(List.of(entry("g", "/p", "T", "plain words", null)), BASE).get(0);
    assertThat(plain.entry().contentHtml()).isNull();
  }

  @Test
  void capsGiantEntries() {
    String giant = "<p>" + "word ".repeat(400_000) + "</p>";
    NewEntry n =
        cleaner.clean(List.of(entry("g", "/p", "T".repeat(5000), giant, giant)), BASE).get(0);
    assertThat(n.entry().contentHtml().length())
        .isLessThanOrEqualTo(EntryCleaner.MAX_CONTENT + 100);
    assertThat(n.entry().title().length()).isLessThanOrEqualTo(EntryCleaner.MAX_TITLE);
    assertThat(n.entry().summaryHtml().length()).isLessThanOrEqualTo(EntryCleaner.MAX_SUMMARY);
  }
}
