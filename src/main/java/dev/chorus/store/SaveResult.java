package dev.chorus.store;

/** Counts of what one save changed. */
public record SaveResult(int inserted, int updated, int unchanged) {}
