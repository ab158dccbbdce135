package dev.chorus.clean;

/**
 * The first check of every URL attribute, before {@link Urls} resolves it: no scheme, or http,
 * https or mailto, with spaces trimmed and characters that confuse URL parsers percent-encoded.
 * This is what the OWASP sanitizer did to URLs, kept so that the stored HTML stays as it was.
 */
final class UrlGuard {

  private UrlGuard() {}

  /** The URL with HTML spaces trimmed and some characters encoded, or null for another scheme. */
  static String check(String value) {
    String url = stripSpaces(value);
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '/' || c == '#' || c == '?') {
        break; // no scheme
      }
      if (c == ':') {
        if (!isScheme(url, i, "http")
            && !isScheme(url, i, "https")
            && !isScheme(url, i, "mailto")) {
          return null;
        }
        break;
      }
    }
    return encode(url);
  }

  /** Whether url[0, colon) is the scheme, ASCII case-insensitively. */
  private static boolean isScheme(String url, int colon, String scheme) {
    if (colon != scheme.length()) {
      return false;
    }
    for (int i = 0; i < colon; i++) {
      if (HtmlElement.lower(url.charAt(i)) != scheme.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The srcset with each candidate URL checked as by {@link #check} (commas in it encoded) and
   * candidates joined by " , "; null when it is malformed or no candidate is left.
   */
  static String checkSrcset(String value) {
    StringBuilder sb = new StringBuilder();
    int n = value.length();
    int i = skipSpaces(value, 0);
    while (i < n) {
      int urlStart = i;
      while (i < n && !isSpace(value.charAt(i))) {
        i++;
      }
      int urlEnd = i;
      i = skipSpaces(value, i);
      int descriptorStart = i;
      if (urlEnd < i) { // a descriptor follows a space: a number, then a unit letter
        int number = skipFloat(value, i);
        if (number >= 0) {
          i = number;
          if (i < n && (value.charAt(i) | 32) >= 'a' && (value.charAt(i) | 32) <= 'z') {
            i++;
          }
        }
      }
      int descriptorEnd = i;
      if (urlStart < urlEnd) {
        if (value.charAt(urlStart) == ',' || value.charAt(urlEnd - 1) == ',') {
          return null; // ambiguous
        }
        String url = check(value.substring(urlStart, urlEnd));
        if (url != null && !url.isEmpty()) {
          if (sb.length() != 0) {
            sb.append(" , ");
          }
          sb.append(url.replace(",", "%2c"));
          if (descriptorStart < descriptorEnd) {
            sb.append(' ').append(value, descriptorStart, descriptorEnd);
          }
        }
      }
      i = skipSpaces(value, i);
      if (i == n || value.charAt(i) != ',') {
        break;
      }
      i = skipSpaces(value, i + 1);
    }
    return i < n || sb.length() == 0 ? null : sb.toString();
  }

  /**
   * Percent-encodes parentheses, braces, spaces and controls (from the first one on) and, before
   * any '/', '#', '?' or ':', characters that look like a colon.
   */
  private static String encode(String s) {
    boolean pastScheme = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '#' || c == '?' || c == ':') {
        pastScheme = true;
      } else if (c == '(' || c == ')' || c == '{' || c == '}') {
        return encodeFrom(s, i, pastScheme);
      } else if (c <= 0x20 || (!pastScheme && colonLike(c) != null)) {
        return encodeFrom(s, i, false);
      }
    }
    return s;
  }

  private static String encodeFrom(String s, int start, boolean pastScheme) {
    StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, start);
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      String colon = pastScheme ? null : colonLike(c);
      switch (c) {
        case '(' -> sb.append("%28");
        case ')' -> sb.append("%29");
        case '{' -> sb.append("%7b");
        case '}' -> sb.append("%7d");
        default -> {
          if (colon != null) {
            sb.append(colon);
          } else if (c == 0) {
            continue;
          } else if (c <= 0x20) {
            sb.append('%')
                .append(Character.forDigit(c >> 4, 16))
                .append(Character.forDigit(c & 0xF, 16));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  /** The UTF-8 percent-encoding of a character that looks like a colon, else null. */
  private static String colonLike(char c) {
    return switch (c) {
      case '\u0589' -> "%d6%89";
      case '\u05c3' -> "%d7%83";
      case '\u2236' -> "%e2%88%b6";
      case '\uff1a' -> "%ef%bc%9a";
      default -> null;
    };
  }

  /** The end of a valid HTML floating-point number at start, or -1. */
  private static int skipFloat(String s, int start) {
    int n = s.length();
    int i = start;
    if (i < n && s.charAt(i) == '-') {
      i++;
    }
    int digits = i;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
    }
    boolean mantissa = i > digits;
    if (i < n && s.charAt(i) == '.') {
      int fraction = ++i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      mantissa = i > fraction;
    }
    if (!mantissa) {
      return -1;
    }
    if (i < n && (s.charAt(i) | 32) == 'e') {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponent = i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == exponent) {
        return -1;
      }
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String stripSpaces(String s) {
    int start = skipSpaces(s, 0);
    int end = s.length();
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }
}
