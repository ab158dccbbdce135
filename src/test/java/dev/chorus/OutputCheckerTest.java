package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The output checker finds what it must, so that its silence in the other tests means something.
 */
class OutputCheckerTest {
  private static final String CSP =
      "default-src 'none'; style-src 'self'; base-uri 'none'; frame-ancestors 'none'";

  @Test
  void findsScriptHandlersAndHostileUrlsInFragments() {
    String[] bad = {
      "<script>alert(1)</script>",
      "<p onclick=x>a</p>",
      "<a href=\"javascript:alert(1)\" rel=\"noopener noreferrer\">a</a>",
      "<a href=\"jav&#x09;ascript:alert(1)\" rel=\"noopener noreferrer\">a</a>",
      "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:x\" rel=\"noopener noreferrer\">a</a>",
      "<img src=\"data:image/svg+xml,&lt;svg onload=alert(1)&gt;\">",
      "<a href=\"vbscript:x\" rel=\"noopener noreferrer\">a</a>",
      "<iframe src=\"https://evil.example/\"></iframe>",
      "<iframe srcdoc=\"&lt;script&gt;\"></iframe>",
      "<p style=\"background:url(javascript:x)\">a</p>",
      "<div style=\"width:expression(alert(1))\">a</div>",
      "<style>@import 'x'</style>",
      "<base href=\"https://evil.example/\">",
      "<meta http-equiv=refresh content=\"0;url=x\">",
      "<form action=\"https://evil.example/\"><input name=a></form>",
      "<button formaction=\"https://evil.example/\">go</button>",
      "<object data=x></object>",
      "<embed src=x>",
      "<svg><script>alert(1)</script></svg>",
      "<math><mi xlink:href=\"javascript:x\">a</mi></math>",
      "<a href=\"https://example.com/\">no rel</a>",
      "<img src=\"//evil.example/x.png\">",
      "<img srcset=\"https://ok.example/a.png 1x, javascript:alert(1) 2x\">"
    };
    for (String html : bad) {
      assertThat(OutputChecker.fragment(html)).as(html).isNotEmpty();
    }
    assertThat(
            OutputChecker.fragment(
                "<p>Fine <a href=\"https://x.example/\" rel=\"nofollow noopener noreferrer\">x</a>"
                    + " <img src=\"https://x.example/a.png\" alt=\"\"> <iframe src=\"https://www.youtube-nocookie.com/embed/x\"></iframe></p>"))
        .isEmpty();
  }

  @Test
  void findsWeakHeadersAndForeignChromeInPages() {
    String page =
        "<!DOCTYPE html><html><head><meta charset=utf-8><link rel=stylesheet href=/static/chorus.css></head>"
            + "<body><a href=\"#main\">skip</a><form action=/search method=get><input name=q><button type=submit>Search</button>"
            + "</form><p>ok</p></body></html>";
    assertThat(OutputChecker.page(page, CSP)).isEmpty();
    assertThat(OutputChecker.page(page, null)).isNotEmpty();
    assertThat(OutputChecker.page(page, CSP + "; script-src 'unsafe-inline'")).isNotEmpty();
    assertThat(OutputChecker.page(page.replace("/search", "https://evil.example/"), CSP))
        .isNotEmpty();
    assertThat(
            OutputChecker.page(
                page.replace("<p>ok</p>", "<link rel=import href=//evil.example/>"), CSP))
        .isNotEmpty();
    assertThat(OutputChecker.page(page.replace("<p>ok</p>", "<button type=submit>x</button>"), CSP))
        .isNotEmpty();
  }

  @Test
  void readsHtmlInsideFeedsTheWayReadersDo() {
    String atom =
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title type=\"text\">&lt;script&gt;</title>"
            + "<content type=\"html\">&lt;img src=x onerror=alert(1)&gt;</content></entry></feed>";
    assertThat(OutputChecker.xmlFeed(atom.getBytes(StandardCharsets.UTF_8))).hasSize(2);
    String rss =
        "<rss version=\"2.0\"><channel><item><title>&lt;b&gt;</title>"
            + "<description>&lt;script&gt;alert(1)&lt;/script&gt;</description><link>javascript:x</link></item></channel></rss>";
    assertThat(OutputChecker.xmlFeed(rss.getBytes(StandardCharsets.UTF_8))).hasSize(2);
    assertThat(
            OutputChecker.xmlFeed(
                "<!DOCTYPE x [<!ENTITY a 'b'>]><rss/>".getBytes(StandardCharsets.UTF_8)))
        .isNotEmpty();
  }
}
