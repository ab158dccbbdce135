package dev.chorus.refresh;

import dev.chorus.clean.HtmlCleaner;
import dev.chorus.clean.PlainText;
import dev.chorus.clean.Urls;
import dev.chorus.model.ParsedEntry;
import dev.chorus.store.NewEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns parsed entries into storable ones: safe links, plain text, sanitised HTML, identity. */
final class EntryCleaner {
  static final int MAX_TITLE = 300;
  static final int MAX_SUMMARY = 600;
  static final int MAX_AUTHOR = 200;
  static final int MAX_GUID = 1000;
  static final int MAX_RAW_HTML = 1 << 20;
  static final int MAX_CONTENT = 512 * 1024;

  private final HtmlCleaner cleaner;

  EntryCleaner(HtmlCleaner cleaner) {
    this.cleaner = cleaner;
  }

  /** Cleaned entries in document order; the first of several with one identity wins. */
  List<NewEntry> clean(List<ParsedEntry> raw, String baseUrl) {
    List<NewEntry> out = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (ParsedEntry e : raw) {
      NewEntry n = clean(e, baseUrl);
      if (n != null && keys.add(n.key()) && (n.urlKey() == null || keys.add("url " + n.urlKey()))) {
        out.add(n);
      }
    }
    return out;
  }

  private NewEntry clean(ParsedEntry e, String baseUrl) {
    String url = e.url() == null ? null : Urls.safeHttpUrl(e.url().strip(), baseUrl);
    String guid = e.guid() == null || e.guid().isBlank() ? null : e.guid().strip();
    if (guid != null && guid.length() > MAX_GUID) {
      guid = guid.substring(0, MAX_GUID);
    }
    if (url == null && guid == null) {
      return null;
    }
    String title = PlainText.of(e.title(), MAX_TITLE);
    String summarySource = e.summaryHtml() != null ? e.summaryHtml() : e.contentHtml();
    String summary = PlainText.of(cap(summarySource), MAX_SUMMARY);
    String contentSource = e.contentHtml() != null ? e.contentHtml() : htmlOrNull(e.summaryHtml());
    String content = contentSource == null ? null : sanitized(contentSource, url != null ? url : baseUrl);
    String author = PlainText.of(e.author(), MAX_AUTHOR);
    if (title != null && title.isBlank()) {
      title = null;
    }
    if (summary != null && summary.isBlank()) {
      summary = null;
    }
    String urlKey = url == null ? null : Urls.normalize(url);
    String key = guid != null ? "g:" + guid : "u:" + urlKey;
    ParsedEntry cleaned =
        new ParsedEntry(guid, url, title, blankToNull(author), e.published(), e.updated(), summary, content);
    return new NewEntry(key, urlKey, cleaned);
  }

  private String sanitized(String html, String base) {
    String safe = cleaner.sanitize(cap(html), base);
    if (safe.length() > MAX_CONTENT) {
      safe = cleaner.sanitize(safe.substring(0, MAX_CONTENT), base);
    }
    return safe.isBlank() ? null : safe;
  }

  private static String cap(String s) {
    return s == null || s.length() <= MAX_RAW_HTML ? s : s.substring(0, MAX_RAW_HTML);
  }

  private static String htmlOrNull(String s) {
    return s != null && s.indexOf('<') >= 0 ? s : null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
