package dev.chorus.fetch;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits applied to every fetch: body size after decompression, total deadline, redirects,
 * private-network access, User-Agent and concurrency per host and in total.
 */
public record FetchPolicy(
    long maxBytes,
    Duration timeout,
    int maxRedirects,
    boolean allowPrivateNetworks,
    String userAgent,
    int maxPerHost,
    int maxTotal) {

  static final String USER_AGENT =
      "Chorus/0.1 (+https://github.com/chorus-aggregator/chorus; feed aggregator)";

  public FetchPolicy {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(userAgent, "userAgent");
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("maxRedirects must not be negative: " + maxRedirects);
    }
    if (maxPerHost < 1 || maxTotal < 1) {
      throw new IllegalArgumentException("maxPerHost and maxTotal must be at least 1");
    }
    if (userAgent.isBlank()) {
      throw new IllegalArgumentException("userAgent must not be blank");
    }
  }

  /** 10 MiB, 30 s total deadline, 5 redirects, 2 requests per host and 512 in total. */
  public static FetchPolicy defaults(boolean allowPrivateNetworks) {
    return new FetchPolicy(
        10L * 1024 * 1024, Duration.ofSeconds(30), 5, allowPrivateNetworks, USER_AGENT, 2, 512);
  }
}
