package dev.chorus.store;

import dev.chorus.model.ParsedEntry;
import dev.chorus.refresh.FarmEntries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The store's share of a poll, single-threaded, in microseconds: saving one farm feed's cleaned
 * entries as new (one source's refresh, one transaction), recording a 304, and fingerprinting one
 * entry. Each measurement iteration starts from a fresh database file. Run it with {@code
 * -jvmArgsAppend -XX:TieredStopAtLevel=1} too: a one-shot poll runs C1 only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx512m"})
public class StoreBenchmark {
  private static final int SOURCES = 200;

  /** Sources made ready for the new-feed saves of one iteration: more than an iteration makes. */
  private static final int FRESH = 5000;

  private final List<List<NewEntry>> feeds = new ArrayList<>();
  private final List<ParsedEntry> entries = new ArrayList<>();
  private Path dir;
  private Database db;
  private EntryStore store;
  private int saved;
  private int polled;

  @Setup
  public void cleanFeeds() throws Exception {
    feeds.addAll(FarmEntries.cleaned(SOURCES));
    for (List<NewEntry> feed : feeds) {
      for (NewEntry e : feed) {
        entries.add(e.entry());
      }
    }
  }

  @Setup(Level.Iteration)
  public void freshDatabase() throws IOException {
    dir = Files.createTempDirectory("chorus-store-bench");
    db = Database.open(dir.resolve("bench.db"));
    store = new EntryStore(db, Clock.systemUTC());
    for (int i = 0; i < FRESH; i++) {
      store.upsertSource("s" + i, "Source " + i, "http://127.0.0.1/" + i);
    }
    saved = 0;
    polled = 0;
  }

  @TearDown(Level.Iteration)
  public void dropDatabase() throws IOException {
    db.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static FetchOutcome outcome(int status) {
    Instant now = Instant.now();
    return new FetchOutcome(
        now,
        5,
        "feed",
        "http://127.0.0.1/feed",
        "\"e\"",
        null,
        status,
        now.plus(Duration.ofMinutes(30)),
        false);
  }

  /** A first refresh of one source: its feed's ~26 entries inserted in one transaction. */
  @Benchmark
  public SaveResult saveNewFeed() {
    int i = saved++;
    if (i >= FRESH) {
      throw new IllegalStateException("more saves than fresh sources: raise FRESH");
    }
    // each call a source of its own, so every entry is new
    return store.saveSuccess("s" + i, feeds.get(i % SOURCES), outcome(200));
  }

  /** A 304: the source's state and its fetch history updated. */
  @Benchmark
  public void recordNotModified() {
    store.saveNotModified("s" + (polled++ % SOURCES), outcome(304));
  }

  /** The fingerprint that tells a changed post from an unchanged one, per entry. */
  @Benchmark
  public void fingerprint(Blackhole bh) {
    bh.consume(EntryHash.of(entries.get(polled++ % entries.size())));
  }
}
