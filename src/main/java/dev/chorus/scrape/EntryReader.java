package dev.chorus.scrape;

import dev.chorus.model.FuzzyDate;
import dev.chorus.model.ParsedEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.nodes.Element;

/** Reads one post's title, date, summary and author out of its container on a list page. */
@SuppressWarnings("ReferenceEquality") // jsoup Node.equals() is identity: == on elements is meant
final class EntryReader {

  private static final String HEADINGS = "h1, h2, h3, h4, h5, h6";
  private static final Pattern AUTHOR_CLASS =
      Pattern.compile("(?i)(^|[\\s_-])(author|byline|p-author)([\\s_-]|$)");
  private static final Pattern TITLE_CLASS =
      Pattern.compile(
          "(?i)(^|[\\s_-])(title|headline|heading|p-name|entry-name|post-name)([\\s_-]|$)");
  private static final Pattern SUMMARY_CLASS =
      Pattern.compile(
          "(?i)(^|[\\s_-])(excerpt|summary|description|desc|dek|teaser|lede|lead|abstract|snippet|p-summary)([\\s_-]|$)");
  private static final Pattern LABEL_PREFIX =
      Pattern.compile(
          "(?i)^(post link to|permanent link to|permalink to|link to|read more about|read more:|read more|read the post|read post|read article"
              + "|read the article|read:|read|continue reading|go to|open|view post|view)\\s*[:\\-–—]?\\s+");
  private static final Pattern LEADING_MARKS = Pattern.compile("^[\\s\\-–—:·•∙|,/]+");
  private static final Pattern TRAILING_MARKS = Pattern.compile("[\\s\\-–—:·•∙|,/]+$");
  private static final Pattern BADGE_CLASS =
      Pattern.compile(
          "(?i)(^|[\\s_-])(badge|pill|chip|label|new|status|sr-only|screen-reader-text|visually-hidden"
              + "|visuallyhidden|pinned|sticky-label)([\\s_-]|$)");
  private static final int MAX_ELEMENTS = 400;

  /** What was read, with the elements it came from (for building selectors). */
  record Read(
      ParsedEntry entry, Element titleElement, Element dateElement, Element summaryElement) {}

  private EntryReader() {}

  /** The container's elements, then those of the siblings that belong to the same post. */
  private static Iterable<Element> bounded(Element container, List<Element> extras) {
    return () -> {
      Stream<Element> s = container.stream();
      for (Element x : extras) {
        s = Stream.concat(s, x.stream());
      }
      return s.limit(MAX_ELEMENTS).iterator();
    };
  }

  static Read read(Element container, Element link, String url, Integer contextYear) {
    return read(container, List.of(), link, url, contextYear);
  }

  /**
   * Reads the post whose link is {@code link}, from {@code container} and from {@code extras}: the
   * following siblings of a container that does not wrap its post (a {@code <dt>} and its {@code
   * <dd>}, a heading and the paragraphs after it).
   */
  static Read read(
      Element container, List<Element> extras, Element link, String url, Integer contextYear) {
    Element titleElement = null;
    String title = null;
    Element heading = headingOf(container, link);
    if (heading != null) {
      String t = withoutBadges(heading);
      if (t != null && !HumanDates.looksLikeDate(t)) {
        titleElement = heading;
        title = t;
        if (link != heading && isInside(link, heading)) {
          // a badge or a date next to the link inside the heading is not part of the title
          String own = PageText.titleFromLink(link);
          if (own != null && !own.equals(t) && own.length() * 2 >= t.length() && t.contains(own)) {
            title = own;
          }
        } else if (!isInside(heading, link)) {
          // a link naming the post beside the heading: the heading may carry a badge after the
          // title
          Element part = leadingPart(link);
          for (String own :
              new String[] {part == null ? null : PageText.clean(part.text()), label(link)}) {
            if (own != null
                && !own.equals(t)
                && t.startsWith(own + " ")
                && own.length() * 2 >= t.length()) {
              title = own;
              break;
            }
          }
          if (PageText.words(t) == 1 && t.length() <= 20) {
            // a one-word heading over a titled link or title element is a category ("Engineering")
            Element classed = titleClassed(container);
            String other =
                classed != null && classed != heading ? PageText.clean(classed.text()) : null;
            Element otherElement = classed;
            if (other == null) {
              other = PageText.titleFromLink(link);
              otherElement = link;
            }
            if (other != null && PageText.words(other) >= 2 && other.length() > t.length()) {
              title = other;
              titleElement = otherElement;
            }
          }
        }
      }
    }
    if (title == null) {
      Element classed = titleClassed(container);
      if (classed != null) {
        titleElement = classed;
        title = PageText.clean(classed.text());
      }
    }
    if (title == null) {
      Element strong = leadingEmphasis(link);
      if (strong != null) {
        titleElement = strong;
        title = PageText.clean(strong.text());
      }
    }
    if (title == null) {
      Element part = leadingPart(link);
      if (part != null) {
        titleElement = part;
        title = PageText.clean(part.text());
      }
    }
    if (title == null) {
      title = titleOfLink(link);
      titleElement = title == null ? null : link;
    }
    if (title == null) {
      title = label(link);
    }
    if (title == null) {
      Element strong = leadingEmphasis(container);
      if (strong != null) {
        titleElement = strong;
        title = PageText.clean(strong.text());
      }
    }

    Element dateElement = null;
    FuzzyDate published = null;
    Element time =
        container.normalName().equals("time") ? container : container.selectFirst("time");
    if (time == null) {
      for (Element x : extras) {
        time = x.normalName().equals("time") ? x : x.selectFirst("time");
        if (time != null) {
          break;
        }
      }
    }
    if (time != null) {
      Optional<FuzzyDate> d = HumanDates.parse(time.attr("datetime"), contextYear);
      if (d.isEmpty()) {
        d = HumanDates.parse(time.text(), contextYear);
      }
      if (d.isPresent()) {
        published = d.get();
        dateElement = time;
      }
    }
    if (published == null) {
      FuzzyDate updated = null;
      Element updatedElement = null;
      int seen = 0;
      for (Element e : bounded(container, extras)) {
        if (++seen > MAX_ELEMENTS) {
          break;
        }
        String text = e.text();
        if (titleElement != null && (e == titleElement || isInside(e, titleElement))) {
          String own = PageText.clean(text);
          if (own == null || title == null || title.contains(own)) {
            continue;
          }
        }
        if (titleElement != null && title != null && isInside(titleElement, e)) {
          text = text.replace(title, " ");
        }
        if (text.length() > 80 || text.isBlank()) {
          continue;
        }
        Optional<FuzzyDate> d = HumanDates.published(text, contextYear);
        if (d.isEmpty() && HumanDates.mentionsUpdate(text)) {
          if (updated == null) {
            updated = HumanDates.parse(text, contextYear).orElse(null);
            updatedElement = e;
          }
          continue;
        }
        if (d.isEmpty() && text.length() <= 30) {
          d = attributeDate(e);
        }
        if (d.isPresent()) {
          published = d.get();
          dateElement = e;
          break;
        }
      }
      if (published == null && updated != null) {
        published = updated;
        dateElement = updatedElement;
      }
    }

    Element summaryElement = null;
    String summary = null;
    boolean classedSummary = false;
    int seen = 0;
    for (Element e : bounded(container, extras)) {
      if (++seen > MAX_ELEMENTS) {
        break;
      }
      if (titleElement != null && (isInside(titleElement, e) || isInside(e, titleElement))) {
        continue;
      }
      String text = PageText.clean(e.text());
      if (dateElement != null && isInside(dateElement, e)) {
        String date = PageText.clean(dateElement.text());
        String rest = withoutEdge(text, date);
        text =
            rest != null || text == null || date == null
                ? rest
                : PageText.clean(text.replace(date, " "));
      }
      if (text == null || text.length() < 15 || PageText.words(text) < 3) {
        continue;
      }
      if (text.equals(title) || PageText.isGeneric(text)) {
        continue;
      }
      if (text.length() <= 60 && HumanDates.parse(text).isPresent()) {
        continue;
      }
      boolean classed = SUMMARY_CLASS.matcher(e.className()).find();
      if (classedSummary && !classed) {
        continue;
      }
      if (summary == null || (classed && !classedSummary) || text.length() > summary.length()) {
        summary = text;
        summaryElement = e;
        classedSummary = classed;
      }
    }
    if (summaryElement != null) {
      Element inner = dominantChild(summaryElement, summary);
      if (inner != summaryElement) {
        summaryElement = inner;
        summary = PageText.clean(inner.text());
      }
    }
    if (summary == null && titleElement != null && titleElement != container) {
      String own = PageText.clean(container.ownText());
      if (own != null && own.length() >= 30) {
        summary = LEADING_MARKS.matcher(own).replaceFirst("");
      }
    }

    String author = null;
    seen = 0;
    for (Element e : bounded(container, extras)) {
      if (++seen > MAX_ELEMENTS) {
        break;
      }
      if (e.attr("rel").equalsIgnoreCase("author")
          || e.attr("itemprop").equalsIgnoreCase("author")
          || AUTHOR_CLASS.matcher(e.className()).find()) {
        String t = PageText.clean(e.text());
        if (t != null && t.length() <= 60) {
          author = t.replaceFirst("(?i)^by\\s+", "");
          break;
        }
      }
    }
    ParsedEntry entry = new ParsedEntry(null, url, title, author, published, null, summary, null);
    return new Read(entry, titleElement, dateElement, summaryElement);
  }

  /** The element's text without badges ("New", "Pinned") and screen-reader-only notes inside it. */
  private static String withoutBadges(Element e) {
    String all = PageText.clean(e.text());
    if (all == null || e.childrenSize() == 0) {
      return all;
    }
    Element badge = null;
    int seen = 0;
    for (Element c : e.getAllElements()) {
      if (++seen > 40) {
        break;
      }
      if (c != e && BADGE_CLASS.matcher(c.className()).find()) {
        badge = c;
        break;
      }
    }
    if (badge == null) {
      return all;
    }
    Element copy = e.clone();
    copy.getAllElements().stream()
        .filter(c -> c != copy && BADGE_CLASS.matcher(c.className()).find())
        .toList()
        .forEach(Element::remove);
    String t = PageText.clean(copy.text());
    return t == null ? all : t;
  }

  /**
   * A full date in an attribute of a short element ({@code <span title="2024-10-09">Oct 9</span>},
   * {@code <abbr title>}, {@code data-date}), for a visible date that lacks its year.
   */
  private static Optional<FuzzyDate> attributeDate(Element e) {
    for (String attr :
        new String[] {
          "datetime", "content", "title", "data-date", "data-published", "data-datetime"
        }) {
      String v = e.attr(attr);
      if (v.isEmpty() || v.length() > 60) {
        continue;
      }
      Optional<FuzzyDate> d = HumanDates.parse(v);
      if (d.isPresent() && d.get().precision().compareTo(FuzzyDate.Precision.DAY) >= 0) {
        return d;
      }
    }
    return Optional.empty();
  }

  /**
   * The first part of a link made of several parts that reads as a title: a short text of two words
   * or more, after any one-word label or date, followed by a longer text (a description).
   */
  private static Element leadingPart(Element link) {
    if (link == null) {
      return null;
    }
    Element cur = link;
    for (int depth = 0; depth < 6; depth++) {
      if (!cur.ownText().isBlank()) {
        return null;
      }
      List<Element> parts = new ArrayList<>();
      for (Element c : cur.children()) {
        if (PageText.clean(c.text()) != null) {
          parts.add(c);
        }
        if (parts.size() > 8) {
          return null;
        }
      }
      if (parts.isEmpty()) {
        return null;
      }
      if (parts.size() == 1) {
        cur = parts.get(0);
        continue;
      }
      for (int i = 0; i < parts.size(); i++) {
        Element p = parts.get(i);
        String t = PageText.clean(p.text());
        if (HumanDates.looksLikeDate(t) || PageText.words(t) < 2 || PageText.isGeneric(t)) {
          continue;
        }
        if (t.length() > 160
            || p.selectFirst("ul, ol, blockquote") != null
            || (p != cur && p.select("p").size() > 1)) {
          return null;
        }
        int rest = 0;
        for (int j = i + 1; j < parts.size(); j++) {
          rest += PageText.clean(parts.get(j).text()).length();
        }
        return rest >= Math.max(15, t.length()) ? p : null;
      }
      return null;
    }
    return null;
  }

  /** The text without {@code part} at its start or end (a date before or after a description). */
  private static String withoutEdge(String text, String part) {
    if (text == null || part == null) {
      return null;
    }
    if (text.startsWith(part)) {
      return PageText.clean(LEADING_MARKS.matcher(text.substring(part.length())).replaceFirst(""));
    }
    if (text.endsWith(part)) {
      return PageText.clean(
          TRAILING_MARKS
              .matcher(text.substring(0, text.length() - part.length()))
              .replaceFirst(""));
    }
    return null;
  }

  /**
   * The child carrying most of an element's text when the element has no text of its own (a
   * paragraph after a "Featured" label), else the element.
   */
  private static Element dominantChild(Element e, String text) {
    Element current = e;
    String currentText = text;
    for (int depth = 0; depth < 16 && currentText != null; depth++) {
      if (!current.ownText().isBlank()) {
        return current;
      }
      Element best = null;
      String bestText = null;
      for (Element c : current.children()) {
        String t = PageText.clean(c.text());
        if (t != null && (bestText == null || t.length() > bestText.length())) {
          best = c;
          bestText = t;
        }
      }
      if (best == null
          || bestText.length() < 15
          || bestText.length() < 0.6 * currentText.length()) {
        return current;
      }
      current = best;
      currentText = bestText;
    }
    return current;
  }

  /** The heading naming the post: the one holding or held by the link, else the most important. */
  private static Element headingOf(Element container, Element link) {
    if (PageText.tag(container, PageText.HEADING_TAGS)) {
      return container;
    }
    int depth = 0;
    for (Element e = link; e != null && e != container && depth < 64; e = e.parent(), depth++) {
      if (PageText.tag(e, PageText.HEADING_TAGS)) {
        return e;
      }
    }
    Element inside = link.selectFirst(HEADINGS);
    if (inside != null) {
      return inside;
    }
    String label = label(link);
    Element best = null;
    int bestLevel = 7;
    int count = 0;
    for (Element h : container.select(HEADINGS)) {
      if (++count > 20) {
        break;
      }
      String t = PageText.clean(h.text());
      if (t == null || HumanDates.looksLikeDate(t)) {
        continue;
      }
      if (label != null && label.equalsIgnoreCase(t)) {
        return h;
      }
      int level = h.normalName().charAt(1) - '0';
      if (level < bestLevel) {
        best = h;
        bestLevel = level;
      }
    }
    return best;
  }

  /** An element whose class names it the title ("post-card__title", "Hero_title__x1"). */
  private static Element titleClassed(Element container) {
    Element found = null;
    int seen = 0;
    for (Element e : bounded(container, List.of())) {
      if (++seen > MAX_ELEMENTS) {
        break;
      }
      if (e == container || !TITLE_CLASS.matcher(e.className()).find()) {
        continue;
      }
      if (found != null && !isInside(e, found)) {
        break;
      }
      String t = PageText.clean(e.text());
      if (t == null
          || t.length() > 200
          || PageText.isGeneric(t)
          || AUTHOR_CLASS.matcher(e.className()).find()
          || e.selectFirst("p, ul, ol, blockquote, time") != null) {
        continue;
      }
      if (HumanDates.looksLikeDate(t)) {
        continue;
      }
      found = e;
    }
    return found;
  }

  /**
   * A {@code <strong>} or {@code <b>} that starts the element's text and is followed by more of it
   * (a bold title above a description), or null.
   */
  private static Element leadingEmphasis(Element e) {
    if (e == null) {
      return null;
    }
    String all = PageText.clean(e.text());
    if (all == null) {
      return null;
    }
    Element strong = e.selectFirst("strong, b");
    if (strong == null) {
      return null;
    }
    String t = PageText.clean(strong.text());
    if (t == null
        || t.length() > 160
        || !all.startsWith(t)
        || all.length() < t.length() + 15
        || PageText.words(t) < 2
        || PageText.isGeneric(t)
        || HumanDates.looksLikeDate(t)) {
      return null;
    }
    return strong;
  }

  /** The link's text as a title, without a date written inside the link. */
  private static String titleOfLink(Element link) {
    if (link == null) {
      return null;
    }
    String all = PageText.clean(link.text());
    if (all == null || link.selectFirst("p, ul, li, blockquote") != null) {
      return PageText.titleFromLink(link);
    }
    List<String> dates = new ArrayList<>();
    int seen = 0;
    for (Element e : link.getAllElements()) {
      if (++seen > 50) {
        break;
      }
      if (e == link) {
        continue;
      }
      String text = PageText.clean(e.text());
      if (text != null && HumanDates.looksLikeDate(text)) {
        dates.add(text);
      }
    }
    String rest = all;
    for (String d : dates) {
      String r = withoutEdge(rest, d);
      if (r != null) {
        rest = r;
      }
    }
    if (rest.equals(all)) {
      return PageText.titleFromLink(link);
    }
    if (rest.length() < 2 || rest.length() > 160 || PageText.isGeneric(rest)) {
      return null;
    }
    return rest;
  }

  /** The link's aria-label or title attribute, without "Read more about" and the like. */
  static String label(Element link) {
    if (link == null) {
      return null;
    }
    for (String attr : new String[] {"aria-label", "title"}) {
      String t = PageText.clean(link.attr(attr));
      if (t == null) {
        continue;
      }
      t = LABEL_PREFIX.matcher(t).replaceFirst("");
      t = PageText.clean(t);
      if (t != null
          && !PageText.isGeneric(t)
          && t.length() <= 200
          && !t.toLowerCase(Locale.ROOT).startsWith("http")) {
        return t;
      }
    }
    return null;
  }

  /** True when {@code inner} is {@code outer} or lies inside it. */
  static boolean isInside(Element inner, Element outer) {
    int depth = 0;
    for (Element e = inner; e != null && depth < 512; e = e.parent(), depth++) {
      if (e == outer) {
        return true;
      }
    }
    return false;
  }
}
