package dev.chorus.scrape;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.model.FuzzyDate;
import dev.chorus.model.ParsedEntry;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Reads a single post's page for what a list page did not show: title, author, date, summary. */
@SuppressWarnings("ReferenceEquality") // jsoup Node.equals() is identity: == on elements is meant
public final class PostPageReader {

  private static final int MAX_HTML = 4_000_000;
  private static final String[] SUFFIX_SEPARATORS = {
    " | ", " – ", " — ", " - ", " · ", " :: ", " » "
  };

  private PostPageReader() {}

  /** What the page says about its post; fields it does not show are null. Never throws. */
  public static PostPage read(String html, String pageUrl) {
    if (html == null || html.isBlank()) {
      return new PostPage(null, null, null, null, null);
    }
    try {
      String source = html.length() > MAX_HTML ? html.substring(0, MAX_HTML) : html;
      return readOrThrow(Jsoup.parse(source, pageUrl == null ? "" : pageUrl), pageUrl);
    } catch (RuntimeException | StackOverflowError e) {
      return new PostPage(null, null, null, null, null);
    }
  }

  private static PostPage readOrThrow(Document doc, String pageUrl) {
    JsonNode post = null;
    for (JsonNode n : StructuredPosts.jsonLdObjects(doc)) {
      if (StructuredPosts.hasType(n, StructuredPosts.POST_TYPES)) {
        post = n;
        break;
      }
    }
    String ldTitle = null;
    String ldAuthor = null;
    FuzzyDate ldDate = null;
    String ldDescription = null;
    if (post != null) {
      ldTitle = PageText.clean(StructuredPosts.text(post, "headline"));
      if (ldTitle == null) {
        ldTitle = PageText.clean(StructuredPosts.text(post, "name"));
      }
      ldAuthor = StructuredPosts.author(post.get("author"));
      ldDate = date(StructuredPosts.text(post, "datePublished"));
      if (ldDate == null) {
        ldDate = date(StructuredPosts.text(post, "dateCreated"));
      }
      ldDescription = PageText.clean(StructuredPosts.text(post, "description"));
    }
    doc.select("script, style, noscript, template, svg").remove();

    String title = ldTitle != null ? ldTitle : title(doc);
    String author =
        firstNonNull(
            ldAuthor,
            meta(doc, "meta[name=author]"),
            meta(doc, "meta[property=article:author]"),
            textOf(
                doc.selectFirst(
                    "[rel=author], .p-author, [itemprop=author] [itemprop=name], .author-name, .byline .author")));
    if (author != null && author.startsWith("http")) {
      author = null;
    }
    FuzzyDate published = ldDate;
    if (published == null) {
      published =
          date(
              meta(
                  doc, "meta[property=article:published_time], meta[name=article:published_time]"));
    }
    if (published == null) {
      published =
          date(
              meta(
                  doc,
                  "meta[itemprop=datePublished], meta[name=date], meta[name=dc.date], meta[name=DC.date.issued], meta[name=pubdate]"));
    }
    if (published == null) {
      Element t = doc.selectFirst("[itemprop=datePublished], .dt-published, time[datetime]");
      if (t != null) {
        String v =
            t.hasAttr("datetime")
                ? t.attr("datetime")
                : t.hasAttr("content") ? t.attr("content") : t.text();
        published = date(v);
        if (published == null) {
          published = date(t.text());
        }
      }
    }
    if (published == null) {
      published = visibleDate(doc);
    }
    String summary =
        firstNonNull(
            ldDescription,
            meta(doc, "meta[name=description]"),
            meta(doc, "meta[property=og:description]"),
            meta(doc, "meta[name=twitter:description]"));
    String canonical = null;
    Element link = doc.selectFirst("link[rel=canonical][href]");
    if (link != null) {
      canonical = Addresses.resolve(pageUrl, link.attr("href"));
    }
    if (canonical == null) {
      canonical = Addresses.resolve(pageUrl, meta(doc, "meta[property=og:url]"));
    }
    return new PostPage(title, author, published, summary, canonical);
  }

  /** The first short text in the article (or page) that reads as a full date. */
  private static FuzzyDate visibleDate(Document doc) {
    Element scope = doc.selectFirst("article");
    if (scope == null) {
      scope = doc.selectFirst("main");
    }
    if (scope == null) {
      scope = doc.body();
    }
    if (scope == null) {
      return null;
    }
    Element root = scope;
    FuzzyDate updated = null;
    for (Element e : (Iterable<Element>) () -> root.stream().limit(5000).iterator()) {
      if (inChrome(e, root)) {
        continue;
      }
      String text = e.ownText();
      if (text.isBlank() || text.length() > 60) {
        continue;
      }
      Optional<FuzzyDate> d = HumanDates.published(text, null);
      if (d.isEmpty() && updated == null && HumanDates.mentionsUpdate(text)) {
        updated =
            HumanDates.parse(text)
                .filter(x -> x.precision().compareTo(FuzzyDate.Precision.MONTH) >= 0)
                .orElse(null);
      }
      if (d.isPresent() && d.get().precision().compareTo(FuzzyDate.Precision.MONTH) >= 0) {
        return d.get();
      }
    }
    return updated;
  }

  private static boolean inChrome(Element e, Element scope) {
    int depth = 0;
    for (Element p = e; p != null && p != scope && depth < 64; p = p.parent(), depth++) {
      if (p.is("nav, footer, aside")) {
        return true;
      }
    }
    return false;
  }

  private static String title(Document doc) {
    String raw =
        firstNonNull(
            meta(doc, "meta[property=og:title]"),
            meta(doc, "meta[name=twitter:title]"),
            PageText.clean(doc.title()));
    var h1s = doc.select("h1");
    if (raw != null) {
      for (Element h1 : h1s) {
        String h = PageText.clean(h1.text());
        if (h != null && (raw.equals(h) || raw.startsWith(h + " ") || raw.endsWith(" " + h))) {
          return h;
        }
      }
      String site = meta(doc, "meta[property=og:site_name]");
      if (site != null && !site.equals(raw)) {
        for (String sep : SUFFIX_SEPARATORS) {
          if (raw.startsWith(site + sep)) {
            return raw.substring(site.length() + sep.length()).trim();
          }
          if (raw.endsWith(sep + site)) {
            return raw.substring(0, raw.length() - site.length() - sep.length()).trim();
          }
        }
      }
      return stripSiteName(raw);
    }
    for (Element h1 : h1s) {
      String h = PageText.clean(h1.text());
      if (h != null) {
        return h;
      }
    }
    return null;
  }

  static String stripSiteName(String title) {
    int best = -1;
    for (String sep : SUFFIX_SEPARATORS) {
      int i = title.lastIndexOf(sep);
      if (i > best) {
        best = i;
      }
    }
    if (best <= 0) {
      return title;
    }
    String head = title.substring(0, best).trim();
    String tail = title.substring(best).replaceFirst("^\\s*\\S+\\s*", "").trim();
    if (head.isEmpty()
        || tail.isEmpty()
        || tail.length() > head.length()
        || PageText.words(tail) > 5) {
      return title;
    }
    return head;
  }

  private static FuzzyDate date(String text) {
    return text == null || text.isBlank() ? null : HumanDates.parse(text).orElse(null);
  }

  private static String meta(Document doc, String selector) {
    Element m = doc.selectFirst(selector);
    return m == null ? null : PageText.clean(m.attr("content"));
  }

  private static String textOf(Element e) {
    return e == null ? null : PageText.clean(e.text());
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /**
   * True when the list left out the title, date, author or summary, or showed a date coarser than a
   * day.
   */
  public static boolean needsPostPage(ParsedEntry fromList) {
    if (fromList == null) {
      return false;
    }
    return fromList.title() == null
        || fromList.published() == null
        || fromList.author() == null
        || fromList.summaryHtml() == null
        || fromList.published().precision().compareTo(FuzzyDate.Precision.DAY) < 0;
  }

  /**
   * The list's entry with its gaps filled from the post page. The list wins for title and summary;
   * a finer page date replaces the list's date only when it agrees with it.
   */
  public static ParsedEntry fillGaps(ParsedEntry fromList, PostPage page) {
    if (fromList == null || page == null) {
      return fromList;
    }
    ParsedEntry e = fromList;
    if (e.title() == null && page.title() != null) {
      e = e.withTitle(page.title());
    }
    if (e.summaryHtml() == null && page.summary() != null) {
      e = e.withSummaryHtml(page.summary());
    }
    if (e.author() == null && page.author() != null) {
      e = e.withAuthor(page.author());
    }
    FuzzyDate listDate = e.published();
    FuzzyDate pageDate = page.published();
    if (pageDate != null) {
      if (listDate == null) {
        e = e.withPublished(pageDate);
      } else if (pageDate.precision().compareTo(listDate.precision()) > 0
          && pageDate.iso().startsWith(listDate.iso())) {
        e = e.withPublished(pageDate);
      }
    }
    if (e.url() == null && page.canonicalUrl() != null) {
      e = e.withUrl(page.canonicalUrl());
    }
    return e;
  }
}
