package dev.chorus.clean;

import dev.chorus.clean.AllowlistSanitizer.Attributes;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Allowlist HTML sanitising of untrusted feed content, with relative URLs resolved first. */
public final class HtmlCleaner {

  private static final Set<String> VIDEO_HOSTS =
      Set.of(
          "www.youtube.com",
          "youtube.com",
          "www.youtube-nocookie.com",
          "youtube-nocookie.com",
          "player.vimeo.com");

  private static final Set<String> ELEMENTS =
      Set.of(
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
          "div",
          "iframe");

  private static final Set<String> ATTRIBUTES =
      Set.of(
          "title",
          "href",
          "src",
          "srcset",
          "alt",
          "width",
          "height",
          "loading",
          "cite",
          "colspan",
          "rowspan",
          "allowfullscreen");

  /** What is kept: the elements above, and per element the attributes checked below. */
  private static final AllowlistSanitizer.Policy POLICY =
      new AllowlistSanitizer.Policy() {
        @Override
        public Set<String> elements() {
          return ELEMENTS;
        }

        @Override
        public Set<String> attributes() {
          return ATTRIBUTES;
        }

        @Override
        public String attribute(String element, String name, String value, String base) {
          return switch (name) {
            case "title" -> value;
            case "href" -> element.equals("a") ? link(value, base) : null;
            case "src" ->
                switch (element) {
                  case "img" -> httpUrl(value, base);
                  case "iframe" -> videoSrc(value, base);
                  default -> null;
                };
            case "srcset" -> element.equals("img") ? srcset(value, base) : null;
            case "alt" -> element.equals("img") ? value : null;
            case "width", "height" ->
                (element.equals("img") || element.equals("iframe")) && isNumber(value)
                    ? value
                    : null;
            case "loading" -> element.equals("img") && value.equals("lazy") ? value : null;
            case "cite" ->
                element.equals("blockquote") || element.equals("q") ? httpUrl(value, base) : null;
            case "colspan", "rowspan" ->
                (element.equals("td") || element.equals("th")) && isNumber(value) ? value : null;
            case "allowfullscreen" ->
                element.equals("iframe")
                        && (value.isEmpty()
                            || value.equals("allowfullscreen")
                            || value.equals("true"))
                    ? value
                    : null;
            default -> null;
          };
        }

        /**
         * Links get rel="noopener noreferrer" and need an attribute; images and frames need a
         * (safe) source, and images load lazily.
         */
        @Override
        public boolean keep(String element, Attributes attributes) {
          switch (element) {
            case "a" -> {
              if (attributes.has("href")) {
                attributes.add("rel", "noopener noreferrer");
              }
              return !attributes.isEmpty();
            }
            case "img" -> {
              if (!attributes.has("src")) {
                return false;
              }
              if (!attributes.has("loading")) {
                attributes.add("loading", "lazy");
              }
              return true;
            }
            case "iframe" -> {
              return attributes.has("src");
            }
            default -> {
              return true;
            }
          }
        }
      };

  private static final AllowlistSanitizer SANITIZER = new AllowlistSanitizer(POLICY);

  public HtmlCleaner() {}

  /**
   * Allowlist-sanitised HTML: URLs in href, src, srcset and cite resolved against baseUrl and kept
   * only when http(s) (or a mailto: link). Never null ("").
   */
  public String sanitize(String html, String baseUrl) {
    if (html == null || html.isBlank()) {
      return "";
    }
    try {
      return SANITIZER.sanitize(html, baseUrl);
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** An http(s) URL resolved against the base, else null. */
  private static String httpUrl(String value, String base) {
    String url = UrlGuard.check(value);
    return url == null ? null : Urls.safeHttpUrl(url, base);
  }

  /** Like {@link #httpUrl}, but a well-formed mailto: link stays. */
  private static String link(String value, String base) {
    String url = UrlGuard.check(value);
    if (url == null) {
      return null;
    }
    String resolved = Urls.safeHttpUrl(url, base);
    return resolved == null && isMailto(url) ? url.strip() : resolved;
  }

  /** An https URL of a video host's player, else null. */
  private static String videoSrc(String value, String base) {
    String u = httpUrl(value, base);
    if (u == null || !u.startsWith("https://")) {
      return null;
    }
    String host = java.net.URI.create(u).getHost();
    return host != null && VIDEO_HOSTS.contains(host.toLowerCase(Locale.ROOT)) ? u : null;
  }

  /** The srcset with its candidates checked as URLs and resolved, else null. */
  private static String srcset(String value, String base) {
    String checked = UrlGuard.checkSrcset(value);
    String cleaned = checked == null ? null : cleanSrcset(checked, base);
    return cleaned == null || cleaned.isEmpty() ? null : cleaned;
  }

  /** 1 to 5 digits, optionally a percentage. */
  private static boolean isNumber(String v) {
    int digits = v.endsWith("%") ? v.length() - 1 : v.length();
    if (digits < 1 || digits > 5) {
      return false;
    }
    for (int i = 0; i < digits; i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isMailto(String v) {
    return v.strip().regionMatches(true, 0, "mailto:", 0, 7)
        && v.strip().matches("(?i)mailto:[^\\s<>\"]+");
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
