package dev.chorus.fetch;

import java.util.Objects;

/**
 * One GET: the URL, optional validators from the previous fetch and the Accept header; a null
 * {@code accept} means feeds and HTML, and blank validators count as absent.
 */
public record FetchRequest(String url, String etag, String lastModified, String accept) {

  static final String FEEDS_AND_HTML =
      "application/atom+xml, application/rss+xml, application/feed+json, application/rdf+xml,"
          + " application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8,"
          + " text/html;q=0.7, */*;q=0.5";

  public FetchRequest {
    Objects.requireNonNull(url, "url");
    etag = blankToNull(etag);
    lastModified = blankToNull(lastModified);
    accept = accept == null || accept.isBlank() ? FEEDS_AND_HTML : accept;
  }

  /** A request without validators, accepting feeds and HTML. */
  public static FetchRequest of(String url) {
    return new FetchRequest(url, null, null, null);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
