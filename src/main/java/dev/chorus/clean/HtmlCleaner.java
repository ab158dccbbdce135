package dev.chorus.clean;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.owasp.html.AttributePolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/** Allowlist HTML sanitising of untrusted feed content, with relative URLs resolved first. */
public final class HtmlCleaner {

  private static final Set<String> VIDEO_HOSTS =
      Set.of("www.youtube.com", "youtube.com", "www.youtube-nocookie.com", "youtube-nocookie.com",
          "player.vimeo.com");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,5}%?");

  private static final AttributePolicy HTTP_URL =
      (element, attribute, value) -> isHttp(value) ? value : null;
  private static final AttributePolicy SRCSET =
      (element, attribute, value) -> {
        String cleaned = cleanSrcset(value, null);
        return cleaned == null || cleaned.isEmpty() ? null : cleaned;
      };
  private static final AttributePolicy VIDEO_SRC =
      (element, attribute, value) -> {
        String u = Urls.safeHttpUrl(value, null);
        if (u == null || !u.startsWith("https://")) {
          return null;
        }
        String host = java.net.URI.create(u).getHost();
        return host != null && VIDEO_HOSTS.contains(host.toLowerCase(Locale.ROOT)) ? u : null;
      };

  private static final PolicyFactory POLICY =
      new HtmlPolicyBuilder()
          .allowElements(
              "p", "br", "a", "img", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
              "blockquote", "pre", "code", "em", "strong", "b", "i", "u", "s", "sub", "sup",
              "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
              "figure", "figcaption", "hr", "dl", "dt", "dd", "abbr", "cite", "q", "span", "div")
          .allowUrlProtocols("http", "https", "mailto")
          .allowAttributes("href").onElements("a")
          .allowAttributes("title").globally()
          .allowAttributes("src").matching(HTTP_URL).onElements("img")
          .allowAttributes("srcset").matching(SRCSET).onElements("img")
          .allowAttributes("alt").onElements("img")
          .allowAttributes("width", "height").matching(NUMBER).onElements("img", "iframe")
          .allowAttributes("loading").matching(Pattern.compile("lazy")).onElements("img")
          .allowAttributes("cite").matching(HTTP_URL).onElements("blockquote", "q")
          .allowAttributes("colspan", "rowspan").matching(NUMBER).onElements("td", "th")
          .allowAttributes("src").matching(VIDEO_SRC).onElements("iframe")
          .allowAttributes("allowfullscreen").matching(Pattern.compile("|allowfullscreen|true"))
          .onElements("iframe")
          .allowElements((name, attrs) -> hasAttribute(attrs, "src") ? name : null, "iframe", "img")
          .allowWithoutAttributes("span", "div")
          .disallowWithoutAttributes("a", "img")
          .requireRelsOnLinks("noopener", "noreferrer")
          .toFactory();

  public HtmlCleaner() {}

  /**
   * Allowlist-sanitised HTML: relative URLs resolved against baseUrl first (jsoup), OWASP
   * sanitizer last. Never null ("").
   */
  public String sanitize(String html, String baseUrl) {
    if (html == null || html.isBlank()) {
      return "";
    }
    try {
      Document doc = Jsoup.parseBodyFragment(html, baseUrl == null ? "" : baseUrl);
      for (Element el : doc.body().select("[href], [src], [poster], [srcset], [cite]")) {
        resolve(el, "href", baseUrl);
        resolve(el, "src", baseUrl);
        resolve(el, "poster", baseUrl);
        resolve(el, "cite", baseUrl);
        if (el.hasAttr("srcset")) {
          String s = cleanSrcset(el.attr("srcset"), baseUrl);
          if (s == null || s.isEmpty()) {
            el.removeAttr("srcset");
          } else {
            el.attr("srcset", s);
          }
        }
      }
      for (Element img : doc.body().select("img")) {
        img.attr("loading", "lazy");
      }
      doc.outputSettings().prettyPrint(false);
      return POLICY.sanitize(doc.body().html());
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static void resolve(Element el, String attr, String base) {
    if (!el.hasAttr(attr)) {
      return;
    }
    String value = el.attr(attr);
    String resolved = Urls.safeHttpUrl(value, base);
    if (resolved == null && attr.equals("href") && isMailto(value)) {
      return;
    }
    if (resolved == null) {
      el.removeAttr(attr);
    } else {
      el.attr(attr, resolved);
    }
  }

  private static boolean isMailto(String v) {
    return v.strip().regionMatches(true, 0, "mailto:", 0, 7) && v.strip().matches("(?i)mailto:[^\\s<>\"]+");
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

  private static boolean isHttp(String value) {
    return Urls.safeHttpUrl(value, null) != null;
  }

  /** The srcset with each candidate URL resolved and checked; unsafe candidates dropped. */
  static String cleanSrcset(String srcset, String base) {
    StringBuilder sb = new StringBuilder();
    for (String candidate : List.of(srcset.split(",\\s+|,(?=\\S+\\s)|\\s*,\\s*$"))) {
      String c = candidate.trim();
      if (c.isEmpty()) {
        continue;
      }
      String[] parts = c.split("\\s+", 2);
      String url = Urls.safeHttpUrl(parts[0], base);
      if (url == null || url.contains(",")) {
        continue;
      }
      String descriptor = parts.length > 1 ? parts[1].trim() : "";
      if (!descriptor.isEmpty() && !descriptor.matches("\\d+(\\.\\d+)?[wx]")) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(url);
      if (!descriptor.isEmpty()) {
        sb.append(' ').append(descriptor);
      }
    }
    return sb.toString();
  }
}
