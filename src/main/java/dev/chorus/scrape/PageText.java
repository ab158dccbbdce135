package dev.chorus.scrape;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/** Text tests shared by the readers: generic link labels, description-like texts, titles. */
final class PageText {

  private static final Set<String> GENERIC =
      Set.of(
          "read more",
          "read",
          "more",
          "continue reading",
          "continue",
          "read post",
          "read article",
          "read the post",
          "read the article",
          "read full post",
          "read full article",
          "learn more",
          "view post",
          "view",
          "permalink",
          "link",
          "details",
          "keep reading",
          "full post",
          "read on",
          "see more",
          "open",
          "here",
          "click here",
          "→",
          "»",
          "›",
          "...",
          "…",
          "next",
          "previous",
          "prev",
          "older posts",
          "newer posts",
          "older",
          "newer");

  /** Two sentences: a description, not a title. */
  private static final Pattern SENTENCES =
      Pattern.compile("\\p{Ll}[.!?] +\\p{Lu}[^.!?]{10,}[.!?…]\\s*$");

  private static final Pattern ARROWS = Pattern.compile("[\\s→»›>…\\-–—.]+");

  /** Heading tag names. */
  static final Set<String> HEADING_TAGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

  private PageText() {}

  /** True when the element's tag is one of {@code names} (cheaper than {@code Element.is}). */
  static boolean tag(Element e, Set<String> names) {
    return e != null && names.contains(e.normalName());
  }

  static String clean(String text) {
    if (text == null) {
      return null;
    }
    String t = text.replace('\u00a0', ' ').replaceAll("\\s+", " ").trim();
    return t.isEmpty() ? null : t;
  }

  /** A label such as "Read more →" that links to a post without naming it. */
  static boolean isGeneric(String text) {
    String t = clean(text);
    if (t == null) {
      return true;
    }
    String bare = ARROWS.matcher(t.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    return bare.isEmpty() || GENERIC.contains(bare) || GENERIC.contains(t.toLowerCase(Locale.ROOT));
  }

  static int words(String text) {
    String t = clean(text);
    return t == null ? 0 : t.split(" ").length;
  }

  /** The link's text when it can serve as the post's title, else null. */
  static String titleFromLink(Element link) {
    if (link == null) {
      return null;
    }
    String t = clean(link.text());
    if (t == null || isGeneric(t)) {
      t = clean(link.attr("title"));
      if (t == null || isGeneric(t)) {
        return null;
      }
      return t;
    }
    if (link.selectFirst("p, ul, li, blockquote") != null) {
      return null;
    }
    if (t.length() > 160
        || (t.endsWith(".") && words(t) >= 10)
        || (t.endsWith("…") && words(t) >= 8)
        || (t.endsWith("...") && words(t) >= 8)
        || SENTENCES.matcher(t).find()) {
      return null;
    }
    if (HumanDates.looksLikeDate(t)) {
      return null;
    }
    return t;
  }
}
