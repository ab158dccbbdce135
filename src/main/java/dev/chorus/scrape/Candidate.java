package dev.chorus.scrape;

import java.util.List;

/** One group of repeated elements the detector considered as the post list, with its score. */
public record Candidate(String selector, double score, int count, List<String> sampleTitles) {
  public Candidate {
    sampleTitles = List.copyOf(sampleTitles);
  }
}
