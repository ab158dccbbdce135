package dev.chorus.clean;

import org.jsoup.nodes.Entities;

/**
 * Decodes HTML character references ({@code &amp;}, {@code &#8217;}, {@code &#x1F600;}, legacy
 * {@code &copy} without a semicolon) as HTML5 and jsoup's {@code Parser.unescapeEntities} do, with
 * jsoup's table of names, into a buffer reused from one text to the next.
 */
final class CharacterReferences {

  /** Longest legacy name that may appear without a semicolon ("middot", "plusmn"...). */
  private static final int LONGEST_LEGACY_NAME = 6;

  /** What numeric references to 0x80-0x9F mean: Windows-1252, as HTML5 says (0: unchanged). */
  private static final char[] WINDOWS_1252 = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
    0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
  };

  /** Names common in feeds, looked up without jsoup's table (values from it, though). */
  private static final String[] COMMON_NAMES = {
    "amp", "lt", "gt", "quot", "apos", "nbsp", "mdash", "ndash", "hellip", "rsquo", "lsquo",
    "rdquo", "ldquo", "copy", "reg", "trade", "bull", "middot", "laquo", "raquo", "times", "deg",
    "euro", "pound", "shy", "zwnj", "zwj", "thinsp", "ensp", "emsp", "eacute"
  };

  private static final char[][] COMMON_VALUES = new char[COMMON_NAMES.length][];

  static {
    for (int i = 0; i < COMMON_NAMES.length; i++) {
      COMMON_VALUES[i] = Entities.getByName(COMMON_NAMES[i]).toCharArray();
    }
  }

  private char[] out = new char[256];
  private int length;

  /** Whether the text decoded last may hold characters that are dropped (a {@code &#1;}). */
  private boolean control;

  /** The decoded text, in chars()[0, length()). */
  char[] chars() {
    return out;
  }

  int length() {
    return length;
  }

  boolean mayHoldControls() {
    return control;
  }

  /** Shortens the decoded text to its first newLength characters. */
  void truncate(int newLength) {
    length = newLength;
  }

  /**
   * Decodes s[from, to), or copies it as it is unless decode is set. In an attribute value a legacy
   * name without a semicolon followed by a letter, a digit or '=' stays as written ({@code
   * ?a=1&para=2}), as HTML5 says.
   */
  void decode(char[] s, int from, int to, boolean decode, boolean inAttribute) {
    // a reference never decodes to more characters than it is written with
    if (out.length < to - from) {
      out = new char[Math.max(to - from, out.length * 2)];
    }
    length = 0;
    control = false;
    int copied = from;
    for (int i = from; decode && i < to - 1; i++) {
      if (s[i] != '&') {
        continue;
      }
      System.arraycopy(s, copied, out, length, i - copied);
      length += i - copied;
      int end = s[i + 1] == '#' ? numeric(s, i, to) : named(s, i, to, inAttribute);
      if (end < 0) {
        out[length++] = '&';
        end = i + 1;
      }
      copied = end;
      i = end - 1;
    }
    System.arraycopy(s, copied, out, length, to - copied);
    length += to - copied;
  }

  /** Decodes the numeric reference at s[amp]; returns its end, or -1 when there is none. */
  private int numeric(char[] s, int amp, int to) {
    int i = amp + 2;
    int radix = 10;
    if (i < to && (s[i] == 'x' || s[i] == 'X')) {
      radix = 16;
      i++;
    }
    int digits = i;
    int cp = 0;
    for (; i < to; i++) {
      int d = digit(s[i], radix);
      if (d < 0) {
        break;
      }
      cp = cp > Character.MAX_CODE_POINT ? cp : cp * radix + d;
    }
    if (i == digits) {
      return -1;
    }
    if (i < to && s[i] == ';') {
      i++;
    }
    if (cp == 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
      cp = 0xFFFD;
    } else if (cp >= 0x80 && cp <= 0x9F && WINDOWS_1252[cp - 0x80] != 0) {
      cp = WINDOWS_1252[cp - 0x80];
    }
    control |= cp < 0x20 || cp >= 0xFFFE;
    length += Character.toChars(cp, out, length);
    return i;
  }

  /** Decodes the named reference at s[amp]; returns its end, or -1 when there is none. */
  private int named(char[] s, int amp, int to, boolean inAttribute) {
    int end = amp + 1;
    while (end < to && isAsciiAlphanumeric(s[end])) {
      end++;
    }
    if (end == amp + 1) {
      return -1;
    }
    if (end < to && s[end] == ';') {
      char[] common = common(s, amp + 1, end);
      if (common != null) {
        System.arraycopy(common, 0, out, length, common.length);
        length += common.length;
        return end + 1;
      }
      String value = Entities.getByName(new String(s, amp + 1, end - amp - 1));
      if (!value.isEmpty()) {
        append(value);
        return end + 1;
      }
    }
    // the longest legacy name that starts the text, as in "&copy2025" or "&notit;"
    for (int e = Math.min(end, amp + 1 + LONGEST_LEGACY_NAME); e > amp + 1; e--) {
      String name = new String(s, amp + 1, e - amp - 1);
      if (Entities.isBaseNamedEntity(name)) {
        if (inAttribute && e < to && (s[e] == '=' || isAsciiAlphanumeric(s[e]))) {
          return -1;
        }
        append(Entities.getByName(name));
        return e;
      }
    }
    return -1;
  }

  private static char[] common(char[] s, int from, int to) {
    for (int i = 0; i < COMMON_NAMES.length; i++) {
      String name = COMMON_NAMES[i];
      if (name.length() == to - from && name.charAt(0) == s[from]) {
        int k = 1;
        while (k < name.length() && name.charAt(k) == s[from + k]) {
          k++;
        }
        if (k == name.length()) {
          return COMMON_VALUES[i];
        }
      }
    }
    return null;
  }

  private void append(String value) {
    value.getChars(0, value.length(), out, length);
    length += value.length();
  }

  private static int digit(char c, int radix) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    char l = (char) (c | 0x20);
    return radix == 16 && l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
  }

  private static boolean isAsciiAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
