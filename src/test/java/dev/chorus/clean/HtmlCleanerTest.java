package dev.chorus.clean;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlCleanerTest {

  private final HtmlCleaner cleaner = new HtmlCleaner();
  private static final String BASE = "https://blog.example.com/posts/1/";

  @Test
  void relativeLinksAndImagesResolveAgainstTheBase() {
    String out = cleaner.sanitize("<a href=\"../2/\">next</a><img src=\"a.png\" alt=\"A\">", BASE);
    assertThat(out).contains("href=\"https://blog.example.com/posts/2/\"");
    assertThat(out).contains("src=\"https://blog.example.com/posts/1/a.png\"");
    assertThat(out).contains("alt=\"A\"");
  }

  @Test
  void linksGetNoopenerNoreferrer() {
    String rel =
        org.jsoup.Jsoup.parse(cleaner.sanitize("<a href=\"https://x.example/\">x</a>", BASE))
            .selectFirst("a")
            .attr("rel");
    assertThat(rel.split(" ")).containsExactlyInAnyOrder("noopener", "noreferrer");
  }

  @Test
  void imagesAreLazy() {
    assertThat(cleaner.sanitize("<img src=\"https://x.example/a.png\">", BASE))
        .contains("loading=\"lazy\"");
  }

  @Test
  void scriptsStylesAndHandlersAreRemoved() {
    String out =
        cleaner.sanitize(
            "<p style=\"color:red\" onclick=\"x()\" class=\"c\" id=\"i\">hi</p><script>alert(1)</script>"
                + "<style>p{}</style><a href=\"javascript:alert(1)\">j</a>",
            BASE);
    assertThat(out).isEqualTo("<p>hi</p>j");
  }

  @Test
  void srcsetKeepsOnlySafeCandidates() {
    String out =
        cleaner.sanitize(
            "<img src=\"a.png\" srcset=\"a.png 1x, javascript:alert(1) 2x, //cdn.example.com/b.png 3x\">",
            BASE);
    assertThat(out)
        .contains(
            "srcset=\"https://blog.example.com/posts/1/a.png 1x, https://cdn.example.com/b.png 3x\"");
    assertThat(out).doesNotContain("javascript");
  }

  @Test
  void iframesOnlyFromVideoHostsOverHttps() {
    assertThat(
            cleaner.sanitize(
                "<iframe src=\"https://www.youtube.com/embed/abc\" width=\"560\"></iframe>", BASE))
        .contains("<iframe src=\"https://www.youtube.com/embed/abc\"");
    assertThat(cleaner.sanitize("<iframe src=\"https://player.vimeo.com/video/1\"></iframe>", BASE))
        .contains("player.vimeo.com");
    assertThat(cleaner.sanitize("<iframe src=\"http://www.youtube.com/embed/abc\"></iframe>", BASE))
        .doesNotContain("iframe");
    assertThat(cleaner.sanitize("<iframe src=\"https://evil.example/\"></iframe>", BASE))
        .doesNotContain("iframe");
  }

  @Test
  void mailtoLinksSurviveButNotOnImages() {
    assertThat(cleaner.sanitize("<a href=\"mailto:me@example.com\">m</a>", BASE))
        .contains("href=\"mailto:me&#64;example.com\"");
    assertThat(cleaner.sanitize("<img src=\"mailto:me@example.com\">", BASE))
        .doesNotContain("<img");
  }

  @Test
  void structureAndFormattingSurvive() {
    String html =
        "<h2>T</h2><ul><li><em>a</em></li></ul><blockquote>q</blockquote><pre><code>x</code></pre>"
            + "<table><tr><td>c</td></tr></table><figure><figcaption>f</figcaption></figure>";
    String out = cleaner.sanitize(html, BASE);
    assertThat(out)
        .contains(
            "<h2>T</h2>",
            "<em>a</em>",
            "<blockquote>q</blockquote>",
            "<code>x</code>",
            "<td>c</td>",
            "<figcaption>f</figcaption>");
  }

  @Test
  void nullOrBlankGivesEmptyString() {
    assertThat(cleaner.sanitize(null, BASE)).isEmpty();
    assertThat(cleaner.sanitize("  ", null)).isEmpty();
  }
}
