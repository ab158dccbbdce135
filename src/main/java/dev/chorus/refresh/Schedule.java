package dev.chorus.refresh;

import dev.chorus.config.SourceConfig;
import dev.chorus.model.SourceState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** When a source is due next: its interval, stretched by feed hints and by back-off on failure. */
final class Schedule {
  static final Duration MAX_WAIT = Duration.ofHours(24);
  private final Clock clock;

  Schedule(Clock clock) {
    this.clock = clock;
  }

  Duration interval(SourceConfig source) {
    return source.poll().every();
  }

  /** After a success: the interval, or longer when the feed's ttl or Cache-Control asks for it. */
  Instant afterSuccess(SourceConfig source, Integer ttlMinutes, Duration maxAge) {
    Duration wait = interval(source);
    if (ttlMinutes != null && ttlMinutes > 0) {
      wait = max(wait, min(Duration.ofMinutes(ttlMinutes), MAX_WAIT));
    }
    if (maxAge != null) {
      wait = max(wait, min(maxAge, MAX_WAIT));
    }
    return clock.instant().plus(wait);
  }

  /** After a failure: exponential back-off capped at a day, or the server's Retry-After. */
  Instant afterFailure(SourceConfig source, SourceState state, Instant retryAfter) {
    int failures = state == null ? 0 : state.consecutiveFailures();
    Duration wait = interval(source).multipliedBy(1L << Math.min(failures, 6));
    Instant next = clock.instant().plus(min(wait, MAX_WAIT));
    return retryAfter != null && retryAfter.isAfter(next) ? retryAfter : next;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
