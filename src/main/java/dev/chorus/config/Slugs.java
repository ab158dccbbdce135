package dev.chorus.config;

import java.net.URI;
import java.text.Normalizer;
import java.util.Locale;

/** Derives a stable source id from a name or URL. */
public final class Slugs {
  private Slugs() {}

  /** A slug of the name, else of the URL's host and path. */
  public static String of(String name, String url) {
    String s = slug(name);
    if (s.isEmpty()) {
      URI u = URI.create(url);
      s = slug(u.getHost() + (u.getPath() == null ? "" : u.getPath()));
    }
    return s.isEmpty() ? "source" : s;
  }

  static String slug(String text) {
    if (text == null) {
      return "";
    }
    String n = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    String s = n.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return s.length() > 48 ? s.substring(0, 48).replaceAll("-+$", "") : s;
  }
}
