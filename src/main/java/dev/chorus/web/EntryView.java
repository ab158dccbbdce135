package dev.chorus.web;

import java.util.List;

/**
 * One entry as the reading page shows it.
 *
 * @param id the entry id (for its own page)
 * @param title the title, or a stand-in from the summary
 * @param url the original post (safe http(s)) or null
 * @param author the author or the source's name
 * @param sourceId the source's id
 * @param sourceName the source's name
 * @param tags the source's tags
 * @param datetime the machine-readable date for {@code <time datetime>}
 * @param dateLabel the date in words ("3 hours ago", "9 Oct 2024", "2024")
 * @param dateTitle the full date and time, for a tooltip
 * @param undated true when the post has no date and is placed by when it was first seen
 * @param summary the plain-text summary, or null
 * @param readingMinutes estimated reading time, or 0 when unknown
 * @param initial the letter shown as the source's avatar
 * @param hue which of the avatar colours (0–7) the source gets
 * @param titleMarked the title with search matches marked, or null outside search
 * @param snippet the text around the search matches, or null outside search
 */
public record EntryView(
    long id,
    String title,
    String url,
    String author,
    String sourceId,
    String sourceName,
    List<String> tags,
    String datetime,
    String dateLabel,
    String dateTitle,
    boolean undated,
    String summary,
    int readingMinutes,
    String initial,
    int hue,
    Highlight titleMarked,
    Highlight snippet) {}
