package dev.chorus.parse;

import java.net.URI;
import java.util.regex.Pattern;

/** Small text chores of feed reading: plain-text titles, HTML escaping, URL resolution. */
final class FeedText {

  private static final Pattern TAG = Pattern.compile("<[a-zA-Z/!?][^>]*>");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private FeedText() {}

  /** Plain text of a title that may hold markup and entity references; null when blank. */
  static String plain(String s, boolean markup) {
    if (s == null) {
      return null;
    }
    String t = s;
    if (markup) {
      if (t.indexOf('<') >= 0) {
        t = TAG.matcher(t).replaceAll("");
      }
      if (t.indexOf('&') >= 0) {
        t = decodeEntities(t);
      }
    }
    t = SPACE.matcher(t).replaceAll(" ").trim();
    return t.isEmpty() ? null : t;
  }

  /** Decodes numeric and HTML named character references; unknown ones stay as they are. */
  static String decodeEntities(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '&') {
        int semi = s.indexOf(';', i + 1);
        if (semi > i + 1 && semi - i <= 12) {
          String ref = s.substring(i + 1, semi);
          int cp = -1;
          try {
            if (ref.startsWith("#x") || ref.startsWith("#X")) {
              cp = Integer.parseInt(ref.substring(2), 16);
            } else if (ref.startsWith("#")) {
              cp = Integer.parseInt(ref.substring(1));
            } else {
              cp = HtmlEntities.codePoint(ref);
            }
          } catch (NumberFormatException e) {
            cp = -1;
          }
          if (cp > 0 && Character.isValidCodePoint(cp)) {
            sb.appendCodePoint(cp);
            i = semi + 1;
            continue;
          }
        }
      }
      sb.append(c);
      i++;
    }
    return sb.toString();
  }

  /** Escapes text for use as HTML. */
  static String escapeHtml(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** {@code ref} resolved against {@code base}; ref unchanged when either is unusable. */
  static String resolve(String base, String ref) {
    if (ref == null) {
      return null;
    }
    String r = ref.trim();
    if (r.isEmpty()) {
      return base;
    }
    if (base == null || isAbsolute(r)) {
      return r;
    }
    try {
      URI b = URI.create(base.trim().replace(" ", "%20"));
      if (b.getRawPath() == null || b.getRawPath().isEmpty()) {
        b = b.resolve("/");
      }
      if (r.startsWith("?")) {
        String s = b.toString();
        int cut = indexOfAny(s, "?#");
        return (cut < 0 ? s : s.substring(0, cut)) + r;
      }
      return b.resolve(URI.create(r.replace(" ", "%20"))).toString();
    } catch (RuntimeException e) {
      return r;
    }
  }

  static boolean isAbsolute(String r) {
    int colon = r.indexOf(':');
    if (colon <= 0) {
      return false;
    }
    for (int i = 0; i < colon; i++) {
      char c = r.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
