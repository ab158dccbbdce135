package dev.chorus.refresh;

import dev.chorus.clean.HtmlCleaner;
import dev.chorus.clean.PlainText;
import dev.chorus.clean.Urls;
import dev.chorus.model.ParsedEntry;
import dev.chorus.store.NewEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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

  /**
   * Cleaned entries in document order. Identity is the guid, else the link, else a hash of the
   * text; a guid that several posts of one document share is told apart by each post's link, and of
   * several posts with one identity the first wins.
   */
  List<NewEntry> clean(List<ParsedEntry> raw, String baseUrl) {
    List<NewEntry> cleaned = new ArrayList<>();
    Map<String, Integer> guidCount = new HashMap<>();
    for (ParsedEntry e : raw) {
      NewEntry n = clean(e, baseUrl);
      if (n != null) {
        cleaned.add(n);
        if (n.entry().guid() != null) {
          guidCount.merge(n.entry().guid(), 1, Integer::sum);
        }
      }
    }
    List<NewEntry> out = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (NewEntry n : cleaned) {
      String guid = n.entry().guid();
      if (guid != null && guidCount.get(guid) > 1) {
        // a guid shared by distinct posts (a publisher bug) identifies none of them alone
        String tail = n.urlKey() != null ? "u:" + n.urlKey() : textKey(n.entry());
        n = new NewEntry("g:" + guid + " " + tail, n.urlKey(), n.entry());
      }
      if (keys.add(n.key())) {
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
    String title = PlainText.of(e.title(), MAX_TITLE);
    String summarySource = e.summaryHtml() != null ? e.summaryHtml() : e.contentHtml();
    String summary = PlainText.of(cap(summarySource), MAX_SUMMARY);
    String contentSource = e.contentHtml() != null ? e.contentHtml() : htmlOrNull(e.summaryHtml());
    String content =
        contentSource == null ? null : sanitized(contentSource, url != null ? url : baseUrl);
    String author = PlainText.of(e.author(), MAX_AUTHOR);
    if (title != null && title.isBlank()) {
      title = null;
    }
    if (summary != null && summary.isBlank()) {
      summary = null;
    }
    String urlKey = url == null ? null : Urls.normalize(url);
    ParsedEntry cleaned =
        new ParsedEntry(
            guid, url, title, blankToNull(author), e.published(), e.updated(), summary, content);
    if (guid == null && url == null && title == null && summary == null && content == null) {
      return null;
    }
    String key = guid != null ? "g:" + guid : urlKey != null ? "u:" + urlKey : textKey(cleaned);
    return new NewEntry(key, urlKey, cleaned);
  }

  /** Identity of a post with neither guid nor link: a digest of its cleaned text. */
  private static String textKey(ParsedEntry e) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String field :
          new String[] {e.title(), e.contentHtml() != null ? e.contentHtml() : e.summaryHtml()}) {
        md.update(String.valueOf(field).getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return "h:" + HexFormat.of().formatHex(md.digest(), 0, 16);
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
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
