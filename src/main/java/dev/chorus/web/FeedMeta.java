package dev.chorus.web;

import java.time.Instant;

/**
 * What a merged feed says about itself.
 *
 * @param title the feed's title
 * @param selfUrl the feed's own absolute URL
 * @param homeUrl the page it mirrors
 * @param updated the newest change among its entries (or now when it is empty)
 */
record FeedMeta(String title, String selfUrl, String homeUrl, Instant updated) {}
