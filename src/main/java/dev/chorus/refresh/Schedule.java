package dev.chorus.refresh;

import dev.chorus.config.PollSettings;
import dev.chorus.config.SourceConfig;
import dev.chorus.model.RecentPosts;
import dev.chorus.model.SourceState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a source is due next: an interval that follows its posting rate, stretched by feed hints and
 * by back-off on failure.
 *
 * <p>After a success (a 304 included) the wait is Miniflux's {@code entry_frequency} idea with a
 * longer memory: count the source's posts in the last {@link #RATE_WINDOW} (four weeks, so a weekly
 * poster is not judged on one lucky or empty week) and take the average gap between them, {@code
 * span / posts}, where the span runs from the oldest counted post to now but never less than {@link
 * #MIN_SPAN} (a week: a burst of posts, or one fresh post, is not a rate) nor more than the window;
 * so a new source whose feed shows only its last ten days is judged on those ten days. Then poll
 * twice per gap ({@link #POLLS_PER_GAP}), so a new post waits on average a quarter of the gap. The
 * result is clamped to the source's {@code poll_every} at the shortest and its {@code poll_max}
 * (default 24 h) at the longest; a source with no posts in the window waits {@code poll_max}. With
 * the defaults and four weeks of history: 50 posts a day → every 30 min, three a day → every 4 h,
 * one a day → every 12 h, weekly or quieter → every 24 h. With {@code adaptive: false} the wait is
 * {@code poll_every}.
 *
 * <p>The feed's {@code ttl} and {@code Cache-Control: max-age} only lengthen that wait (up to
 * {@link #MAX_WAIT}). After a failure the wait doubles from {@code poll_every} per failure in a
 * row, up to {@link #MAX_WAIT}, and a later {@code Retry-After} wins.
 */
final class Schedule {
  static final Duration MAX_WAIT = Duration.ofHours(24);

  /** How far back posts are counted. */
  static final Duration RATE_WINDOW = Duration.ofDays(28);

  /** The shortest stretch of time a posting rate is judged on. */
  static final Duration MIN_SPAN = Duration.ofDays(7);

  /** Polls per average gap between posts. */
  static final int POLLS_PER_GAP = 2;

  private final Clock clock;

  Schedule(Clock clock) {
    this.clock = clock;
  }

  /**
   * Where the posting rate starts counting, or null when the source's wait does not depend on it.
   */
  Instant rateSince(SourceConfig source) {
    return source.poll().adaptive() ? clock.instant().minus(RATE_WINDOW) : null;
  }

  /**
   * The wait after a success before feed hints, given the posts counted since {@link #rateSince}.
   */
  Duration interval(SourceConfig source, RecentPosts recent) {
    PollSettings poll = source.poll();
    if (!poll.adaptive()) {
      return poll.every();
    }
    if (recent.count() == 0) {
      return poll.max();
    }
    Duration span =
        max(MIN_SPAN, min(Duration.between(recent.oldest(), clock.instant()), RATE_WINDOW));
    Duration wait = span.dividedBy((long) recent.count() * POLLS_PER_GAP);
    return max(poll.every(), min(wait, poll.max()));
  }

  /**
   * After a success: the interval for the source's posting rate, or longer when the feed's ttl or
   * Cache-Control asks for it.
   */
  Instant afterSuccess(
      SourceConfig source, RecentPosts recent, Integer ttlMinutes, Duration maxAge) {
    Duration wait = interval(source, recent);
    if (ttlMinutes != null && ttlMinutes > 0) {
      wait = max(wait, min(Duration.ofMinutes(ttlMinutes), MAX_WAIT));
    }
    if (maxAge != null) {
      wait = max(wait, min(maxAge, MAX_WAIT));
    }
    return clock.instant().plus(wait);
  }

  /**
   * After a failure: exponential back-off from poll_every capped at a day, or the server's
   * Retry-After.
   */
  Instant afterFailure(SourceConfig source, SourceState state, Instant retryAfter) {
    int failures = state == null ? 0 : state.consecutiveFailures();
    Duration wait = source.poll().every().multipliedBy(1L << Math.min(failures, 6));
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
