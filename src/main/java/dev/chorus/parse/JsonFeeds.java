package dev.chorus.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.model.FuzzyDate;
import dev.chorus.model.ParsedEntry;
import dev.chorus.model.ParsedFeed;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads JSON Feed 1.0 and 1.1 documents. */
final class JsonFeeds {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonFeeds() {}

  static ParsedFeed read(String json, String feedUrl) throws FeedParseException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new FeedParseException("JSON error" + where + ": " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new FeedParseException("not a feed: JSON without an object at the top", null);
    }
    String version = text(root, "version");
    if (version == null || !version.contains("jsonfeed.org/version/")) {
      throw new FeedParseException("not a feed: JSON without a jsonfeed version", null);
    }
    String base = feedUrl;
    String selfUrl = text(root, "feed_url");
    if (base == null && selfUrl != null) {
      base = selfUrl;
    }
    String title = FeedText.plain(text(root, "title"), false);
    String home = FeedText.resolve(base, text(root, "home_page_url"));
    String feedAuthor = author(root);
    List<ParsedEntry> entries = new ArrayList<>();
    JsonNode items = root.get("items");
    if (items != null && items.isArray()) {
      for (JsonNode item : items) {
        try {
          if (item.isObject()) {
            entries.add(entry(item, base, feedAuthor));
          }
        } catch (RuntimeException e) {
          // one bad item must not lose the rest of the feed
        }
      }
    }
    return new ParsedFeed(title, home, entries, null);
  }

  private static ParsedEntry entry(JsonNode item, String base, String feedAuthor) {
    String id = text(item, "id");
    String link = text(item, "url");
    if (link == null) {
      link = text(item, "external_url");
    }
    String url = FeedText.resolve(base, link);
    String title = FeedText.plain(text(item, "title"), false);
    String content = text(item, "content_html");
    if (content == null && text(item, "content_text") != null) {
      content = FeedText.escapeHtml(text(item, "content_text"));
    }
    String summary = text(item, "summary");
    summary = summary == null ? null : FeedText.escapeHtml(summary);
    Instant published = instant(text(item, "date_published"));
    Instant updated = instant(text(item, "date_modified"));
    String author = author(item);
    return new ParsedEntry(
        id,
        url,
        title,
        author != null ? author : feedAuthor,
        published == null ? null : FuzzyDate.ofInstant(published),
        updated,
        summary,
        content);
  }

  private static String author(JsonNode node) {
    JsonNode authors = node.get("authors");
    if (authors != null && authors.isArray()) {
      for (JsonNode a : authors) {
        String name = text(a, "name");
        if (name != null) {
          return FeedText.plain(name, false);
        }
      }
    }
    JsonNode a = node.get("author");
    return a != null && a.isObject() ? FeedText.plain(text(a, "name"), false) : null;
  }

  private static Instant instant(String s) {
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s.trim()).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(s.trim());
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String t = v.asText();
    return t.isBlank() ? null : t;
  }
}
