package dev.chorus.bench;

import dev.chorus.bench.FeedFarm.Feed;
import dev.chorus.parse.FeedParser;
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
 * The parse step alone, in entries per second: Chorus's {@link FeedParser} and the plain StAX
 * ceiling over the same 200 farm feeds (seed 1; the ones StAX can read). One operation is one
 * entry: each invocation parses all the feeds and counts as {@value #ENTRIES} entries.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 15, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx512m"})
public class ParseBenchmark {
  /** Entries in the set below; checked in setup. */
  static final int ENTRIES = 4538;

  private final FeedParser parser = new FeedParser();
  private List<Feed> feeds;

  @Setup
  public void setup() throws Exception {
    feeds = new ArrayList<>();
    int entries = 0;
    for (Feed f : FeedFarm.generate(200, 1).feeds()) {
      try {
        StaxFeeds.read(f.body());
      } catch (javax.xml.stream.XMLStreamException e) {
        continue;
      }
      feeds.add(f);
      entries += f.entries();
    }
    if (entries != ENTRIES) {
      throw new IllegalStateException("the farm changed: " + entries + " entries, update ENTRIES");
    }
  }

  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public void feedParser(Blackhole bh) throws Exception {
    for (Feed f : feeds) {
      bh.consume(parser.parse(f.body(), f.contentType(), "http://127.0.0.1/feed"));
    }
  }

  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public void staxCeiling(Blackhole bh) throws Exception {
    for (Feed f : feeds) {
      bh.consume(StaxFeeds.read(f.body()));
    }
  }
}
