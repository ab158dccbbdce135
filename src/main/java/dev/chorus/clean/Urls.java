package dev.chorus.clean;

import java.net.URI;
import java.util.Locale;
import org.jsoup.parser.Parser;

/** Safe resolution and identity normalisation of http(s) URLs. */
public final class Urls {

  private Urls() {}

  /**
   * Absolute http(s) URL for href resolved against base, or null when missing/unsafe (javascript:,
   * data:, vbscript:, obfuscated with entities/control chars/whitespace, other schemes).
   */
  public static String safeHttpUrl(String href, String base) {
    if (href == null) {
      return null;
    }
    try {
      String h = href;
      if (h.indexOf('&') >= 0) {
        h = Parser.unescapeEntities(h, true);
      }
      h = stripControls(h);
      if (h == null || h.isEmpty()) {
        return null;
      }
      URI resolved;
      if (hasScheme(h)) {
        resolved = parse(h);
      } else {
        URI b = base == null ? null : absoluteHttpBase(base);
        if (b == null) {
          if (!h.startsWith("//")) {
            return null;
          }
          b = URI.create("https://invalid/");
        }
        resolved = resolve(b, h);
      }
      if (resolved == null) {
        return null;
      }
      String scheme = resolved.getScheme();
      if (scheme == null) {
        return null;
      }
      scheme = scheme.toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return null;
      }
      String host = resolved.getHost();
      if (host == null || host.isEmpty()) {
        return null;
      }
      String out = resolved.toASCIIString();
      if (!out.startsWith(scheme)) {
        out = scheme + out.substring(out.indexOf(':'));
      }
      return out;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Identity form of a URL: lowercase scheme+host, default port dropped, fragment dropped, utm_*
   * params dropped, empty path → "/".
   */
  public static String normalize(String url) {
    if (url == null) {
      return null;
    }
    String u = url.trim();
    try {
      URI uri = parse(u);
      if (uri == null || uri.getScheme() == null || uri.getRawAuthority() == null) {
        return stripFragment(u);
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      if ((port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"))) {
        port = -1;
      }
      StringBuilder sb = new StringBuilder(u.length());
      sb.append(scheme).append("://");
      if (uri.getRawUserInfo() != null) {
        sb.append(uri.getRawUserInfo()).append('@');
      }
      sb.append(host == null ? uri.getRawAuthority().toLowerCase(Locale.ROOT) : host);
      if (port >= 0 && host != null) {
        sb.append(':').append(port);
      }
      String path = uri.getRawPath();
      sb.append(path == null || path.isEmpty() ? "/" : path);
      String query = dropTracking(uri.getRawQuery());
      if (query != null) {
        sb.append('?').append(query);
      }
      return sb.toString();
    } catch (RuntimeException e) {
      return stripFragment(u);
    }
  }

  private static String dropTracking(String query) {
    if (query == null || query.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder(query.length());
    for (String part : query.split("&")) {
      if (part.isEmpty() || part.toLowerCase(Locale.ROOT).startsWith("utm_")) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(part);
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  private static String stripFragment(String u) {
    int hash = u.indexOf('#');
    return hash < 0 ? u : u.substring(0, hash);
  }

  /**
   * Trims leading/trailing spaces and C0 controls and drops tab/CR/LF anywhere, as browsers do;
   * null when other control characters remain (an obfuscation attempt).
   */
  private static String stripControls(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && (s.charAt(start) <= 0x20 || Character.isWhitespace(s.charAt(start)))) {
      start++;
    }
    while (end > start
        && (s.charAt(end - 1) <= 0x20 || Character.isWhitespace(s.charAt(end - 1)))) {
      end--;
    }
    if (isPlain(s, start, end)) {
      return start == 0 && end == s.length() ? s : s.substring(start, end);
    }
    StringBuilder sb = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '\t' || c == '\n' || c == '\r') {
        continue;
      }
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u200B' || c == '\uFEFF') {
        return null;
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static boolean hasScheme(String s) {
    int colon = s.indexOf(':');
    if (colon <= 0) {
      return false;
    }
    int slash = indexOfAny(s, "/?#");
    if (slash >= 0 && slash < colon) {
      return false;
    }
    return true; // anything before the colon counts; odd characters make it unsafe, not relative
  }

  /** The last base resolved on this thread: a post's links all resolve against one base. */
  private static final ThreadLocal<Base> LAST_BASE = new ThreadLocal<>();

  /** A base URL as given, and as parsed (null when unusable). */
  private record Base(String text, URI uri) {}

  private static URI absoluteHttpBase(String base) {
    Base last = LAST_BASE.get();
    if (last != null && last.text().equals(base)) {
      return last.uri();
    }
    URI u = parseBase(base);
    LAST_BASE.set(new Base(base, u));
    return u;
  }

  private static URI parseBase(String base) {
    String b = stripControls(base);
    if (b == null || !hasScheme(b)) {
      return null;
    }
    URI u = parse(b);
    if (u == null || u.getScheme() == null || u.getHost() == null) {
      return null;
    }
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return null;
    }
    if (u.getRawPath() == null || u.getRawPath().isEmpty()) {
      u = u.resolve("/");
    }
    return u;
  }

  private static URI resolve(URI base, String ref) {
    if (ref.startsWith("?")) {
      String s = base.toString();
      int cut = indexOfAny(s, "?#");
      return parse((cut < 0 ? s : s.substring(0, cut)) + ref);
    }
    if (ref.startsWith("#")) {
      String s = base.toString();
      int cut = s.indexOf('#');
      return parse((cut < 0 ? s : s.substring(0, cut)) + ref);
    }
    URI r = parse(ref);
    return r == null ? null : base.resolve(r);
  }

  /** A URI from lenient input: characters URI refuses are percent-encoded first. */
  private static URI parse(String s) {
    try {
      return new URI(encodeIllegal(s));
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  private static String encodeIllegal(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean legal =
          c < 0x80
              && c > 0x20
              && !isUnsafeAscii(c)
              && !(c == '%'
                  && !(i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))));
      boolean hashAgain = c == '#' && s.indexOf('#') < i;
      if (legal && !hashAgain) {
        if (sb != null) {
          sb.append(c);
        }
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      int cp = s.codePointAt(i);
      if (Character.charCount(cp) == 2) {
        i++;
      }
      for (byte b :
          new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
        sb.append('%')
            .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** No character that {@link #stripControls} would drop or refuse. */
  private static boolean isPlain(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u200B' || c == '\uFEFF') {
        return false;
      }
    }
    return true;
  }

  /** Printable ASCII that java.net.URI refuses in a URL. */
  private static boolean isUnsafeAscii(char c) {
    return switch (c) {
      case '"', '<', '>', '\\', '^', '`', '{', '|', '}' -> true;
      default -> false;
    };
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
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
