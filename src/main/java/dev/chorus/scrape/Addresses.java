package dev.chorus.scrape;

import java.net.URI;
import java.util.Locale;
import org.jsoup.internal.StringUtil;

/** Resolves and compares web addresses found in pages. */
final class Addresses {

  private Addresses() {}

  /** {@code href} made absolute against {@code base}, without fragment; null if not http(s). */
  static String resolve(String base, String href) {
    if (href == null) {
      return null;
    }
    String h = href.trim();
    if (h.isEmpty() || h.startsWith("#") || h.length() > 2000) {
      return null;
    }
    String abs;
    try {
      abs = StringUtil.resolve(base == null ? "" : base.trim(), h);
    } catch (RuntimeException e) {
      return null;
    }
    if (abs == null || abs.isEmpty()) {
      return null;
    }
    int hash = abs.indexOf('#');
    if (hash >= 0) {
      abs = abs.substring(0, hash);
    }
    String lower = abs.toLowerCase(Locale.ROOT);
    if (!(lower.startsWith("http://") || lower.startsWith("https://"))) {
      return null;
    }
    int schemeEnd = abs.indexOf("://") + 3;
    if (abs.indexOf('/', schemeEnd) < 0 && abs.indexOf('?', schemeEnd) < 0) {
      abs = abs + "/";
    }
    return abs.length() > schemeEnd ? abs : null;
  }

  /** The address in a form where trailing slashes and letter case of the host do not matter. */
  static String key(String url) {
    if (url == null) {
      return "";
    }
    String u = url;
    int hash = u.indexOf('#');
    if (hash >= 0) {
      u = u.substring(0, hash);
    }
    u = u.replaceFirst("^https?://", "").replaceFirst("^www\\.", "");
    int slash = u.indexOf('/');
    if (slash < 0) {
      return u.toLowerCase(Locale.ROOT) + "/";
    }
    String host = u.substring(0, slash).toLowerCase(Locale.ROOT);
    String rest = u.substring(slash);
    while (rest.length() > 1 && rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    return host + rest;
  }

  static String host(String url) {
    try {
      String h = URI.create(url).getHost();
      return h == null ? "" : h.toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
    } catch (RuntimeException e) {
      return "";
    }
  }

  static String path(String url) {
    try {
      String p = URI.create(url).getRawPath();
      return p == null || p.isEmpty() ? "/" : p;
    } catch (RuntimeException e) {
      return "/";
    }
  }

  /** The origin of {@code url} ("http://host:port"), or null. */
  static String origin(String url) {
    try {
      URI u = URI.create(url.trim());
      if (u.getScheme() == null || u.getRawAuthority() == null) {
        return null;
      }
      return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getRawAuthority();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
