package dev.chorus.scrape;

import dev.chorus.model.FuzzyDate;

/** What a single post's page says about the post; every field may be null. */
public record PostPage(
    String title, String author, FuzzyDate published, String summary, String canonicalUrl) {}
