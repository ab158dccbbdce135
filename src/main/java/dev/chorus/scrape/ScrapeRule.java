package dev.chorus.scrape;

/**
 * CSS selectors that pick posts out of a list page; all but {@code item} are relative to each item
 * and may be null.
 *
 * @param item selects one element per post
 * @param title the post's title inside the item, or null for the link text (also used when the
 *     title selector finds nothing in an item)
 * @param link the post's link inside the item, or null for the first {@code a[href]}
 * @param date the element showing the date, or null
 * @param summary the element showing the summary, or null
 * @param dateFormat a {@link java.time.format.DateTimeFormatter} pattern for the date, or null
 */
public record ScrapeRule(
    String item, String title, String link, String date, String summary, String dateFormat) {}
