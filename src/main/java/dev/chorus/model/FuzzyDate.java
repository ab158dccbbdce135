package dev.chorus.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A publication date known to a given precision: a year, a month, a day or an exact instant.
 *
 * <p>{@code instant} is the start of the known period in UTC, used for ordering; {@link #iso()}
 * prints only what is known ("2024", "2024-12", "2024-12-09" or "2024-12-09T10:00:00Z").
 */
public record FuzzyDate(Instant instant, Precision precision) {

  /** How much of the date is known. */
  public enum Precision {
    YEAR,
    MONTH,
    DAY,
    INSTANT
  }

  public FuzzyDate {
    Objects.requireNonNull(instant, "instant");
    Objects.requireNonNull(precision, "precision");
  }

  public static FuzzyDate ofInstant(Instant instant) {
    return new FuzzyDate(instant, Precision.INSTANT);
  }

  public static FuzzyDate ofYear(int year) {
    return new FuzzyDate(startOf(year, 1, 1), Precision.YEAR);
  }

  public static FuzzyDate ofMonth(int year, int month) {
    return new FuzzyDate(startOf(year, month, 1), Precision.MONTH);
  }

  public static FuzzyDate ofDay(int year, int month, int day) {
    return new FuzzyDate(startOf(year, month, day), Precision.DAY);
  }

  private static Instant startOf(int year, int month, int day) {
    return LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Parses what {@link #iso()} prints. */
  public static FuzzyDate parseIso(String text) {
    String t = text.trim();
    if (t.matches("\\d{4}")) {
      return ofYear(Integer.parseInt(t));
    }
    if (t.matches("\\d{4}-\\d{2}")) {
      return ofMonth(Integer.parseInt(t.substring(0, 4)), Integer.parseInt(t.substring(5, 7)));
    }
    if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
      LocalDate d = LocalDate.parse(t);
      return ofDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }
    return ofInstant(Instant.parse(t));
  }

  /** The date as ISO-8601, only as precise as it is known. */
  public String iso() {
    var utc = instant.atOffset(ZoneOffset.UTC);
    return switch (precision) {
      case YEAR -> String.format("%04d", utc.getYear());
      case MONTH -> String.format("%04d-%02d", utc.getYear(), utc.getMonthValue());
      case DAY -> utc.toLocalDate().toString();
      case INSTANT -> DateTimeFormatter.ISO_INSTANT.format(instant);
    };
  }

  /** True when this date is finer than or equal to {@code other}'s precision. */
  public boolean atLeastAsPreciseAs(FuzzyDate other) {
    return precision.compareTo(other.precision) >= 0;
  }
}
