package dev.chorus.model;

import java.time.Instant;

/**
 * One post as read from a feed or a page, before cleaning. HTML fields are untrusted.
 *
 * @param guid the feed's id/guid for the post, or null (then the link identifies it)
 * @param url the post's absolute link, or null
 * @param title plain-text title, or null
 * @param author the author's name, or null
 * @param published when it was published, as precisely as known, or null
 * @param updated when it was last updated, or null
 * @param summaryHtml a short summary or description (may hold HTML), or null
 * @param contentHtml the full content (HTML), or null
 */
public record ParsedEntry(
    String guid,
    String url,
    String title,
    String author,
    FuzzyDate published,
    Instant updated,
    String summaryHtml,
    String contentHtml) {

  public ParsedEntry withUrl(String newUrl) {
    return new ParsedEntry(
        guid, newUrl, title, author, published, updated, summaryHtml, contentHtml);
  }

  public ParsedEntry withTitle(String newTitle) {
    return new ParsedEntry(
        guid, url, newTitle, author, published, updated, summaryHtml, contentHtml);
  }

  public ParsedEntry withAuthor(String newAuthor) {
    return new ParsedEntry(
        guid, url, title, newAuthor, published, updated, summaryHtml, contentHtml);
  }

  public ParsedEntry withPublished(FuzzyDate newPublished) {
    return new ParsedEntry(
        guid, url, title, author, newPublished, updated, summaryHtml, contentHtml);
  }

  public ParsedEntry withSummaryHtml(String newSummary) {
    return new ParsedEntry(guid, url, title, author, published, updated, newSummary, contentHtml);
  }

  public ParsedEntry withContentHtml(String newContent) {
    return new ParsedEntry(guid, url, title, author, published, updated, summaryHtml, newContent);
  }
}
