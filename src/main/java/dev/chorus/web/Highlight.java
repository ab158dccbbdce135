package dev.chorus.web;

import gg.jte.Content;
import gg.jte.TemplateOutput;

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

  @Override
  public void writeTo(TemplateOutput output) {
    output.writeContent(html);
  }
}
