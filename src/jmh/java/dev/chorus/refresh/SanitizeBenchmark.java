package dev.chorus.refresh;

import dev.chorus.clean.HtmlCleaner;
import dev.chorus.clean.Urls;
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
 * {@link HtmlCleaner#sanitize} alone, in microseconds per entry, over the HTML the clean step
 * sanitises for the entries of 200 farm feeds (seed 1), each with the base it resolves against. Run
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
public class SanitizeBenchmark {
  private final HtmlCleaner cleaner = new HtmlCleaner();
  private final List<String> html = new ArrayList<>();
  private final List<String> bases = new ArrayList<>();

  /** Entries with HTML to sanitise in the set below; checked in setup. */
  static final int ENTRIES = 4896;

  @Setup
  public void setup() throws Exception {
    for (List<ParsedEntry> feed : FarmEntries.parsed(200)) {
      for (ParsedEntry e : feed) {
        String h = e.contentHtml() != null ? e.contentHtml() : e.summaryHtml();
        if (h == null) {
          continue;
        }
        String url = e.url() == null ? null : Urls.safeHttpUrl(e.url().strip(), null);
        html.add(h);
        bases.add(url != null ? url : FarmEntries.FEED_URL);
      }
    }
    if (html.size() != ENTRIES) {
      throw new IllegalStateException("the farm changed: " + html.size() + " entries, update");
    }
  }

  /** Every entry's HTML sanitised; the score is per entry. */
  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public void sanitize(Blackhole bh) {
    for (int i = 0; i < ENTRIES; i++) {
      bh.consume(cleaner.sanitize(html.get(i), bases.get(i)));
    }
  }
}
