package dev.chorus.refresh;

/**
 * What one refresh of a source did.
 *
 * @param sourceId the source
 * @param outcome ok, not-modified, error or gone
 * @param path how the posts were read: feed, discovered, scraped or selectors (null on failure)
 * @param inserted new entries stored
 * @param updated changed entries updated
 * @param seen entries the document held
 * @param error the error in plain words, or null
 * @param durationMs how long it took
 */
public record RefreshReport(
    String sourceId,
    String outcome,
    String path,
    int inserted,
    int updated,
    int seen,
    String error,
    long durationMs) {

  public boolean failed() {
    return error != null;
  }

  /** One line for the {@code poll} command. */
  public String line() {
    String head = String.format("%-20s %-13s", sourceId, outcome);
    if (error != null) {
      return head + " " + error;
    }
    if (outcome.equals("not-modified")) {
      return head + " unchanged (" + durationMs + " ms)";
    }
    return head
        + String.format(
            " %s: %d entries, %d new, %d updated (%d ms)",
            path, seen, inserted, updated, durationMs);
  }
}
