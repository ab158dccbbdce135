package dev.chorus.clean;

import org.jsoup.Jsoup;

/** Plain-text summaries of HTML fragments. */
public final class PlainText {

  private static final String ELLIPSIS = "…";

  private PlainText() {}

  /**
   * Visible text of an HTML fragment (entities decoded, tags dropped, whitespace collapsed), cut
   * at a word boundary to at most maxChars with "…" appended when cut. Null → null.
   */
  public static String of(String html, int maxChars) {
    if (html == null) {
      return null;
    }
    String text = Jsoup.parseBodyFragment(html).body().text();
    text = text.replace('\u00A0', ' ').replaceAll("\\s+", " ").trim();
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
}
