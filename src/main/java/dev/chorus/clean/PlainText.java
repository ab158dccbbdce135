package dev.chorus.clean;

import org.jsoup.Jsoup;

/** Plain-text summaries of HTML fragments. */
public final class PlainText {

  private static final String ELLIPSIS = "…";

  /** Text beyond the cut that a truncated tail (half a tag or entity) cannot reach. */
  private static final int MARGIN = 64;

  private PlainText() {}

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
