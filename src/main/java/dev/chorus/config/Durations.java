package dev.chorus.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses config durations such as {@code 30m}, {@code 1h30m}, {@code 90s}, {@code 2d}. */
public final class Durations {
  private static final Pattern WHOLE = Pattern.compile("(\\d+[dhms])+");
  private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

  private Durations() {}

  /** The duration, or null when the text is not one. */
  public static Duration parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
    if (!WHOLE.matcher(t).matches()) {
      return null;
    }
    Duration d = Duration.ZERO;
    Matcher m = PART.matcher(t);
    while (m.find()) {
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        return null;
      }
      if (n > 1_000_000) {
        return null;
      }
      d =
          switch (m.group(2)) {
            case "d" -> d.plusDays(n);
            case "h" -> d.plusHours(n);
            case "m" -> d.plusMinutes(n);
            default -> d.plusSeconds(n);
          };
    }
    return d;
  }

  /** Prints a duration the way {@link #parse} reads it. */
  public static String format(Duration d) {
    long s = d.toSeconds();
    StringBuilder b = new StringBuilder();
    long[] sizes = {86400, 3600, 60, 1};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (s >= sizes[i]) {
        b.append(s / sizes[i]).append(units[i]);
        s %= sizes[i];
      }
    }
    return b.length() == 0 ? "0s" : b.toString();
  }
}
