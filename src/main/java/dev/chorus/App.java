package dev.chorus;

import dev.chorus.clean.PlainText;
import dev.chorus.config.Config;
import dev.chorus.config.FetchSettings;
import dev.chorus.config.SourceConfig;
import dev.chorus.fetch.FetchPolicy;
import dev.chorus.fetch.Fetcher;
import dev.chorus.refresh.RefreshReport;
import dev.chorus.refresh.RefreshTimes;
import dev.chorus.refresh.SourceRefresher;
import dev.chorus.schedule.ConfigWatcher;
import dev.chorus.schedule.PollScheduler;
import dev.chorus.schedule.SearchIndexer;
import dev.chorus.store.Database;
import dev.chorus.store.EntryStore;
import dev.chorus.store.SearchIndex;
import dev.chorus.web.WebServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires Chorus together by hand, in the order the pipeline runs. */
public final class App implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(App.class);
  private final AtomicReference<Config> config;
  private final Clock clock;
  private final Database db;
  private final EntryStore store;
  private final SearchIndex search;
  private final Fetcher fetcher;
  private final SourceRefresher refresher;
  private PollScheduler scheduler;
  private ConfigWatcher watcher;
  private SearchIndexer indexer;
  private WebServer web;
  private ThreadPoolExecutor pollThreads;
  private static final Duration POLL_THREADS_IDLE = Duration.ofMinutes(1);

  public App(Config config, Clock clock) {
    this.config = new AtomicReference<>(config);
    this.clock = clock;
    this.db = Database.open(config.database());
    this.store = new EntryStore(db, clock);
    this.search = new SearchIndex(db, PlainText::ofSanitized);
    this.fetcher = new Fetcher(policy(config.fetch()));
    this.refresher = new SourceRefresher(fetcher, store, clock);
    syncSources(config);
  }

  static FetchPolicy policy(FetchSettings f) {
    FetchPolicy d = FetchPolicy.defaults(f.allowPrivateNetworks());
    return new FetchPolicy(
        f.maxBytes(),
        f.timeout(),
        f.maxRedirects(),
        f.allowPrivateNetworks(),
        d.userAgent(),
        d.maxPerHost(),
        d.maxTotal());
  }

  public Config config() {
    return config.get();
  }

  public EntryStore store() {
    return store;
  }

  /**
   * The full-text index. Polls only queue what they store; {@link #serve} indexes it in the
   * background, and {@link SearchIndex#catchUp} does it at once.
   */
  public SearchIndex search() {
    return search;
  }

  /** Time the refreshes spent per step so far (fetch, parse, clean, store). */
  public RefreshTimes refreshTimes() {
    return refresher.times();
  }

  private void syncSources(Config cfg) {
    Set<String> ids = new HashSet<>();
    for (SourceConfig s : cfg.sources()) {
      store.upsertSource(s.id(), s.name(), s.url(), s.feed());
      ids.add(s.id());
    }
    store.keepOnlyActive(ids);
  }

  /**
   * Refreshes every source once, a few at a time, and returns one report per source. The threads
   * stay for the next call (for a minute when idle), as the scheduler's do in {@link #serve}:
   * starting 256 threads takes 0.2-0.4 s under load, a fifth of a poll that only meets 304s.
   */
  public List<RefreshReport> pollAll(int parallelism) {
    List<SourceConfig> sources = config.get().sources();
    List<FutureTask<RefreshReport>> jobs = new ArrayList<>();
    for (SourceConfig s : sources) {
      jobs.add(new FutureTask<>(() -> refresher.refresh(s)));
    }
    startPolls(Math.max(1, Math.min(parallelism, sources.size())), jobs);
    try {
      List<RefreshReport> out = new ArrayList<>();
      for (Future<RefreshReport> f : jobs) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("refresh failed", e.getCause());
        }
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      for (FutureTask<RefreshReport> f : jobs) {
        f.cancel(true); // a no-op for those done; the rest stop instead of running on
      }
    }
  }

  private static final int SCHEDULER_THREADS = 32;

  /**
   * Runs the jobs on the poll threads, {@code threads} of them. The first time every job is queued
   * before the threads start, so the first ones started do not sit idle while the rest are created.
   */
  private synchronized void startPolls(int threads, List<? extends Runnable> jobs) {
    if (pollThreads == null || pollThreads.isShutdown()) {
      pollThreads =
          new ThreadPoolExecutor(
              threads,
              threads,
              POLL_THREADS_IDLE.toMillis(),
              TimeUnit.MILLISECONDS,
              new LinkedBlockingQueue<>(jobs),
              pollThreadFactory());
      pollThreads.allowCoreThreadTimeOut(true);
      pollThreads.prestartAllCoreThreads();
      return;
    }
    if (threads > pollThreads.getMaximumPoolSize()) {
      pollThreads.setMaximumPoolSize(threads);
      pollThreads.setCorePoolSize(threads);
    } else {
      pollThreads.setCorePoolSize(threads);
      pollThreads.setMaximumPoolSize(threads);
    }
    for (Runnable job : jobs) {
      pollThreads.execute(job);
    }
  }

  private static ThreadFactory pollThreadFactory() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "poll-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Serves the web, keeps the search index caught up (also with polls run by another process) and,
   * unless {@code poll} is false, polls on schedule and follows config edits.
   */
  public int serve(String host, int port, boolean poll) {
    if (poll) {
      // refreshes mostly wait on the network (CPU work is bounded per core, fetches per host), so
      // enough threads that slow servers do not hold up the rest of a large planet
      scheduler = new PollScheduler(refresher, config.get(), clock, SCHEDULER_THREADS);
      scheduler.start();
    }
    indexer = new SearchIndexer(search, store::dataVersion);
    indexer.start(1000);
    watcher = new ConfigWatcher(config.get().file(), this::reload);
    watcher.start(2000);
    web = new WebServer(store, search, config::get, watcher::lastError, clock);
    return web.start(host, port);
  }

  private void reload(Config next) {
    if (!next.database().equals(config.get().database())) {
      log.warn("the database path changed in the config; restart Chorus to use it");
    }
    syncSources(next);
    config.set(next);
    if (scheduler != null) {
      scheduler.reload(next);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (pollThreads != null) {
        pollThreads.shutdownNow();
      }
    }
    for (AutoCloseable c :
        new AutoCloseable[] {web, watcher, scheduler, indexer, refresher, fetcher}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        log.warn("closing {} failed", c, e);
      }
    }
    db.close();
  }
}
