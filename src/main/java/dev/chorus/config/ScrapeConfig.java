package dev.chorus.config;

/**
 * CSS selectors that override automatic post-list detection for one source.
 *
 * @param item each post's container
 * @param title the title inside the container, or null
 * @param link the link inside the container, or null (the first link)
 * @param date the date inside the container, or null
 * @param summary the summary inside the container, or null
 * @param dateFormat a {@link java.time.format.DateTimeFormatter} pattern, or null
 */
public record ScrapeConfig(
    String item, String title, String link, String date, String summary, String dateFormat) {}
