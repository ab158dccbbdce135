package dev.chorus.refresh;

import static dev.chorus.refresh.Feeds.item;
import static dev.chorus.refresh.Feeds.rss;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.chorus.config.PollSettings;
import dev.chorus.config.SourceConfig;
import dev.chorus.config.SourceConfig.ContentMode;
import dev.chorus.fetch.FetchPolicy;
import dev.chorus.fetch.Fetcher;
import dev.chorus.store.Database;
import dev.chorus.store.EntryStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources that will send their whole document are refreshed a bounded number at a time; sources
 * that can answer 304 are not held back by that bound.
 */
@Timeout(30)
class SourceRefresherConcurrencyTest {
  private static final int SOURCES = 12;
  private static final int WHOLE = 3;

  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final ExecutorService pollers = Executors.newFixedThreadPool(SOURCES);
  private Database db;
  private EntryStore store;
  private Fetcher fetcher;
  private SourceRefresher refresher;

  @BeforeEach
  void setUp() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::answer);
    server.start();
    db = Database.open(dir.resolve("chorus.db"));
    fetcher = new Fetcher(new FetchPolicy(1 << 20, Duration.ofSeconds(10), 5, true, "t", 64, 64));
    store = new EntryStore(db, Clock.systemUTC());
    refresher = new SourceRefresher(fetcher, store, Clock.systemUTC(), WHOLE);
  }

  @AfterEach
  void tearDown() {
    pollers.shutdownNow();
    refresher.close();
    fetcher.close();
    db.close();
    server.stop(0);
  }

  /** Every feed: one post and an ETag, or a 304 when asked with that ETag; 150 ms either way. */
  private void answer(HttpExchange ex) throws IOException {
    peak.accumulateAndGet(active.incrementAndGet(), Math::max);
    try {
      Thread.sleep(150);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      active.decrementAndGet();
    }
    ex.getResponseHeaders().add("ETag", "\"v1\"");
    if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
      ex.sendResponseHeaders(304, -1);
    } else {
      byte[] body = rss(item(ex.getRequestURI().getPath())).getBytes(UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/rss+xml");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
  }

  private List<String> pollAll(List<SourceConfig> sources) throws Exception {
    peak.set(0);
    List<Future<String>> done = new ArrayList<>();
    for (SourceConfig s : sources) {
      done.add(pollers.submit(() -> refresher.refresh(s).outcome()));
    }
    List<String> outcomes = new ArrayList<>();
    for (Future<String> f : done) {
      outcomes.add(f.get());
    }
    return outcomes;
  }

  @Test
  void wholeDocumentsAreBoundedButRevalidationsAreNot() throws Exception {
    List<SourceConfig> sources = new ArrayList<>();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    for (int i = 0; i < SOURCES; i++) {
      sources.add(
          new SourceConfig(
              "s" + i,
              "Source " + i,
              base + "/",
              base + "/feed/" + i,
              List.of(),
              PollSettings.DEFAULTS,
              null,
              ContentMode.FULL,
              1));
      store.upsertSource("s" + i, "Source " + i, base + "/", base + "/feed/" + i);
    }

    assertThat(pollAll(sources)).containsOnly("ok");
    assertThat(peak.get()).isEqualTo(WHOLE);

    assertThat(pollAll(sources)).containsOnly("not-modified");
    assertThat(peak.get()).isGreaterThan(WHOLE);
  }
}
