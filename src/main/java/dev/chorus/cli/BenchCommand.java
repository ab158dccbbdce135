package dev.chorus.cli;

import dev.chorus.bench.BenchRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the benchmark suite against a local feed farm and prints the figures. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark Chorus on this machine against a generated feed farm on 127.0.0.1:",
      "cold and warm polls, parsing, serving under load and the store at size. See BENCHMARKS.md."
    })
final class BenchCommand implements Callable<Integer> {

  @Option(
      names = "--feeds",
      split = ",",
      defaultValue = "500,2000",
      description = "farm sizes to poll, comma-separated (default: ${DEFAULT-VALUE})")
  List<Integer> feeds;

  @Option(
      names = "--latency",
      defaultValue = "100ms",
      description = "latency the farm adds to every response (default: ${DEFAULT-VALUE})")
  String latency;

  @Option(
      names = "--runs",
      defaultValue = "3",
      description = "repetitions of each measurement (default: ${DEFAULT-VALUE})")
  int runs;

  @Option(
      names = "--parallel",
      defaultValue = "512",
      description =
          "sources refreshed at once, as 'chorus poll --parallel' (default: ${DEFAULT-VALUE})")
  int parallel;

  @Option(
      names = "--feeds-per-host",
      defaultValue = "4",
      description = "farm feeds behind one host (port) (default: ${DEFAULT-VALUE})")
  int feedsPerHost;

  @Option(
      names = "--heap",
      defaultValue = "256m",
      description = "-Xmx of the measured JVMs (default: ${DEFAULT-VALUE})")
  String heap;

  @Option(
      names = "--only",
      split = ",",
      defaultValue = "poll,parse,serve,storage",
      description =
          "phases to run (default: ${DEFAULT-VALUE}; 'newsboat' polls the farm with newsboat as a reference)")
  List<String> only;

  @Option(
      names = "--entries",
      defaultValue = "1000000",
      description = "entries in the storage benchmark's database (default: ${DEFAULT-VALUE})")
  int entries;

  @Option(
      names = "--serve-seconds",
      defaultValue = "5",
      description = "seconds of load per endpoint (default: ${DEFAULT-VALUE})")
  int serveSeconds;

  @Option(
      names = "--connections",
      defaultValue = "50",
      description = "concurrent connections of the load generator (default: ${DEFAULT-VALUE})")
  int connections;

  @Option(
      names = "--work",
      defaultValue = "bench-work",
      description = "folder for configs, databases and logs (default: ${DEFAULT-VALUE})")
  Path work;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "farm seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--jvm-arg",
      description = "extra argument for the measured JVMs, repeatable (e.g. a JFR recording)")
  List<String> jvmArgs = new java.util.ArrayList<>();

  @Option(
      names = "--quick",
      description = "short warm-ups: checks the suite runs; the figures mean nothing")
  boolean quick;

  @Override
  public Integer call() throws Exception {
    if (latency(latency) == null) {
      System.err.println("bench: --latency takes milliseconds or seconds, e.g. 100ms or 0");
      return 2;
    }
    Set<String> phases = new LinkedHashSet<>(only);
    phases.removeAll(Set.of("poll", "parse", "serve", "storage", "newsboat"));
    if (!phases.isEmpty() || runs < 1 || parallel < 1 || feedsPerHost < 1 || connections < 1) {
      System.err.println(
          "bench: --only takes poll, parse, serve, storage, newsboat; counts must be positive");
      return 2;
    }
    BenchRunner.Options options =
        new BenchRunner.Options(
            feeds,
            latency(latency),
            runs,
            parallel,
            feedsPerHost,
            heap,
            new LinkedHashSet<>(only),
            entries,
            serveSeconds,
            connections,
            work,
            seed,
            jvmArgs,
            quick);
    new BenchRunner(options, System.out).run();
    return 0;
  }

  static Duration latency(String text) {
    var m = java.util.regex.Pattern.compile("(\\d{1,6})(ms|s)?").matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    long v = Long.parseLong(m.group(1));
    return "s".equals(m.group(2)) ? Duration.ofSeconds(v) : Duration.ofMillis(v);
  }
}
