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

  /** Elements that hold plain text and end a line of it: their tags separate words. */
  private static final Set<String> BLOCK =
      Set.of(
          "p",
          "br",
          "div",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "ul",
          "ol",
          "li",
          "blockquote",
          "pre",
          "hr",
          "table",
          "thead",
          "tbody",
          "tfoot",
          "tr",
          "caption",
          "dl",
          "dt",
          "dd",
          "figure",
          "figcaption",
          "section",
          "article",
          "header",
          "footer",
          "aside",
          "nav",
          "main",
          "address");

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
    return collapse(strip(html, false));
  }

  /**
   * The text of HTML with its tags dropped in one pass, or null when {@code raw} (the HTML is not
   * sanitised) and it holds something only a parser reads right: a comment, a doctype, an end tag
   * that is not one, an element outside the plain inline and block ones (a script's or a style's
   * content is not text, an unknown element runs inline, table cells join their text), or a block
   * inside an inline element (a parser then separates the inline element from what follows).
   */
  private static String strip(String html, boolean raw) {
    return new Stripper(html, raw).run();
  }

  /** One pass over HTML that keeps its text; see {@link #strip}. */
  private static final class Stripper {
    private final String html;
    private final boolean raw;
    private final StringBuilder out;
    private int inlineOpen;

    Stripper(String html, boolean raw) {
      this.html = html;
      this.raw = raw;
      this.out = new StringBuilder(html.length());
    }

    String run() {
      int n = html.length();
      int i = 0;
      while (i < n) {
        int lt = html.indexOf('<', i);
        int end = lt < 0 ? n : lt;
        if (end > i) {
          String run = html.substring(i, end);
          out.append(run.indexOf('&') < 0 ? run : Parser.unescapeEntities(run, false));
        }
        if (lt < 0) {
          break;
        }
        i = tag(lt);
        if (i < 0) {
          return null;
        }
      }
      return out.toString();
    }

    /**
     * Skips the tag (or comment) at {@code lt}, adding a space if it breaks words; returns its end,
     * or -1 when the HTML is raw and the tag needs a parser.
     */
    private int tag(int lt) {
      int n = html.length();
      if (raw && lt + 1 < n && "!?".indexOf(html.charAt(lt + 1)) >= 0) {
        return -1;
      }
      if (html.startsWith("<!--", lt)) {
        int close = html.indexOf("-->", lt + 4);
        return close < 0 ? n : close + 3;
      }
      int j = lt + 1;
      boolean end = j < n && html.charAt(j) == '/';
      if (end) {
        j++;
      }
      int nameStart = j;
      while (j < n && Character.isLetterOrDigit(html.charAt(j))) {
        j++;
      }
      if (j == nameStart) {
        if (raw && end) {
          return -1; // "</ " opens a bogus comment
        }
        out.append('<'); // a lone "<" is text
        return lt + 1;
      }
      String name = html.substring(nameStart, j).toLowerCase(Locale.ROOT);
      // a parser's text runs on past an image; the index keeps words either side of one apart
      boolean inline = INLINE.contains(name) || raw && name.equals("img");
      if (raw && !(inline ? track(name, end) : BLOCK.contains(name) && inlineOpen == 0)) {
        return -1;
      }
      char quote = 0;
      char last = 0;
      for (; j < n; j++) {
        char c = html.charAt(j);
        if (quote != 0) {
          quote = c == quote ? 0 : quote;
        } else if ((c == '"' || c == '\'') && last == '=') {
          quote = c; // quotes open only a value: in an unquoted one they are text
        } else if (c == '>') {
          break;
        }
        if (!Character.isWhitespace(c)) {
          last = c;
        }
      }
      if (!inline) {
        out.append(' ');
      }
      return Math.min(n, j + 1);
    }

    /** Counts the inline elements open around the text; always true. */
    private boolean track(String name, boolean end) {
      if (!name.equals("img") && !name.equals("wbr")) {
        inlineOpen = Math.max(0, inlineOpen + (end ? -1 : 1));
      }
      return true;
    }
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
      String text = parsedText(html.substring(0, prefix));
      if (text.length() > maxChars + MARGIN) {
        return text.substring(0, maxChars + 1);
      }
    }
    return parsedText(html);
  }

  /**
   * The collapsed text a full HTML parse gives; most feed HTML (paragraphs, links, emphasis) is
   * read in one pass without building a document.
   */
  private static String parsedText(String html) {
    String text = strip(html, true);
    return collapse(text != null ? text : Jsoup.parseBodyFragment(html).body().text());
  }

  private static String collapse(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00A0') {
        space = sb.length() > 0;
      } else if (c == '\u00AD' || c == '\u200B') {
        continue; // soft hyphens and zero-width spaces are invisible, as a parser's text says
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
