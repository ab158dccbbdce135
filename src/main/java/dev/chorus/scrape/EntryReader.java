package dev.chorus.scrape;

import dev.chorus.model.FuzzyDate;
import dev.chorus.model.ParsedEntry;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/** Reads one post's title, date, summary and author out of its container on a list page. */
final class EntryReader {

  private static final String HEADINGS = "h1, h2, h3, h4, h5, h6";
  private static final Pattern AUTHOR_CLASS =
      Pattern.compile("(?i)(^|[\\s_-])(author|byline|p-author)([\\s_-]|$)");
  private static final int MAX_ELEMENTS = 400;

  /** What was read, with the elements it came from (for building selectors). */
  record Read(
      ParsedEntry entry, Element titleElement, Element dateElement, Element summaryElement) {}

  private EntryReader() {}

  private static Iterable<Element> bounded(Element container) {
    return () -> container.stream().limit(MAX_ELEMENTS).iterator();
  }

  static Read read(Element container, Element link, String url, Integer contextYear) {
    Element heading = headingOf(container, link);
    if (heading != null && PageText.clean(heading.text()) == null) {
      heading = null;
    }
    String title;
    Element titleElement;
    if (heading != null) {
      title = PageText.clean(heading.text());
      titleElement = heading;
    } else {
      title = PageText.titleFromLink(link);
      titleElement = title == null ? null : link;
    }

    Element dateElement = null;
    FuzzyDate published = null;
    Element time = container.is("time") ? container : container.selectFirst("time");
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
      int seen = 0;
      for (Element e : bounded(container)) {
        if (++seen > MAX_ELEMENTS) {
          break;
        }
        if (titleElement != null && (e == titleElement || isInside(e, titleElement))) {
          continue;
        }
        String text = e.text();
        if (titleElement != null && title != null && isInside(titleElement, e)) {
          text = text.replace(title, " ");
        }
        if (text.length() > 80 || text.isBlank()) {
          continue;
        }
        Optional<FuzzyDate> d = HumanDates.parse(text, contextYear);
        if (d.isPresent()) {
          published = d.get();
          dateElement = e;
          break;
        }
      }
    }

    Element summaryElement = null;
    String summary = null;
    int seen = 0;
    for (Element e : bounded(container)) {
      if (++seen > MAX_ELEMENTS) {
        break;
      }
      if (titleElement != null && (isInside(titleElement, e) || isInside(e, titleElement))) {
        continue;
      }
      if (dateElement != null && isInside(dateElement, e)) {
        continue;
      }
      String text = PageText.clean(e.text());
      if (text == null || text.length() < 15 || PageText.words(text) < 3) {
        continue;
      }
      if (text.equals(title) || PageText.isGeneric(text)) {
        continue;
      }
      if (text.length() <= 60 && HumanDates.parse(text).isPresent()) {
        continue;
      }
      if (summary == null || text.length() > summary.length()) {
        summary = text;
        summaryElement = e;
      }
    }
    if (summary == null && titleElement != null && titleElement != container) {
      String own = PageText.clean(container.ownText());
      if (own != null && own.length() >= 30) {
        summary = own.replaceFirst("^[\\s\\-–—:·|]+", "");
      }
    }

    String author = null;
    seen = 0;
    for (Element e : bounded(container)) {
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

  /** The heading naming the post: the one holding or held by the link, else the first. */
  private static Element headingOf(Element container, Element link) {
    if (container.is(HEADINGS)) {
      return container;
    }
    int depth = 0;
    for (Element e = link; e != null && e != container && depth < 64; e = e.parent(), depth++) {
      if (e.is(HEADINGS)) {
        return e;
      }
    }
    Element inside = link.selectFirst(HEADINGS);
    return inside != null ? inside : container.selectFirst(HEADINGS);
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
