package dev.chorus.web;

import dev.chorus.model.FuzzyDate;
import dev.chorus.model.FuzzyDate.Precision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates in words: relative for recent posts, absolute otherwise, never finer than known. */
final class DateLabels {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_HEADING =
      DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter MONTH_HEADING =
      DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter FULL_DAY =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter FULL =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);
  private final Clock clock;

  DateLabels(Clock clock) {
    this.clock = clock;
  }

  /** The date of a post as known, or null when it has none. */
  static FuzzyDate known(String published) {
    if (published == null) {
      return null;
    }
    try {
      return FuzzyDate.parseIso(published);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** "3 hours ago", "yesterday", "9 Oct 2024", "Dec 2024" or "2024". */
  String label(FuzzyDate date, Instant fallback) {
    Precision p = date == null ? Precision.INSTANT : date.precision();
    Instant at = date == null ? fallback : date.instant();
    LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
    return switch (p) {
      case YEAR -> String.valueOf(day.getYear());
      case MONTH -> MONTH.format(day);
      case DAY -> relativeDay(day);
      case INSTANT -> relative(at, day);
    };
  }

  private String relative(Instant at, LocalDate day) {
    Duration ago = Duration.between(at, clock.instant());
    if (ago.isNegative()) {
      return DAY.format(day);
    }
    if (ago.toMinutes() < 1) {
      return "just now";
    }
    if (ago.toMinutes() < 60) {
      return plural(ago.toMinutes(), "minute") + " ago";
    }
    if (ago.toHours() < 24) {
      return plural(ago.toHours(), "hour") + " ago";
    }
    return relativeDay(day);
  }

  private String relativeDay(LocalDate day) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    long days = today.toEpochDay() - day.toEpochDay();
    if (days == 0) {
      return "today";
    }
    if (days == 1) {
      return "yesterday";
    }
    if (days > 1 && days < 7) {
      return days + " days ago";
    }
    return DAY.format(day);
  }

  /** The date in full for a tooltip: "Tue, 10 Sep 2024, 06:00 UTC", or as coarse as known. */
  String full(FuzzyDate date, Instant fallback) {
    Precision p = date == null ? Precision.INSTANT : date.precision();
    Instant at = date == null ? fallback : date.instant();
    String text =
        switch (p) {
          case YEAR -> String.valueOf(at.atOffset(ZoneOffset.UTC).getYear());
          case MONTH -> MONTH_HEADING.format(at.atOffset(ZoneOffset.UTC));
          case DAY -> FULL_DAY.format(at.atOffset(ZoneOffset.UTC));
          case INSTANT -> FULL.format(at.atOffset(ZoneOffset.UTC));
        };
    return date == null ? "No date given; first seen " + text : text;
  }

  /**
   * The heading a post is grouped under: its day, or its month or year when that is all we know.
   */
  String group(FuzzyDate date, Instant fallback) {
    Precision p = date == null ? Precision.DAY : date.precision();
    Instant at = date == null ? fallback : date.instant();
    LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
    return switch (p) {
      case YEAR -> String.valueOf(day.getYear());
      case MONTH -> MONTH_HEADING.format(day);
      default -> {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        long days = today.toEpochDay() - day.toEpochDay();
        yield days == 0 ? "Today" : days == 1 ? "Yesterday" : DAY_HEADING.format(day);
      }
    };
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
