package dev.chorus.clean;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

  @Test
  void tagsAreDroppedAndEntitiesDecoded() {
    assertThat(PlainText.of("<p>Fish &amp; <b>chips</b> &eacute;t&#233; &#x2014; ok</p>", 100))
        .isEqualTo("Fish & chips été — ok");
  }

  @Test
  void whitespaceCollapsesAndBlocksAreSeparated() {
    assertThat(PlainText.of("<p>one</p>\n\n<p>  two&nbsp;&nbsp;three </p><br>four", 100))
        .isEqualTo("one two three four");
  }

  @Test
  void scriptsAndStylesAreNotVisibleText() {
    assertThat(PlainText.of("<style>p{}</style><script>alert(1)</script>Hi", 100)).isEqualTo("Hi");
  }

  @Test
  void longTextIsCutAtAWordBoundaryWithAnEllipsis() {
    String cut = PlainText.of("The quick brown fox jumps over the lazy dog", 20);
    assertThat(cut).isEqualTo("The quick brown fox…");
    assertThat(cut.length()).isLessThanOrEqualTo(20);
  }

  @Test
  void trailingPunctuationIsDroppedBeforeTheEllipsis() {
    assertThat(PlainText.of("Hello, world, again and again", 14)).isEqualTo("Hello, world…");
  }

  @Test
  void shortTextIsNotCut() {
    assertThat(PlainText.of("Short", 5)).isEqualTo("Short");
  }

  @Test
  void oneLongWordIsCutHard() {
    assertThat(PlainText.of("Supercalifragilistic", 10)).isEqualTo("Supercali…");
  }

  @Test
  void nullGivesNull() {
    assertThat(PlainText.of(null, 10)).isNull();
  }

  @Test
  void aLongFragmentIsCutAsIfItWereReadWhole() {
    String html = "<p>" + "word <a href=\"/x\">link</a> &amp; ".repeat(2000) + "</p>";
    String cut = PlainText.of(html, 100);
    assertThat(cut).startsWith("word link & word link &").endsWith("…");
    assertThat(cut.length()).isLessThanOrEqualTo(100);
  }

  @Test
  void textHiddenPastAPrefixIsStillFound() {
    String html = "<p>short</p><script>" + "x".repeat(20_000) + "</script><p>after &amp; all</p>";
    assertThat(PlainText.of(html, 600)).isEqualTo("short after & all");
  }

  @Test
  void plainTextWithoutMarkupOnlyHasItsWhitespaceCollapsed() {
    assertThat(PlainText.of("  one\t two\u00A0 three\n", 100)).isEqualTo("one two three");
  }

  @Test
  void indexTextKeepsEveryWordOfSanitisedHtml() {
    assertThat(
            PlainText.ofSanitized(
                "<h2>Title</h2><p>Fish &amp; <b>ch</b>ips &eacute;t&#233;</p><ul><li>one</li>"
                    + "<li>two</li></ul><p><a href=\"https://x.example/?a=1&amp;b=%3E\">link"
                    + "</a> a &lt;b&gt; c</p>"))
        .isEqualTo("Title Fish & chips été one two link a <b> c");
  }

  @Test
  void indexTextSeparatesBlocksButNotInlineElements() {
    assertThat(PlainText.ofSanitized("end</p><p>start<br>next<em>word</em>s<img src=\"x\">more"))
        .isEqualTo("end start nextwords more");
  }

  @Test
  void indexTextCopesWithStrayAngleBracketsAndQuotedGreaterThan() {
    assertThat(PlainText.ofSanitized("a < b <span title='x>y'>c</span> <!-- no -->d <"))
        .isEqualTo("a < b c d <");
    assertThat(PlainText.ofSanitized(null)).isNull();
    assertThat(PlainText.ofSanitized("plain  text")).isEqualTo("plain text");
  }
}
