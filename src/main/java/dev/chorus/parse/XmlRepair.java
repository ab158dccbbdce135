package dev.chorus.parse;

/**
 * Makes feed text safe and palatable for a strict XML parser: drops the XML declaration and plain
 * DOCTYPEs, refuses entity declarations, strips XML-illegal characters and rewrites HTML named
 * entities and stray ampersands.
 */
final class XmlRepair {

  private static final java.nio.charset.Charset WINDOWS_1252 =
      java.nio.charset.Charset.forName("windows-1252");

  private XmlRepair() {}

  /** The repaired text; throws when the DOCTYPE declares entities. */
  static String repair(String text) throws FeedParseException {
    String s = stripIllegalChars(text);
    s = stripPrologue(s);
    return closeTruncatedEndTag(fixEntities(s));
  }

  /**
   * Whether the repair leaves the meaning of a well-formed text alone. It only rewrites what a
   * strict parser refuses, except two things a parser accepts: references to C1 controls ({@code
   * &#150;}), which it reads as windows-1252 characters, and an XML 1.1 declaration, which it
   * drops.
   */
  static boolean parsesAlike(String s) {
    if (s.startsWith("<?xml")) {
      int end = s.indexOf("?>");
      if (end < 0 || s.lastIndexOf("1.1", end) >= 0) {
        return false;
      }
    }
    for (int amp = s.indexOf("&#"); amp >= 0; amp = s.indexOf("&#", amp + 2)) {
      int semi = referenceEnd(s, amp + 1);
      if (semi >= 0 && isC1(referencedCodePoint(s, amp + 2, semi))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isC1(int cp) {
    return cp >= 0x80 && cp <= 0x9F;
  }

  /** The code point of the numeric reference whose digits (after "&#") run from {@code from}. */
  private static int referencedCodePoint(String s, int from, int semi) {
    boolean hex = s.charAt(from) == 'x' || s.charAt(from) == 'X';
    return Integer.parseInt(s.substring(hex ? from + 1 : from, semi), hex ? 16 : 10);
  }

  /** Adds the '>' a document cut just before its end loses ({@code ...</rss}). */
  static String closeTruncatedEndTag(String s) {
    int end = s.length();
    while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    int lt = s.lastIndexOf("</", end);
    if (lt < 0 || end - lt > 64 || s.indexOf('>', lt) >= 0) {
      return s;
    }
    for (int i = lt + 2; i < end; i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == ':' || c == '-' || c == '_' || c == '.')) {
        return s;
      }
    }
    return s.substring(0, end) + ">";
  }

  /** Removes C0 controls other than tab/CR/LF, U+FFFE/U+FFFF and lone surrogates. */
  static String stripIllegalChars(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && legal(s, i)) {
      i++;
    }
    if (i == n) {
      return s;
    }
    StringBuilder sb = new StringBuilder(n);
    sb.append(s, 0, i);
    for (; i < n; i++) {
      if (legal(s, i)) {
        sb.append(s.charAt(i));
      }
    }
    return sb.toString();
  }

  private static boolean legal(String s, int i) {
    char c = s.charAt(i);
    if (c >= 0x20 && c < 0xD800) {
      return true;
    }
    if (c < 0x20) {
      return c == '\t' || c == '\n' || c == '\r';
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
    return c != 0xFFFE && c != 0xFFFF;
  }

  /**
   * Drops the XML declaration (the text is already decoded) and the DOCTYPE before the root
   * element; a DOCTYPE whose internal subset declares entities is refused.
   */
  static String stripPrologue(String s) throws FeedParseException {
    int n = s.length();
    int i = skipSpace(s, 0);
    if (s.startsWith("<?xml", i)) {
      int end = s.indexOf("?>", i);
      if (end > 0) {
        i = end + 2;
      }
    }
    int start = i;
    // Walk comments, processing instructions and the DOCTYPE up to the root element.
    while (true) {
      i = skipSpace(s, i);
      if (i >= n) {
        return s.substring(start);
      }
      if (s.startsWith("<!--", i)) {
        int end = s.indexOf("-->", i + 4);
        if (end < 0) {
          return s.substring(start);
        }
        i = end + 3;
      } else if (s.startsWith("<?", i)) {
        int end = s.indexOf("?>", i + 2);
        if (end < 0) {
          return s.substring(start);
        }
        i = end + 2;
      } else if (s.regionMatches(true, i, "<!DOCTYPE", 0, 9)) {
        int end = doctypeEnd(s, i + 9);
        String doctype = s.substring(i, end);
        if (doctype.contains("<!ENTITY")) {
          throw new FeedParseException("DOCTYPE with entity declarations refused", null);
        }
        return s.substring(start, i) + s.substring(end);
      } else {
        return s.substring(start);
      }
    }
  }

  /** Index just past the DOCTYPE's closing '>', honouring quotes and an internal subset. */
  private static int doctypeEnd(String s, int i) {
    int n = s.length();
    char quote = 0;
    boolean subset = false;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[') {
        subset = true;
      } else if (c == ']') {
        subset = false;
      } else if (c == '>' && !subset) {
        return i + 1;
      }
    }
    return n;
  }

  private static int skipSpace(String s, int i) {
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * Rewrites {@code &name;} for HTML entity names as numeric references and escapes ampersands that
   * start no valid reference, outside CDATA sections and comments.
   */
  static String fixEntities(String s) {
    int amp = s.indexOf('&');
    if (amp < 0) {
      return s;
    }
    int n = s.length();
    StringBuilder sb = null;
    int copied = 0;
    int i = 0;
    int nextOpen = -2;
    while (i < n) {
      int nextAmp = s.indexOf('&', i);
      if (nextAmp < 0) {
        break;
      }
      if (nextOpen != -1 && nextOpen < i) {
        nextOpen = s.indexOf("<!", i);
      }
      if (nextOpen >= 0 && nextOpen < nextAmp) {
        int end;
        if (s.startsWith("<![CDATA[", nextOpen)) {
          end = s.indexOf("]]>", nextOpen + 9);
          end = end < 0 ? n : end + 3;
        } else if (s.startsWith("<!--", nextOpen)) {
          end = s.indexOf("-->", nextOpen + 4);
          end = end < 0 ? n : end + 3;
        } else {
          end = nextOpen + 2;
        }
        i = end;
        continue;
      }
      int semi = referenceEnd(s, nextAmp + 1);
      String replacement = null;
      if (semi < 0) {
        replacement = "&amp;";
        semi = nextAmp; // keep what follows as text
      } else if (s.charAt(nextAmp + 1) == '#') {
        replacement = numericReference(s, nextAmp + 2, semi);
      } else {
        String name = s.substring(nextAmp + 1, semi);
        if (!isXmlEntity(name)) {
          int cp = HtmlEntities.codePoint(name);
          replacement = cp < 0 ? "&amp;" : "&#" + cp + ";";
          if (cp < 0) {
            semi = nextAmp; // keep the name as text
          }
        }
      }
      if (replacement != null) {
        if (sb == null) {
          sb = new StringBuilder(n + 64);
        }
        sb.append(s, copied, nextAmp).append(replacement);
        copied = semi + 1;
      }
      i = nextAmp + 1;
    }
    if (sb == null) {
      return s;
    }
    sb.append(s, copied, n);
    return sb.toString();
  }

  /**
   * A canonical form for {@code &#X41;} (XML wants a lowercase x) and for references to C1
   * controls, which feeds mean as windows-1252 characters; null to keep the reference.
   */
  private static String numericReference(String s, int from, int semi) {
    int cp = referencedCodePoint(s, from, semi);
    if (isC1(cp)) {
      int mapped = new String(new byte[] {(byte) cp}, WINDOWS_1252).codePointAt(0);
      return "&#" + mapped + ";";
    }
    return s.charAt(from) == 'X' ? "&#x" + s.substring(from + 1, semi) + ";" : null;
  }

  private static boolean isXmlEntity(String name) {
    return name.equals("amp")
        || name.equals("lt")
        || name.equals("gt")
        || name.equals("quot")
        || name.equals("apos");
  }

  /** Index of the ';' closing a syntactically valid reference starting at i, or -1. */
  private static int referenceEnd(String s, int i) {
    int n = s.length();
    if (i >= n) {
      return -1;
    }
    int limit = Math.min(n, i + 40);
    if (s.charAt(i) == '#') {
      int j = i + 1;
      boolean hex = j < n && (s.charAt(j) == 'x' || s.charAt(j) == 'X');
      if (hex) {
        j++;
      }
      int digits = j;
      while (j < limit
          && (hex ? Character.digit(s.charAt(j), 16) >= 0 : Character.isDigit(s.charAt(j)))) {
        j++;
      }
      if (j == digits || j >= n || s.charAt(j) != ';' || !legalCharRef(s, digits, j, hex)) {
        return -1;
      }
      return j;
    }
    int j = i;
    while (j < limit && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
      j++;
    }
    if (j == i || j >= n || s.charAt(j) != ';' || !Character.isLetter(s.charAt(i))) {
      return -1;
    }
    return j;
  }

  private static boolean legalCharRef(String s, int from, int to, boolean hex) {
    if (to - from > 7) {
      return false;
    }
    int cp = Integer.parseInt(s.substring(from, to), hex ? 16 : 10);
    return cp == 0x9
        || cp == 0xA
        || cp == 0xD
        || (cp >= 0x20 && cp <= 0xD7FF)
        || (cp >= 0xE000 && cp <= 0xFFFD)
        || (cp >= 0x10000 && cp <= 0x10FFFF);
  }
}
