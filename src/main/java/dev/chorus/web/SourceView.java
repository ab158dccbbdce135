package dev.chorus.web;

import java.util.List;

/**
 * One source's health on the sources page.
 *
 * @param id the id
 * @param name the name
 * @param url the blog's page
 * @param feedUrl the feed in use, or null
 * @param path how posts are read, in words
 * @param status ok, failing, gone or pending
 * @param statusLabel the status in words
 * @param lastSuccess when it last worked, in words
 * @param lastSuccessAt when it last worked (RFC 3339), or null when never
 * @param lastError the last error in plain words, or null
 * @param failures consecutive failures
 * @param nextPoll when it is due, in words
 * @param polling how often it is polled and by which rule, in words
 * @param entries entries stored
 * @param perWeek posts per week over the last weeks, in words
 * @param tags the source's tags
 */
public record SourceView(
    String id,
    String name,
    String url,
    String feedUrl,
    String path,
    String status,
    String statusLabel,
    String lastSuccess,
    String lastSuccessAt,
    String lastError,
    int failures,
    String nextPoll,
    String polling,
    long entries,
    String perWeek,
    List<String> tags) {}
