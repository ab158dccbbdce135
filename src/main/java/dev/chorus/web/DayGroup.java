package dev.chorus.web;

import java.util.List;

/** Entries of one day (or one month or year, for coarse dates) under a heading. */
public record DayGroup(String label, List<EntryView> entries) {}
