package dev.chorus.refresh;

import dev.chorus.fetch.FetchException;
import dev.chorus.fetch.FetchRequest;
import dev.chorus.fetch.FetchResult.Fetched;
import dev.chorus.fetch.Fetcher;
import dev.chorus.model.ParsedEntry;
import dev.chorus.scrape.PostPage;
import dev.chorus.scrape.PostPageReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the pages of newly listed posts to fill what the list leaves out: politely (a few at a
 * time; the fetcher bounds each host), each URL once (cached).
 */
final class PostPages implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostPages.class);
  static final int MAX_PER_REFRESH = 100;
  private static final int CACHE_SIZE = 4096;
  private static final String ACCEPT_HTML = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

  private final Fetcher fetcher;
  private final ExecutorService pool;
  private final Map<String, PostPage> cache =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PostPage> eldest) {
              return size() > CACHE_SIZE;
            }
          });

  PostPages(Fetcher fetcher) {
    this.fetcher = fetcher;
    this.pool =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "post-pages");
              t.setDaemon(true);
              return t;
            });
  }

  /** The posts, those marked fresh and missing something completed from their own page. */
  List<ParsedEntry> complete(List<ParsedEntry> posts, List<Boolean> fresh) {
    List<Future<ParsedEntry>> jobs = new ArrayList<>();
    int budget = MAX_PER_REFRESH;
    for (int i = 0; i < posts.size(); i++) {
      ParsedEntry p = posts.get(i);
      if (fresh.get(i) && p.url() != null && PostPageReader.needsPostPage(p) && budget-- > 0) {
        jobs.add(pool.submit(() -> complete(p)));
      } else {
        jobs.add(null);
      }
    }
    List<ParsedEntry> out = new ArrayList<>(posts.size());
    for (int i = 0; i < posts.size(); i++) {
      Future<ParsedEntry> job = jobs.get(i);
      if (job == null) {
        out.add(posts.get(i));
        continue;
      }
      try {
        out.add(job.get());
      } catch (ExecutionException e) {
        out.add(posts.get(i));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        out.add(posts.get(i));
      }
    }
    return out;
  }

  private ParsedEntry complete(ParsedEntry post) {
    PostPage page = cache.get(post.url());
    if (page == null) {
      try {
        if (fetcher.fetch(new FetchRequest(post.url(), null, null, ACCEPT_HTML))
            instanceof Fetched f) {
          page =
              PostPageReader.read(SourceRefresher.decode(f.body(), f.contentType()), f.finalUrl());
          cache.put(post.url(), page);
        }
      } catch (FetchException e) {
        log.debug("post page {} not read: {}", post.url(), e.getMessage());
      }
    }
    return page == null ? post : PostPageReader.fillGaps(post, page);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
