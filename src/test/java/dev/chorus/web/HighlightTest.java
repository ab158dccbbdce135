package dev.chorus.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Search matches become {@code <mark>} only after everything else is escaped. */
class HighlightTest {
  @Test
  void escapesTheTextBeforeTurningMarkersIntoMarkElements() {
    assertThat(Highlight.of("<script>alert('x')</script> & \u0001queues\u0002 \"now\"").html())
        .isEqualTo(
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; <mark>queues</mark> &quot;now&quot;");
  }

  @Test
  void markupSmuggledAroundTheMarkersStaysText() {
    assertThat(Highlight.of("\u0001<img src=x onerror=alert(1)>\u0002").html())
        .isEqualTo("<mark>&lt;img src=x onerror=alert(1)&gt;</mark>");
  }

  @Test
  void unbalancedMarkersStillGiveBalancedTags() {
    assertThat(Highlight.of("a\u0002b\u0001c\u0001d").html()).isEqualTo("ab<mark>cd</mark>");
    assertThat(Highlight.of("\u0001\u0001x\u0002\u0002").html()).isEqualTo("<mark>x</mark>");
  }

  @Test
  void aSnippetWithAngleBracketsInItsTextKeepsThem() {
    assertThat(Highlight.of("…why a < b and c > d matter for \u0001queues\u0002…").html())
        .isEqualTo("…why a &lt; b and c &gt; d matter for <mark>queues</mark>…");
  }

  @Test
  void dropsControlCharactersOtherThanTheMarkers() {
    assertThat(Highlight.of("a\u0000b\u0007c\u0001d\u0002").html()).isEqualTo("abc<mark>d</mark>");
  }
}
