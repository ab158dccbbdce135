package dev.chorus.clean;

import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;

/** Plain-text summaries of HTML fragments. */
public final class PlainText {

  private static final String ELLIPSIS = "…";

  /** Text beyond the cut that a truncated tail (half a tag or entity) cannot reach. */
  private static final int MARGIN = 64;

  /** Elements that run inside a line of text: their tags separate no words. */
  private static final Set<String> INLINE =
      Set.of(
          "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins",
          "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "tt",
          "u", "var", "wbr", "font", "big", "strike");

  private PlainText() {}

  /**
   * All the words of HTML as this project stores it (sanitised: well-formed tags, no scripts or
   * comments), for the search index: tags dropped — a space for those that end a block, so that
   * "end
   *
   * <p>start" stays two words — entities decoded, whitespace collapsed. One pass without building a
   * document: a search index reads every stored post. Null → null.
   */
  public static String ofSanitized(String html) {
    if (html == null) {
      return null;
    }
    if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
      return collapse(html);
    }
    StringBuilder out = new StringBuilder(html.length());
    int n = html.length();
    int i = 0;
    while (i < n) {
      int lt = html.indexOf('<', i);
      int end = lt < 0 ? n : lt;
      if (end > i) {
        text(html, i, end, out);
      }
      if (lt < 0) {
        break;
      }
      i = tag(html, lt, out);
    }
    return collapse(out.toString());
  }

  private static void text(String html, int from, int to, StringBuilder out) {
    String run = html.substring(from, to);
    out.append(run.indexOf('&') < 0 ? run : Parser.unescapeEntities(run, false));
  }

  /**
   * Skips the tag (or comment) at {@code lt}, adding a space if it breaks words; returns its end.
   */
  private static int tag(String html, int lt, StringBuilder out) {
    int n = html.length();
    if (html.startsWith("<!--", lt)) {
      int close = html.indexOf("-->", lt + 4);
      return close < 0 ? n : close + 3;
    }
    int j = lt + 1;
    if (j < n && html.charAt(j) == '/') {
      j++;
    }
    int nameStart = j;
    while (j < n && Character.isLetterOrDigit(html.charAt(j))) {
      j++;
    }
    if (j == nameStart) {
      out.append('<'); // a lone "<" is text
      return lt + 1;
    }
    String name = html.substring(nameStart, j).toLowerCase(Locale.ROOT);
    char quote = 0;
    for (; j < n; j++) {
      char c = html.charAt(j);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        break;
      }
    }
    if (!INLINE.contains(name)) {
      out.append(' ');
    }
    return Math.min(n, j + 1);
  }

  /**
   * Visible text of an HTML fragment (entities decoded, tags dropped, whitespace collapsed), cut at
   * a word boundary to at most maxChars with "…" appended when cut. Null → null.
   */
  public static String of(String html, int maxChars) {
    if (html == null) {
      return null;
    }
    String text = visibleText(html, maxChars);
    if (text.length() <= maxChars) {
      return text;
    }
    if (maxChars <= ELLIPSIS.length()) {
      return ELLIPSIS.substring(0, Math.max(0, maxChars));
    }
    int limit = maxChars - ELLIPSIS.length();
    int cut = limit;
    if (!Character.isWhitespace(text.charAt(limit))) {
      int space = text.lastIndexOf(' ', limit);
      if (space > 0) {
        cut = space;
      }
    }
    if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    String head = text.substring(0, cut).stripTrailing();
    while (!head.isEmpty() && ",;:.-–—".indexOf(head.charAt(head.length() - 1)) >= 0) {
      head = head.substring(0, head.length() - 1).stripTrailing();
    }
    return head + ELLIPSIS;
  }

  /**
   * The collapsed visible text, or enough of its start to cut at maxChars: only a prefix of a long
   * fragment is parsed when it already yields more text than is kept.
   */
  private static String visibleText(String html, int maxChars) {
    if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
      return collapse(html);
    }
    int prefix = Math.max(4 * (maxChars + MARGIN), 4096);
    if (html.length() > prefix) {
      String text = collapse(Jsoup.parseBodyFragment(html.substring(0, prefix)).body().text());
      if (text.length() > maxChars + MARGIN) {
        return text.substring(0, maxChars + 1);
      }
    }
    return collapse(Jsoup.parseBodyFragment(html).body().text());
  }

  private static String collapse(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00A0') {
        space = sb.length() > 0;
      } else {
        if (space) {
          sb.append(' ');
          space = false;
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
