package dev.chorus.web;

import java.util.List;

/**
 * The health of every source.
 *
 * @param siteTitle the planet's title
 * @param sources the sources
 * @param configError the last config reload error, or null
 * @param failing how many sources are failing
 */
public record SourcesPage(String siteTitle, List<SourceView> sources, String configError, long failing) {}
