package dev.chorus.schedule;

import dev.chorus.store.SearchIndex;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the search index caught up while Chorus serves: whenever the database changed (a poll here,
 * or {@code chorus poll} in another process), the queued entries are indexed a batch per
 * transaction, so a poll's writes never wait long behind it.
 */
public final class SearchIndexer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);

  private final SearchIndex index;
  private final LongSupplier dataVersion;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "search-indexer");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
          });
  private long seenVersion = Long.MIN_VALUE;

  /**
   * @param dataVersion a number that changes with every commit to the database
   */
  public SearchIndexer(SearchIndex index, LongSupplier dataVersion) {
    this.index = index;
    this.dataVersion = dataVersion;
  }

  /** Looks for queued entries every {@code millis} milliseconds, and right away. */
  public void start(long millis) {
    // run() catches and logs its own failures, so the future would have nothing to tell
    ScheduledFuture<?> unused =
        timer.scheduleWithFixedDelay(this::run, 0, millis, TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      long version = dataVersion.getAsLong();
      if (version == seenVersion) {
        return;
      }
      long total = 0;
      long start = System.nanoTime();
      for (int n; (n = index.indexPending(SearchIndex.BATCH)) > 0; ) {
        total += n;
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
      if (total == 0) {
        seenVersion = version; // else our own commits changed it: look once more next time
      } else {
        log.info(
            "search index: {} entries indexed in {} ms",
            total,
            (System.nanoTime() - start) / 1_000_000);
      }
    } catch (RuntimeException e) { // a StoreException, or a bug: the next look tries again
      log.warn("search index: indexing failed, trying again later: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
