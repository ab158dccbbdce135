package dev.chorus.model;

import java.time.Instant;

/**
 * What Chorus knows about one source's fetching.
 *
 * @param id the source id
 * @param name display name
 * @param url the blog's page
 * @param feedUrl the feed in use (declared or discovered), or null when scraped
 * @param path how the posts are read: feed, discovered, scraped, selectors; null before the first
 *     success
 * @param etag validator of the last successful fetch
 * @param lastModified validator of the last successful fetch
 * @param lastFetchAt when it was last fetched
 * @param lastSuccessAt when a fetch last succeeded
 * @param lastError the last error in plain words, null after a success
 * @param consecutiveFailures failures since the last success
 * @param nextPollAt when it is due next
 * @param gone true after a 410: polling stopped
 * @param entryCount entries stored
 * @param discoveredAt when feed discovery last ran for it
 */
public record SourceState(
    String id,
    String name,
    String url,
    String feedUrl,
    String path,
    String etag,
    String lastModified,
    Instant lastFetchAt,
    Instant lastSuccessAt,
    String lastError,
    int consecutiveFailures,
    Instant nextPollAt,
    boolean gone,
    long entryCount,
    Instant discoveredAt) {}
