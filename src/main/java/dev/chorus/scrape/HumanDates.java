package dev.chorus.scrape;

import dev.chorus.model.FuzzyDate;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads dates as people write them on web pages ("Oct 9, 2024", "Dec 2024", "2026"). */
public final class HumanDates {

  private static final int MAX_INPUT = 400;
  private static final String MONTH =
      "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
  private static final String YEAR = "((?:19|20)\\d\\d|2100)";
  private static final String DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
  private static final String NOT_DIGIT_BEFORE = "(?<![\\d.:/-])";
  private static final String NOT_DIGIT_AFTER = "(?![\\d:])";

  private static final Pattern ISO_DATE_TIME =
      Pattern.compile(
          "(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?"
              + "\\s*(Z|UTC|GMT|[+-]\\d{2}:?\\d{2})?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern ISO_DATE =
      Pattern.compile("(?<![\\d.])(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})(?![\\d])");
  private static final Pattern DAY_MONTH_YEAR =
      Pattern.compile(
          NOT_DIGIT_BEFORE
              + DAY
              + "\\s+(?:of\\s+)?\\b"
              + MONTH
              + "(?![a-z]),?\\s+"
              + YEAR
              + NOT_DIGIT_AFTER,
          Pattern.CASE_INSENSITIVE);
  private static final Pattern MONTH_DAY_YEAR =
      Pattern.compile(
          "\\b" + MONTH + "(?![a-z])\\s*" + DAY + "\\b,?\\s+" + YEAR + NOT_DIGIT_AFTER,
          Pattern.CASE_INSENSITIVE);
  private static final Pattern MONTH_YEAR =
      Pattern.compile(
          "\\b" + MONTH + "(?![a-z]),?\\s+" + YEAR + NOT_DIGIT_AFTER, Pattern.CASE_INSENSITIVE);
  private static final Pattern YEAR_MONTH =
      Pattern.compile("(?<![\\d.-])" + YEAR + "-(\\d{2})(?![\\d-])");
  private static final Pattern MONTH_DAY =
      Pattern.compile(
          "\\b" + MONTH + "(?![a-z])\\s*" + DAY + "\\b" + NOT_DIGIT_AFTER,
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DAY_MONTH =
      Pattern.compile(
          NOT_DIGIT_BEFORE + DAY + "\\s+(?:of\\s+)?\\b" + MONTH + "(?![a-z])",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern YEAR_ALONE =
      Pattern.compile("(?<![\\d.,:/©-])" + YEAR + "(?![\\d.,:/-]\\d|\\d)");
  private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");
  private static final Pattern ANY_MONTH =
      Pattern.compile("\\b" + MONTH + "(?![a-z])", Pattern.CASE_INSENSITIVE);

  private static final Pattern UPDATED =
      Pattern.compile("(?i)\\b(?:last\\s+)?(?:updated|modified|edited|revised)\\b");
  private static final Pattern PUBLISHED =
      Pattern.compile("(?i)\\b(?:published|posted|written|created)\\b");

  private HumanDates() {}

  /**
   * The publication date in a text that may also carry an update date ("Published Oct 9, 2024 ·
   * Updated Nov 2, 2024", "Updated Nov 2 · Oct 9, 2024"); empty when the only date is an update.
   */
  public static Optional<FuzzyDate> published(String text, Integer contextYear) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher u = UPDATED.matcher(text);
    if (!u.find()) {
      return parse(text, contextYear);
    }
    Matcher p = PUBLISHED.matcher(text);
    if (p.find()) {
      String after = text.substring(p.end());
      Matcher u2 = UPDATED.matcher(after);
      if (u2.find()) {
        after = after.substring(0, u2.start());
      }
      Optional<FuzzyDate> d = parse(after, contextYear);
      if (d.isPresent()) {
        return d;
      }
    }
    Optional<FuzzyDate> before = parse(text.substring(0, u.start()), contextYear);
    if (before.isPresent()) {
      return before;
    }
    // "Updated Nov 2, 2024 · Oct 9, 2024": a second date after the update's
    String rest = text.substring(u.end());
    Matcher first = FIRST_DATE.matcher(rest);
    if (first.find()) {
      return parse(rest.substring(first.end()), contextYear);
    }
    return Optional.empty();
  }

  private static final Pattern FIRST_DATE =
      Pattern.compile(
          "(?i)(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\s+"
              + MONTH
              + ",?\\s+\\d{4}|"
              + MONTH
              + "\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4})");

  private static final Pattern RELATIVE =
      Pattern.compile(
          "(?i)^\\W*(?:(?:published|posted|updated)\\s+)?(?:just now|today|yesterday|(?:an?|\\d+)\\s+(?:seconds?|minutes?|mins?"
              + "|hours?|hrs?|days?|weeks?|months?|years?)\\s+ago|\\d+\\s*[smhdwy]\\s+ago)\\W*$");

  /**
   * True when a short text is only a date, with or without its year ("Sep 14", "2024-10-09", "3
   * days ago"): a label, not a title.
   */
  public static boolean looksLikeDate(String text) {
    if (text == null) {
      return false;
    }
    String t = text.trim();
    if (t.isEmpty() || t.length() > 30) {
      return false;
    }
    return parse(t, 2000).isPresent() || RELATIVE.matcher(t).matches();
  }

  /** True when the text speaks of an update ("Updated", "Last modified"). */
  public static boolean mentionsUpdate(String text) {
    return text != null && UPDATED.matcher(text).find();
  }

  /** The date written in {@code text}, without a year from context. */
  public static Optional<FuzzyDate> parse(String text) {
    return parse(text, null);
  }

  /**
   * The date written in {@code text}; when the text has a day and month but no year, {@code
   * contextYear} (from a surrounding heading) supplies it.
   */
  public static Optional<FuzzyDate> parse(String text, Integer contextYear) {
    try {
      return Optional.ofNullable(parseOrNull(text, contextYear));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static FuzzyDate parseOrNull(String raw, Integer contextYear) {
    if (raw == null) {
      return null;
    }
    String text = raw.replace('\u00a0', ' ').replaceAll("\\s+", " ").trim();
    if (text.isEmpty()) {
      return null;
    }
    if (text.length() > MAX_INPUT) {
      text = text.substring(0, MAX_INPUT);
    }
    Matcher m = ISO_DATE_TIME.matcher(text);
    if (m.find()) {
      FuzzyDate d = isoDateTime(m);
      if (d != null) {
        return d;
      }
    }
    m = ISO_DATE.matcher(text);
    if (m.find()) {
      FuzzyDate d = day(num(m, 1), num(m, 2), num(m, 3));
      if (d != null) {
        return d;
      }
    }
    m = DAY_MONTH_YEAR.matcher(text);
    if (m.find()) {
      FuzzyDate d = day(num(m, 3), month(m.group(2)), num(m, 1));
      if (d != null) {
        return d;
      }
    }
    m = MONTH_DAY_YEAR.matcher(text);
    if (m.find()) {
      FuzzyDate d = day(num(m, 3), month(m.group(1)), num(m, 2));
      if (d != null) {
        return d;
      }
    }
    m = MONTH_YEAR.matcher(text);
    if (m.find()) {
      return FuzzyDate.ofMonth(num(m, 2), month(m.group(1)));
    }
    m = YEAR_MONTH.matcher(text);
    if (m.find() && num(m, 2) >= 1 && num(m, 2) <= 12) {
      return FuzzyDate.ofMonth(num(m, 1), num(m, 2));
    }
    if (contextYear != null) {
      m = MONTH_DAY.matcher(text);
      if (m.find()) {
        FuzzyDate d = day(contextYear, month(m.group(1)), num(m, 2));
        if (d != null) {
          return d;
        }
      }
      m = DAY_MONTH.matcher(text);
      if (m.find()) {
        FuzzyDate d = day(contextYear, month(m.group(2)), num(m, 1));
        if (d != null) {
          return d;
        }
      }
    }
    return yearAlone(text);
  }

  /** A bare year counts only in short texts, not inside a sentence such as a title. */
  private static FuzzyDate yearAlone(String text) {
    if (text.length() > 20) {
      return null;
    }
    Matcher m = YEAR_ALONE.matcher(text);
    if (!m.find()) {
      return null;
    }
    int year = num(m, 1);
    if (year < 1990 || year > 2100) {
      return null;
    }
    String rest = text.substring(0, m.start()) + " " + text.substring(m.end());
    if (ANY_MONTH.matcher(rest).find()) {
      return null;
    }
    if (rest.contains("©") || rest.toLowerCase(Locale.ROOT).contains("(c)")) {
      return null;
    }
    Matcher words = WORD.matcher(rest);
    int count = 0;
    while (words.find()) {
      count++;
    }
    return count <= 2 ? FuzzyDate.ofYear(year) : null;
  }

  private static FuzzyDate isoDateTime(Matcher m) {
    String zone = m.group(7);
    if (zone == null) {
      return day(num(m, 1), num(m, 2), num(m, 3));
    }
    try {
      LocalDateTime local =
          LocalDateTime.of(
              num(m, 1),
              num(m, 2),
              num(m, 3),
              num(m, 4),
              num(m, 5),
              m.group(6) == null ? 0 : num(m, 6));
      ZoneOffset offset;
      String z = zone.toUpperCase(Locale.ROOT);
      if (z.equals("Z") || z.equals("UTC") || z.equals("GMT")) {
        offset = ZoneOffset.UTC;
      } else {
        String digits = z.replace(":", "");
        int hours = Integer.parseInt(digits.substring(1, 3));
        int minutes = Integer.parseInt(digits.substring(3, 5));
        int sign = digits.charAt(0) == '-' ? -1 : 1;
        offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
      }
      java.time.Instant instant = local.toInstant(offset);
      if (!instant.atOffset(ZoneOffset.UTC).toLocalDate().equals(local.toLocalDate())) {
        // the writer's calendar day is the one people see; do not move the post to another day
        return day(local.getYear(), local.getMonthValue(), local.getDayOfMonth());
      }
      return FuzzyDate.ofInstant(instant);
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  private static FuzzyDate day(int year, int month, int dayOfMonth) {
    if (year < 1900 || year > 2100 || month < 1) {
      return null;
    }
    try {
      LocalDate.of(year, month, dayOfMonth);
      return FuzzyDate.ofDay(year, month, dayOfMonth);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int num(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }

  static int month(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return switch (n.substring(0, 3)) {
      case "jan" -> 1;
      case "feb" -> 2;
      case "mar" -> 3;
      case "apr" -> 4;
      case "may" -> 5;
      case "jun" -> 6;
      case "jul" -> 7;
      case "aug" -> 8;
      case "sep" -> 9;
      case "oct" -> 10;
      case "nov" -> 11;
      case "dec" -> 12;
      default -> -1;
    };
  }
}
