package dev.chorus.clean;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.owasp.html.AttributePolicy;
import org.owasp.html.ElementPolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The OWASP java-html-sanitizer with the policy HtmlCleaner had before it got its own sanitizer,
 * copied unchanged: the oracle the differential test compares {@link AllowlistSanitizer} with.
 */
final class OwaspOracle {

  private static final Set<String> VIDEO_HOSTS =
      Set.of(
          "www.youtube.com",
          "youtube.com",
          "www.youtube-nocookie.com",
          "youtube-nocookie.com",
          "player.vimeo.com");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,5}%?");

  /**
   * The base URL of the fragment being sanitised, for the attribute policies below: the OWASP
   * sanitizer calls them synchronously on the caller's thread, and a policy per base would be
   * rebuilt for every entry.
   */
  private static final ThreadLocal<String> BASE = new ThreadLocal<>();

  /** An http(s) URL resolved against the base, else dropped. */
  private static final AttributePolicy HTTP_URL =
      (element, attribute, value) -> Urls.safeHttpUrl(value, BASE.get());

  /** Like {@link #HTTP_URL}, but a well-formed mailto: link stays. */
  private static final AttributePolicy LINK =
      (element, attribute, value) -> {
        String resolved = Urls.safeHttpUrl(value, BASE.get());
        return resolved == null && isMailto(value) ? value.strip() : resolved;
      };

  private static final AttributePolicy SRCSET =
      (element, attribute, value) -> {
        // srcset candidates are split and checked as the sanitiser does: the oracle is of the
        // sanitising, not of srcset syntax
        String cleaned = HtmlCleaner.cleanSrcset(value, BASE.get());
        return cleaned == null || cleaned.isEmpty() ? null : cleaned;
      };
  private static final AttributePolicy VIDEO_SRC =
      (element, attribute, value) -> {
        String u = Urls.safeHttpUrl(value, BASE.get());
        if (u == null || !u.startsWith("https://")) {
          return null;
        }
        String host = java.net.URI.create(u).getHost();
        return host != null && VIDEO_HOSTS.contains(host.toLowerCase(Locale.ROOT)) ? u : null;
      };

  /** Images and frames need a (safe) source; images load lazily. */
  private static final ElementPolicy NEEDS_SRC =
      (name, attrs) -> {
        if (!hasAttribute(attrs, "src")) {
          return null;
        }
        if (name.equals("img") && !hasAttribute(attrs, "loading")) {
          attrs.add("loading");
          attrs.add("lazy");
        }
        return name;
      };

  private static final PolicyFactory POLICY =
      new HtmlPolicyBuilder()
          .allowElements(
              "p",
              "br",
              "a",
              "img",
              "h1",
              "h2",
              "h3",
              "h4",
              "h5",
              "h6",
              "ul",
              "ol",
              "li",
              "blockquote",
              "pre",
              "code",
              "em",
              "strong",
              "b",
              "i",
              "u",
              "s",
              "sub",
              "sup",
              "table",
              "thead",
              "tbody",
              "tfoot",
              "tr",
              "th",
              "td",
              "caption",
              "colgroup",
              "col",
              "figure",
              "figcaption",
              "hr",
              "dl",
              "dt",
              "dd",
              "abbr",
              "cite",
              "q",
              "span",
              "div")
          .allowUrlProtocols("http", "https", "mailto")
          .allowAttributes("href")
          .matching(LINK)
          .onElements("a")
          .allowAttributes("title")
          .globally()
          .allowAttributes("src")
          .matching(HTTP_URL)
          .onElements("img")
          .allowAttributes("srcset")
          .matching(SRCSET)
          .onElements("img")
          .allowAttributes("alt")
          .onElements("img")
          .allowAttributes("width", "height")
          .matching(NUMBER)
          .onElements("img", "iframe")
          .allowAttributes("loading")
          .matching(Pattern.compile("lazy"))
          .onElements("img")
          .allowAttributes("cite")
          .matching(HTTP_URL)
          .onElements("blockquote", "q")
          .allowAttributes("colspan", "rowspan")
          .matching(NUMBER)
          .onElements("td", "th")
          .allowAttributes("src")
          .matching(VIDEO_SRC)
          .onElements("iframe")
          .allowAttributes("allowfullscreen")
          .matching(Pattern.compile("|allowfullscreen|true"))
          .onElements("iframe")
          .allowElements(NEEDS_SRC, "iframe", "img")
          .allowWithoutAttributes("span", "div")
          .disallowWithoutAttributes("a", "img")
          .requireRelsOnLinks("noopener", "noreferrer")
          .toFactory();

  private OwaspOracle() {}

  /** What HtmlCleaner.sanitize returned when it ran the OWASP sanitizer. */
  static String sanitize(String html, String baseUrl) {
    if (html == null || html.isBlank()) {
      return "";
    }
    BASE.set(baseUrl);
    try {
      return POLICY.sanitize(html);
    } catch (RuntimeException e) {
      return "";
    } finally {
      BASE.remove();
    }
  }

  private static boolean isMailto(String v) {
    return v.strip().regionMatches(true, 0, "mailto:", 0, 7)
        && v.strip().matches("(?i)mailto:[^\\s<>\"]+");
  }

  /** True when the sanitizer's name/value attribute list names the attribute. */
  private static boolean hasAttribute(List<String> attrs, String name) {
    for (int i = 0; i < attrs.size(); i += 2) {
      if (attrs.get(i).equals(name)) {
        return true;
      }
    }
    return false;
  }
}
