package dev.chorus.web;

import java.util.List;

/**
 * The health of every source, problems first.
 *
 * @param siteTitle the planet's title
 * @param sources the sources: failing, gone, not yet polled, then healthy, each in file order
 * @param configError the last config reload error, or null
 * @param ok how many sources are healthy
 * @param failing how many sources are failing or gone
 * @param pending how many sources have not been polled yet
 */
public record SourcesPage(
    String siteTitle,
    List<SourceView> sources,
    String configError,
    long ok,
    long failing,
    long pending) {}
