package dev.chorus.web;

import gg.jte.Content;
import gg.jte.TemplateOutput;
import org.jsoup.parser.Parser;

/**
 * Text with search matches as {@code <mark>}: built by escaping the text first and only then
 * turning the store's \u0001…\u0002 markers into tags, so nothing in the text can become markup.
 *
 * @param html the escaped text with {@code <mark>} elements, safe to write as is
 */
public record Highlight(String html) implements Content {
  static final char OPEN = '\u0001';
  static final char CLOSE = '\u0002';

  /** Marks plain text. */
  static Highlight of(String marked) {
    StringBuilder b = new StringBuilder(marked.length() + 32);
    boolean open = false;
    for (int i = 0; i < marked.length(); i++) {
      char c = marked.charAt(i);
      if (c == OPEN) {
        if (!open) {
          b.append("<mark>");
          open = true;
        }
      } else if (c == CLOSE) {
        if (open) {
          b.append("</mark>");
          open = false;
        }
      } else if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
        b.append(
            switch (c) {
              case '<' -> "&lt;";
              case '>' -> "&gt;";
              case '&' -> "&amp;";
              case '"' -> "&quot;";
              case '\'' -> "&#39;";
              default -> String.valueOf(c);
            });
      }
    }
    if (open) {
      b.append("</mark>");
    }
    return new Highlight(b.toString());
  }

  /**
   * Marks a snippet that may have been cut from a post's stored HTML rather than its plain-text
   * summary: tags (also ones cut in half at the edges) are dropped and entities decoded before
   * marking.
   */
  static Highlight snippet(String marked, String summary) {
    String plain = strip(marked, true);
    if (summary != null && summary.contains(plain)) {
      return of(marked);
    }
    String text = marked.replaceAll("<[^>]*>", " ");
    text = text.replaceFirst("^(…?)[^<]*?>", "$1");
    text = text.replaceFirst("<[^>]*$", "");
    text = Parser.unescapeEntities(text, false).replaceAll("[ \\t\\n\\r]+", " ").strip();
    return of(text);
  }

  private static String strip(String marked, boolean ellipses) {
    String s = marked.replace(String.valueOf(OPEN), "").replace(String.valueOf(CLOSE), "");
    if (ellipses) {
      s = s.replaceAll("^…|…$", "");
    }
    return s.strip();
  }

  @Override
  public void writeTo(TemplateOutput output) {
    output.writeContent(html);
  }
}
