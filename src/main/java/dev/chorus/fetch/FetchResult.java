package dev.chorus.fetch;

import java.time.Duration;

/** The outcome of a successful fetch: a body, or confirmation that the cached copy is current. */
public sealed interface FetchResult {

  /**
   * A 2xx response with its body (already decompressed). {@code permanentUrl} is the final URL when
   * at least one redirect was followed and every hop was permanent (301/308), else null; {@code
   * maxAge} is the Cache-Control max-age, or null.
   */
  record Fetched(
      String requestedUrl,
      String finalUrl,
      int status,
      byte[] body,
      String contentType,
      String etag,
      String lastModified,
      String permanentUrl,
      Duration maxAge)
      implements FetchResult {}

  /** A 304: the validators still match; {@code maxAge} is the Cache-Control max-age, or null. */
  record NotModified(String finalUrl, Duration maxAge) implements FetchResult {}
}
