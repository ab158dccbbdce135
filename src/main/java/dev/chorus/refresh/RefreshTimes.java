package dev.chorus.refresh;

import java.util.concurrent.atomic.LongAdder;

/**
 * Time spent in each refresh step, summed over all refreshes (threads overlap, so sums exceed wall
 * time).
 */
public final class RefreshTimes {
  final LongAdder fetch = new LongAdder();
  final LongAdder parse = new LongAdder();
  final LongAdder clean = new LongAdder();
  final LongAdder store = new LongAdder();

  /**
   * The sums so far, in nanoseconds.
   *
   * @param fetchNanos fetching, including waits for a connection slot
   * @param parseNanos parsing feed documents
   * @param cleanNanos cleaning entries (sanitising HTML, plain text, identity)
   * @param storeNanos writing to the database, including waits for the writer
   */
  public record Snapshot(long fetchNanos, long parseNanos, long cleanNanos, long storeNanos) {}

  public Snapshot snapshot() {
    return new Snapshot(fetch.sum(), parse.sum(), clean.sum(), store.sum());
  }
}
