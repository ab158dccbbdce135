package dev.chorus.refresh;

import dev.chorus.clean.HtmlCleaner;
import dev.chorus.clean.PlainText;
import dev.chorus.model.ParsedEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The clean step alone (links made safe, HTML sanitised, title and summary as text, identity), in
 * microseconds per entry, over the entries of 200 farm feeds (seed 1) as the parser reads them. Run
 * it with {@code -jvmArgsAppend -XX:TieredStopAtLevel=1} too: a one-shot poll runs C1 only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx512m"})
public class CleanBenchmark {
  private final EntryCleaner cleaner = new EntryCleaner(new HtmlCleaner());
  private final List<List<ParsedEntry>> feeds = new ArrayList<>();

  /** Entries in the set below; checked in setup. */
  static final int ENTRIES = 4896;

  @Setup
  public void setup() throws Exception {
    feeds.addAll(FarmEntries.parsed(200));
    int entries = feeds.stream().mapToInt(List::size).sum();
    if (entries != ENTRIES) {
      throw new IllegalStateException("the farm changed: " + entries + " entries, update ENTRIES");
    }
  }

  /** Every feed's entries cleaned; the score is per entry. */
  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public void clean(Blackhole bh) {
    for (List<ParsedEntry> es : feeds) {
      bh.consume(cleaner.clean(es, FarmEntries.FEED_URL));
    }
  }

  /** Only the summaries: each entry's summary (else content) HTML as plain text. */
  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public void summary(Blackhole bh) {
    for (List<ParsedEntry> es : feeds) {
      for (ParsedEntry e : es) {
        String html = e.summaryHtml() != null ? e.summaryHtml() : e.contentHtml();
        bh.consume(PlainText.of(html, EntryCleaner.MAX_SUMMARY));
      }
    }
  }
}
