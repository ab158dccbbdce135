package dev.chorus.scrape;

import dev.chorus.model.FuzzyDate;
import dev.chorus.model.ParsedEntry;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Picks posts out of a list page with user-written CSS selectors. */
public final class SelectorScraper {

  private static final int MAX_ITEMS = 1000;

  private SelectorScraper() {}

  /**
   * The posts the rule selects, in page order, one per URL. Title, link, date and summary selectors
   * are relative to each item; returns no posts on bad selectors or input.
   */
  public static List<ParsedEntry> apply(ScrapeRule rule, String html, String pageUrl) {
    if (rule == null || rule.item() == null || rule.item().isBlank() || html == null) {
      return List.of();
    }
    try {
      Document doc = Jsoup.parse(html, pageUrl == null ? "" : pageUrl);
      Element baseEl = doc.selectFirst("base[href]");
      String base = pageUrl;
      if (baseEl != null && Addresses.resolve(pageUrl, baseEl.attr("href")) != null) {
        base = Addresses.resolve(pageUrl, baseEl.attr("href"));
      }
      Map<String, ParsedEntry> posts = new LinkedHashMap<>();
      for (Element item : doc.select(rule.item())) {
        if (posts.size() >= MAX_ITEMS) {
          break;
        }
        ParsedEntry e = read(rule, item, base);
        if (e != null && e.url() != null) {
          posts.putIfAbsent(Addresses.key(e.url()), e);
        }
      }
      return List.copyOf(posts.values());
    } catch (RuntimeException | StackOverflowError e) {
      return List.of();
    }
  }

  private static ParsedEntry read(ScrapeRule rule, Element item, String base) {
    Element link = blank(rule.link()) ? null : item.selectFirst(rule.link());
    if (link == null) {
      link = item.is("a[href]") ? item : item.selectFirst("a[href]");
    }
    if (link == null) {
      return null;
    }
    String url = Addresses.resolve(base, link.attr("href"));
    String title;
    if (blank(rule.title())) {
      title = PageText.titleFromLink(link);
    } else {
      Element t = item.selectFirst(rule.title());
      title = t == null ? PageText.titleFromLink(link) : PageText.clean(t.text());
    }
    FuzzyDate published = null;
    if (!blank(rule.date())) {
      Element d = item.is(rule.date()) ? item : item.selectFirst(rule.date());
      if (d != null) {
        published = date(d, rule.dateFormat());
      }
    }
    String summary = null;
    if (!blank(rule.summary())) {
      Element s = item.selectFirst(rule.summary());
      summary = s == null ? null : PageText.clean(s.text());
    }
    return new ParsedEntry(null, url, title, null, published, null, summary, null);
  }

  private static FuzzyDate date(Element d, String format) {
    String text = PageText.clean(d.text());
    String attr =
        d.hasAttr("datetime")
            ? d.attr("datetime")
            : d.hasAttr("content") ? d.attr("content") : null;
    if (!blank(format) && text != null) {
      FuzzyDate f = formatted(text, format);
      if (f != null) {
        return f;
      }
    }
    if (attr != null) {
      var parsed = HumanDates.parse(attr);
      if (parsed.isPresent()) {
        return parsed.get();
      }
    }
    return HumanDates.parse(text).orElse(null);
  }

  private static FuzzyDate formatted(String text, String pattern) {
    try {
      DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH);
      TemporalAccessor t = f.parse(text);
      try {
        return FuzzyDate.ofInstant(LocalDateTime.from(t).toInstant(ZoneOffset.UTC));
      } catch (RuntimeException notDateTime) {
        // fall through to coarser forms
      }
      try {
        LocalDate d = LocalDate.from(t);
        return FuzzyDate.ofDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
      } catch (RuntimeException notDate) {
        // fall through
      }
      YearMonth ym = YearMonth.from(t);
      return FuzzyDate.ofMonth(ym.getYear(), ym.getMonthValue());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
