package dev.chorus.clean;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlsTest {

  private static final String BASE = "https://blog.example.com/posts/2024/hello.html";

  @Test
  void relativePathsResolveAgainstTheBase() {
    assertThat(Urls.safeHttpUrl("img/a.png", BASE))
        .isEqualTo("https://blog.example.com/posts/2024/img/a.png");
    assertThat(Urls.safeHttpUrl("/about", BASE)).isEqualTo("https://blog.example.com/about");
    assertThat(Urls.safeHttpUrl("../x", BASE)).isEqualTo("https://blog.example.com/posts/x");
    assertThat(Urls.safeHttpUrl("?page=2", BASE))
        .isEqualTo("https://blog.example.com/posts/2024/hello.html?page=2");
    assertThat(Urls.safeHttpUrl("#top", BASE))
        .isEqualTo("https://blog.example.com/posts/2024/hello.html#top");
    assertThat(Urls.safeHttpUrl("x", "https://example.com")).isEqualTo("https://example.com/x");
  }

  @Test
  void protocolRelativeUrlsTakeTheBaseScheme() {
    assertThat(Urls.safeHttpUrl("//cdn.example.net/x.js", "http://example.com/"))
        .isEqualTo("http://cdn.example.net/x.js");
    assertThat(Urls.safeHttpUrl("//cdn.example.net/x", null))
        .isEqualTo("https://cdn.example.net/x");
  }

  @Test
  void absoluteHttpUrlsPassAndSpacesAreEncoded() {
    assertThat(Urls.safeHttpUrl("HTTP://Example.com/a b", null))
        .isEqualTo("http://Example.com/a%20b");
    assertThat(Urls.safeHttpUrl("  https://example.com/x\n", BASE))
        .isEqualTo("https://example.com/x");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "jav\tascript:alert(1)",
        "jav&#x0A;ascript:alert(1)",
        "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
        "\u0001javascript:alert(1)",
        " \u0000 javascript:alert(1)",
        "java\u0000script:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "DATA:image/png;base64,xx",
        "ftp://example.com/file",
        "file:///etc/passwd",
        "mailto:a@example.com",
        "jav ascript:alert(1)",
        "http:",
        "https:///nohost",
        ""
      })
  void unsafeOrNonHttpUrlsGiveNull(String href) {
    assertThat(Urls.safeHttpUrl(href, BASE)).isNull();
  }

  @Test
  void missingHrefOrUnusableBaseGivesNull() {
    assertThat(Urls.safeHttpUrl(null, BASE)).isNull();
    assertThat(Urls.safeHttpUrl("relative", null)).isNull();
    assertThat(Urls.safeHttpUrl("relative", "javascript:x")).isNull();
  }

  @Test
  void normalizeLowercasesSchemeAndHostAndDropsDefaultPortFragmentAndTracking() {
    assertThat(Urls.normalize("HTTPS://Blog.Example.COM:443/Post?utm_source=x&id=3&UTM_medium=y#c"))
        .isEqualTo("https://blog.example.com/Post?id=3");
    assertThat(Urls.normalize("http://example.com")).isEqualTo("http://example.com/");
    assertThat(Urls.normalize("http://example.com:80/?utm_campaign=z"))
        .isEqualTo("http://example.com/");
    assertThat(Urls.normalize("http://example.com:8080/a")).isEqualTo("http://example.com:8080/a");
    assertThat(Urls.normalize(null)).isNull();
  }
}
