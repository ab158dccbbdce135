package dev.chorus.store;

import java.time.Instant;

/**
 * How one refresh of a source went, saved with the entries it produced.
 *
 * @param startedAt when the refresh started
 * @param durationMs how long it took
 * @param path how posts were read: feed, discovered, scraped, selectors
 * @param feedUrl the feed in use, or null
 * @param etag the new validator (saved with the entries it covers), or null
 * @param lastModified the new validator, or null
 * @param status the HTTP status, or 0
 * @param nextPollAt when the source is due next
 * @param discovered true when feed discovery ran during this refresh
 */
public record FetchOutcome(
    Instant startedAt,
    long durationMs,
    String path,
    String feedUrl,
    String etag,
    String lastModified,
    int status,
    Instant nextPollAt,
    boolean discovered) {}
