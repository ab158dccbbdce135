package dev.chorus.parse;

import com.rometools.rome.io.impl.DateParser;
import dev.chorus.model.FuzzyDate;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fast parsing of feed dates (RFC 822 and W3C/ISO 8601) to UTC, with Rome's slower lenient parser
 * as the fallback for odd formats.
 */
final class FeedDates {

  private static final Pattern RFC822 =
      Pattern.compile(
          "(?:[A-Za-z]+,?\\s*)?(\\d{1,2})[\\s-]+([A-Za-z]{3})[A-Za-z]*\\.?[\\s-]+(\\d{2,4})"
              + "(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?\\s*(.*)");
  private static final Pattern W3C_DATE = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?");
  private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{2}):?(\\d{2})?");
  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("jan", 1),
          Map.entry("feb", 2),
          Map.entry("mar", 3),
          Map.entry("apr", 4),
          Map.entry("may", 5),
          Map.entry("jun", 6),
          Map.entry("jul", 7),
          Map.entry("aug", 8),
          Map.entry("sep", 9),
          Map.entry("oct", 10),
          Map.entry("nov", 11),
          Map.entry("dec", 12));
  private static final Map<String, Integer> ZONES =
      Map.ofEntries(
          Map.entry("", 0),
          Map.entry("gmt", 0),
          Map.entry("ut", 0),
          Map.entry("utc", 0),
          Map.entry("z", 0),
          Map.entry("est", -5),
          Map.entry("edt", -4),
          Map.entry("cst", -6),
          Map.entry("cdt", -5),
          Map.entry("mst", -7),
          Map.entry("mdt", -6),
          Map.entry("pst", -8),
          Map.entry("pdt", -7));

  private FeedDates() {}

  /** The date as precisely as the text gives it, or null when unreadable. */
  static FuzzyDate parse(String text) {
    if (text == null) {
      return null;
    }
    String s = text.trim();
    if (s.isEmpty()) {
      return null;
    }
    try {
      Matcher d = W3C_DATE.matcher(s);
      if (d.matches()) {
        int year = Integer.parseInt(d.group(1));
        if (d.group(2) == null) {
          return FuzzyDate.ofYear(year);
        }
        int month = Integer.parseInt(d.group(2));
        return d.group(3) == null
            ? FuzzyDate.ofMonth(year, month)
            : FuzzyDate.ofDay(year, month, Integer.parseInt(d.group(3)));
      }
      Instant i = instant(s);
      return i == null ? null : FuzzyDate.ofInstant(i);
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  /** The instant the text names, or null. */
  static Instant instant(String s) {
    if (s.length() >= 10 && Character.isDigit(s.charAt(0)) && s.charAt(4) == '-') {
      Instant i = iso(s);
      if (i != null) {
        return i;
      }
    } else {
      Instant i = rfc822(s);
      if (i != null) {
        return i;
      }
    }
    Date d = DateParser.parseDate(s, Locale.US);
    return d == null ? null : d.toInstant();
  }

  private static Instant iso(String s) {
    Instant fast = commonIso(s);
    if (fast != null) {
      return fast;
    }
    String t = s.replace(' ', 'T');
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:mm)}, what nearly every Atom feed writes, read
   * without a formatter; null for anything else (the formatters decide then).
   */
  static Instant commonIso(String s) {
    int n = s.length();
    if (n < 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (s.charAt(i) == '.') {
      int digits = 0;
      i++;
      while (i < n && Character.isDigit(s.charAt(i)) && digits < 9) {
        nanos = nanos * 10 + (s.charAt(i) - '0');
        i++;
        digits++;
      }
      if (digits == 0 || (i < n && Character.isDigit(s.charAt(i)))) {
        return null;
      }
      for (; digits < 9; digits++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (i == n - 1 && s.charAt(i) == 'Z') {
      offsetSeconds = 0;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int h = digits(s, i + 1, 2);
      int m = digits(s, i + 4, 2);
      if (h < 0 || m < 0 || h > 18 || m > 59) {
        return null;
      }
      offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (h * 3600 + m * 60);
    } else {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static Instant rfc822(String s) {
    Matcher m = RFC822.matcher(s);
    if (!m.matches()) {
      return null;
    }
    Integer month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
    if (month == null) {
      return null;
    }
    int year = Integer.parseInt(m.group(3));
    if (m.group(3).length() == 2) {
      year += year < 50 ? 2000 : 1900;
    } else if (m.group(3).length() == 3) {
      return null;
    }
    int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
    int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
    int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
    ZoneOffset offset = offset(m.group(7).trim());
    if (offset == null) {
      return null;
    }
    return LocalDateTime.of(year, month, Integer.parseInt(m.group(1)), hour, minute, second)
        .toInstant(offset);
  }

  private static ZoneOffset offset(String zone) {
    Matcher o = OFFSET.matcher(zone);
    if (o.matches()) {
      int h = Integer.parseInt(o.group(2));
      int min = o.group(3) == null ? 0 : Integer.parseInt(o.group(3));
      int sign = o.group(1).equals("-") ? -1 : 1;
      return ZoneOffset.ofHoursMinutes(sign * h, sign * min);
    }
    Integer hours = ZONES.get(zone.toLowerCase(Locale.ROOT));
    if (hours != null) {
      return ZoneOffset.ofHours(hours);
    }
    return zone.length() == 1 && Character.isLetter(zone.charAt(0)) ? ZoneOffset.UTC : null;
  }
}
