package dev.chorus.fetch;

import java.time.Instant;

/** A fetch that failed, with the URL, a kind the caller can act on and a short plain message. */
public final class FetchException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What went wrong, coarse enough to decide on retries and back-off. */
  public enum Kind {
    BAD_URL,
    BLOCKED_ADDRESS,
    DNS,
    CONNECT,
    TIMEOUT,
    TOO_LARGE,
    TOO_MANY_REDIRECTS,
    HTTP_STATUS,
    GONE,
    RATE_LIMITED,
    NETWORK
  }

  private final String url;
  private final Kind kind;
  private final int status;
  private final Instant retryAfter;

  FetchException(Kind kind, String url, String message, Throwable cause) {
    this(kind, url, 0, null, message, cause);
  }

  FetchException(
      Kind kind, String url, int status, Instant retryAfter, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.url = url;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /** The URL being fetched when the failure happened (a redirect target after redirects). */
  public String url() {
    return url;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status for HTTP_STATUS, GONE and RATE_LIMITED; 0 otherwise. */
  public int status() {
    return status;
  }

  /** When to try again (RATE_LIMITED with a Retry-After header), or null. */
  public Instant retryAfter() {
    return retryAfter;
  }
}
