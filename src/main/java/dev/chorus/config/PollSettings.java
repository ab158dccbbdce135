package dev.chorus.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How often one source is polled: between {@code every} and {@code max}, by its posting rate.
 *
 * @param every the shortest wait between two polls ({@code poll_every})
 * @param max the longest wait chosen for a quiet source ({@code poll_max}); never below {@code
 *     every}
 * @param adaptive whether the wait follows the source's posting rate; false polls every {@code
 *     every}
 */
public record PollSettings(Duration every, Duration max, boolean adaptive) {
  /** The defaults: at most every 30 minutes, at least once a day, adaptive. */
  public static final PollSettings DEFAULTS =
      new PollSettings(Duration.ofMinutes(30), Duration.ofHours(24), true);

  public PollSettings {
    Objects.requireNonNull(every, "every");
    Objects.requireNonNull(max, "max");
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("every must be positive (got " + every + ")");
    }
    if (max.compareTo(every) < 0) {
      throw new IllegalArgumentException("max " + max + " is shorter than every " + every);
    }
  }

  /** Polls every {@code every}, whatever the source posts. */
  public static PollSettings fixed(Duration every) {
    return new PollSettings(every, every, false);
  }
}
