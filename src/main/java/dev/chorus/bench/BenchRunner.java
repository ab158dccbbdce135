package dev.chorus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.bench.FeedFarm.Feed;
import dev.chorus.parse.FeedParseException;
import dev.chorus.parse.FeedParser;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.stream.XMLStreamException;

/**
 * Runs the benchmark suite: cold and warm polls against a local feed farm (each in a child JVM),
 * the parse step alone next to a StAX ceiling, the web server under load next to a fixed-string
 * ceiling, and the store at a million entries. Prints progress and a summary table.
 */
public final class BenchRunner {

  /**
   * What to run.
   *
   * @param feeds farm sizes to poll (each a separate set of runs)
   * @param latency added by the farm to every response
   * @param runs repetitions of each timed measurement
   * @param parallel sources refreshed at once ({@code App.pollAll})
   * @param feedsPerHost farm feeds behind one host (port)
   * @param heap the child JVMs' -Xmx
   * @param only phases to run: poll, parse, serve, storage
   * @param storageEntries entries in the storage database
   * @param serveSeconds measuring time per endpoint under load
   * @param connections concurrent connections of the load generator
   * @param work folder for configs, databases and logs
   * @param seed farm seed
   * @param jvmArgs extra arguments for the child JVMs (e.g. a JFR recording)
   * @param quick short warm-ups, for a smoke test of the suite itself (figures meaningless)
   */
  public record Options(
      List<Integer> feeds,
      Duration latency,
      int runs,
      int parallel,
      int feedsPerHost,
      String heap,
      Set<String> only,
      int storageEntries,
      int serveSeconds,
      int connections,
      Path work,
      long seed,
      List<String> jvmArgs,
      boolean quick) {}

  /** One line of the summary: what was measured, the figure, the target and whether it was met. */
  public record Row(String what, String measured, String target, Boolean met) {}

  private final Options o;
  private final PrintStream out;
  private final List<Row> rows = new ArrayList<>();
  private Path lastPollDir;

  public BenchRunner(Options options, PrintStream out) {
    this.o = options;
    this.out = out;
  }

  /** Runs the selected phases and returns the summary rows (also printed). */
  public List<Row> run() throws IOException, InterruptedException {
    Files.createDirectories(o.work());
    machine();
    int maxFeeds = o.feeds().stream().mapToInt(Integer::intValue).max().orElse(0);
    FeedFarm farm = null;
    if (o.only().contains("poll") || o.only().contains("parse") || o.only().contains("newsboat")) {
      long t0 = System.nanoTime();
      farm = FeedFarm.generate(Math.max(maxFeeds, 20), o.seed());
      out.printf(
          Locale.ROOT,
          "farm: %d feeds, %d entries, %.1f MB (%.1f MB gzipped), generated in %.1f s%n",
          farm.feeds().size(),
          farm.totalEntries(),
          farm.totalBytes() / 1e6,
          farm.totalGzipBytes() / 1e6,
          (System.nanoTime() - t0) / 1e9);
    }
    if (o.only().contains("poll")) {
      for (int n : o.feeds()) {
        poll(farm, n);
      }
    }
    if (o.only().contains("parse")) {
      parse(farm);
    }
    if (o.only().contains("serve")) {
      serve(farm);
    }
    if (o.only().contains("storage")) {
      storage();
    }
    if (o.only().contains("newsboat")) {
      for (int n : o.feeds()) {
        newsboat(farm, n);
      }
    }
    summary();
    return rows;
  }

  private void machine() {
    out.printf(
        Locale.ROOT,
        "machine: %d cores, java %s (%s), max heap %d MB%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().maxMemory() >> 20);
    out.println(
        "this JVM (parse phase): "
            + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    out.println("measured poll JVMs: " + String.join(" ", pollJvm()));
    out.println("measured server JVMs (serve, storage): " + String.join(" ", jvm()));
  }

  // ---- poll ----

  private void poll(FeedFarm farm, int n) throws IOException, InterruptedException {
    FeedFarm sub = farm;
    int hosts = Math.max(1, (n + o.feedsPerHost() - 1) / o.feedsPerHost());
    List<Double> cold = new ArrayList<>();
    List<Double> warm = new ArrayList<>();
    List<Double> rate = new ArrayList<>();
    List<Double> rss = new ArrayList<>();
    List<Double> index = new ArrayList<>();
    try (FarmServer server = new FarmServer(sub, hosts, o.latency())) {
      out.printf(
          Locale.ROOT,
          "poll N=%d: %d hosts, +%d ms per request, parallel %d, child -Xmx%s%n",
          n,
          hosts,
          o.latency().toMillis(),
          o.parallel(),
          o.heap());
      for (int run = 1; run <= o.runs(); run++) {
        out.println("    load average before: " + loadAverage());
        Path dir = o.work().resolve("poll-" + n + "-" + run);
        deleteTree(dir); // a kept database from an earlier bench would make the cold poll warm
        FarmConfig.write(dir, server, n);
        JsonNode r =
            Child.run(
                pollJvm(),
                PollProbe.class,
                List.of(dir.resolve("feeds.yml").toString(), String.valueOf(o.parallel())),
                dir.resolve("poll.log"),
                Duration.ofMinutes(15));
        JsonNode c = r.get("cold");
        JsonNode w = r.get("warm");
        cold.add(c.get("wallMs").asDouble() / 1000);
        warm.add(w.get("wallMs").asDouble() / 1000);
        rate.add(c.get("inserted").asDouble() / (c.get("wallMs").asDouble() / 1000));
        rss.add(r.get("hwmKb").asDouble() / 1024);
        out.printf(
            Locale.ROOT,
            "  run %d: cold %.2f s (%d ok, %d failed, %d entries; cpu %.1f s, gc %d ms, writer busy %.1f s;"
                + " summed fetch %.1f / parse %.1f / clean %.1f / store %.1f s), warm %.2f s (%d not modified,"
                + " %d failed; cpu %.1f s, writer busy %.2f s; summed fetch %.1f / store %.1f s), peak RSS"
                + " %.0f MB%n",
            run,
            c.get("wallMs").asDouble() / 1000,
            c.get("ok").asInt(),
            c.get("failed").asInt(),
            c.get("inserted").asInt(),
            c.get("cpuMs").asDouble() / 1000,
            c.get("gcMs").asLong(),
            c.get("writerBusyMs").asDouble() / 1000,
            c.get("fetchMs").asDouble() / 1000,
            c.get("parseMs").asDouble() / 1000,
            c.get("cleanMs").asDouble() / 1000,
            c.get("storeMs").asDouble() / 1000,
            w.get("wallMs").asDouble() / 1000,
            w.get("notModified").asInt(),
            w.get("failed").asInt(),
            w.get("cpuMs").asDouble() / 1000,
            w.get("writerBusyMs").asDouble() / 1000,
            w.get("fetchMs").asDouble() / 1000,
            w.get("storeMs").asDouble() / 1000,
            r.get("hwmKb").asDouble() / 1024);
        out.printf(
            Locale.ROOT,
            "    search index after the cold poll (serve does this in the background): %d entries"
                + " in %.2f s, cpu %.1f s%n",
            r.get("indexed").asLong(),
            r.get("indexMs").asDouble() / 1000,
            r.get("indexCpuMs").asDouble() / 1000);
        index.add(r.get("indexMs").asDouble() / 1000);
        JsonNode h = r.get("hot");
        if (h != null) {
          out.printf(
              Locale.ROOT,
              "    hot (again from an empty database in the same JVM, JIT warm): %.2f s, cpu %.1f s,"
                  + " writer busy %.1f s%n",
              h.get("wallMs").asDouble() / 1000,
              h.get("cpuMs").asDouble() / 1000,
              h.get("writerBusyMs").asDouble() / 1000);
        }
        if (c.has("errors")) {
          out.println("    first errors: " + c.get("errors"));
        }
        if (run < o.runs()) {
          deleteTree(dir);
        } else {
          lastPollDir = dir;
        }
      }
      long[] counts = server.counts();
      out.printf(
          Locale.ROOT,
          "  farm answered %d × 200, %d × 304, %d × 404%n",
          counts[0],
          counts[1],
          counts[2]);
    }
    double coldTarget = n >= 2000 ? 8 : n >= 500 ? 2 : Double.NaN;
    rows.add(
        row(
            "poll cold, N=" + n + " (s)",
            Stats.of(cold).format("%.2f"),
            coldTarget,
            Stats.of(cold).median()));
    rows.add(
        new Row("poll cold, N=" + n + " (entries/s)", Stats.of(rate).format("%.0f"), "", null));
    rows.add(
        new Row(
            "poll peak RSS, N=" + n + " (MB)",
            Stats.of(rss).format("%.0f"),
            "-Xmx" + o.heap(),
            null));
    rows.add(
        new Row(
            "search index catch-up after the cold poll, N=" + n + " (s, in the background)",
            Stats.of(index).format("%.2f"),
            "",
            null));
    rows.add(
        row(
            "poll warm, N=" + n + " (s)",
            Stats.of(warm).format("%.2f"),
            n >= 2000 ? 1 : Double.NaN,
            Stats.of(warm).median()));
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** The options of a measured server JVM: as {@code ./chorus serve} runs. */
  private List<String> jvm() {
    return jvm(List.of());
  }

  /** The options of a measured poll JVM: as {@code ./chorus poll} runs. */
  private List<String> pollJvm() {
    return jvm(launcherOptions("jvm-batch.options"));
  }

  private List<String> jvm(List<String> extra) {
    List<String> args = new ArrayList<>(launcherOptions("jvm.options"));
    args.addAll(extra);
    args.add("-Xmx" + o.heap());
    args.addAll(o.jvmArgs());
    return args;
  }

  private static Row row(String what, String measured, double below, double value) {
    if (Double.isNaN(below)) {
      return new Row(what, measured, "", null);
    }
    return new Row(what, measured, String.format(Locale.ROOT, "< %s", trim(below)), value < below);
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  // ---- parse ----

  private void parse(FeedFarm farm) {
    List<Feed> set = new ArrayList<>();
    for (Feed f : farm.feeds()) {
      if (set.size() >= 200) {
        break;
      }
      try {
        StaxFeeds.read(f.body());
        set.add(f);
      } catch (XMLStreamException e) {
        // not well-formed on purpose (a sloppy feed): the ceiling cannot read it, so leave it out
      }
    }
    long bytes = set.stream().mapToLong(f -> f.body().length).sum();
    int entries = set.stream().mapToInt(Feed::entries).sum();
    out.printf(
        Locale.ROOT,
        "parse: %d feeds, %d entries, %.1f MB, one thread, warmed up in process%n",
        set.size(),
        entries,
        bytes / 1e6);
    FeedParser parser = new FeedParser();
    Stats[] chorus =
        timePasses(
            set,
            entries,
            f -> parser.parse(f.body(), f.contentType(), "http://127.0.0.1/feed").entries().size());
    out.printf(
        Locale.ROOT,
        "  FeedParser:   %s entries/s, %s per CPU-second (%.0f MB/s)%n",
        chorus[0].format("%.0f"),
        chorus[1].format("%.0f"),
        chorus[0].median() * bytes / entries / 1e6);
    Stats[] stax = timePasses(set, entries, f -> StaxFeeds.read(f.body()).size());
    out.printf(
        Locale.ROOT,
        "  StAX ceiling: %s entries/s, %s per CPU-second (%.0f MB/s)%n",
        stax[0].format("%.0f"),
        stax[1].format("%.0f"),
        stax[0].median() * bytes / entries / 1e6);
    rows.add(
        new Row(
            "parse, FeedParser (entries/s; per CPU-s)",
            chorus[0].format("%.0f") + "; " + chorus[1].format("%.0f"),
            "≥ 37000",
            chorus[0].median() >= 37000));
    rows.add(
        new Row(
            "parse, plain StAX ceiling (entries/s; per CPU-s)",
            stax[0].format("%.0f") + "; " + stax[1].format("%.0f"),
            "",
            null));
  }

  /** A step applied to one feed that returns the entries it read. */
  @FunctionalInterface
  private interface Step {
    int apply(Feed f) throws FeedParseException, XMLStreamException;
  }

  /**
   * Entries per second of wall time and per second of this thread's CPU time, over timed passes.
   */
  private Stats[] timePasses(List<Feed> set, int entries, Step step) {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long warmUntil = System.nanoTime() + Duration.ofMillis(o.quick() ? 500 : 10_000).toNanos();
    try {
      while (System.nanoTime() < warmUntil) {
        for (Feed f : set) {
          step.apply(f);
        }
      }
      List<Double> wall = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      for (int i = 0; i < Math.max(o.quick() ? 1 : 5, o.runs()); i++) {
        long t0 = System.nanoTime();
        long c0 = threads.getCurrentThreadCpuTime();
        int seen = 0;
        for (Feed f : set) {
          seen += step.apply(f);
        }
        if (seen != entries) {
          throw new IllegalStateException("read " + seen + " entries, expected " + entries);
        }
        wall.add(entries / ((System.nanoTime() - t0) / 1e9));
        cpu.add(entries / ((threads.getCurrentThreadCpuTime() - c0) / 1e9));
      }
      return new Stats[] {Stats.of(wall), Stats.of(cpu)};
    } catch (FeedParseException | XMLStreamException e) {
      throw new IllegalStateException("the farm's feeds must parse: " + e.getMessage(), e);
    }
  }

  // ---- serve ----

  private void serve(FeedFarm farm) throws IOException, InterruptedException {
    Path dir = lastPollDir;
    if (dir == null) {
      int n = o.feeds().stream().mapToInt(Integer::intValue).max().orElse(20);
      dir = o.work().resolve("serve-" + n);
      deleteTree(dir);
      out.printf(Locale.ROOT, "serve: polling %d farm feeds once to fill a database%n", n);
      FeedFarm f = farm != null ? farm : FeedFarm.generate(n, o.seed());
      try (FarmServer server =
          new FarmServer(f, Math.max(1, n / o.feedsPerHost()), Duration.ZERO)) {
        FarmConfig.write(dir, server, n);
        Child.run(
            jvm(),
            PollProbe.class,
            List.of(dir.resolve("feeds.yml").toString(), String.valueOf(o.parallel())),
            dir.resolve("poll.log"),
            Duration.ofMinutes(15));
      }
    }
    out.printf(
        Locale.ROOT,
        "serve: %s, %d connections, %d s per endpoint after 2 s warm-up (and 2 s on every endpoint first), child -Xmx%s%n",
        dir.resolve("chorus.db"),
        o.connections(),
        o.serveSeconds(),
        o.heap());
    List<String> names =
        List.of(
            "ceiling /",
            "/",
            "ceiling /feed.atom",
            "/feed.atom",
            "ceiling /api/entries",
            "/api/entries");
    java.util.Map<String, List<Double>> rps = new java.util.LinkedHashMap<>();
    java.util.Map<String, List<Double>> p50 = new java.util.LinkedHashMap<>();
    java.util.Map<String, List<Double>> p99 = new java.util.LinkedHashMap<>();
    List<Double> rss = new ArrayList<>();
    for (int run = 1; run <= o.runs(); run++) {
      out.println("    load average before: " + loadAverage());
      JsonNode r =
          Child.run(
              jvm(),
              ServeProbe.class,
              List.of(
                  dir.resolve("feeds.yml").toString(),
                  String.valueOf(o.quick() ? 300 : o.serveSeconds() * 1000),
                  String.valueOf(o.connections()),
                  o.quick() ? "0" : "2000"),
              dir.resolve("serve.log"),
              Duration.ofMinutes(10));
      for (String name : names) {
        JsonNode e = r.get(name);
        rps.computeIfAbsent(name, k -> new ArrayList<>()).add(e.get("rps").asDouble());
        p50.computeIfAbsent(name, k -> new ArrayList<>()).add(e.get("p50Ms").asDouble());
        p99.computeIfAbsent(name, k -> new ArrayList<>()).add(e.get("p99Ms").asDouble());
        out.printf(
            Locale.ROOT,
            "  run %d %-15s %7.0f req/s  p50 %6.2f ms  p99 %6.2f ms  %d errors  %d-byte body%n",
            run,
            name,
            e.get("rps").asDouble(),
            e.get("p50Ms").asDouble(),
            e.get("p99Ms").asDouble(),
            e.get("errors").asLong(),
            e.get("bytes").asLong());
      }
      rss.add(r.get("hwmKb").asDouble() / 1024);
    }
    for (String name : names) {
      Stats s = Stats.of(rps.get(name));
      Stats q99 = Stats.of(p99.get(name));
      String what = "serve " + name + " (req/s; p50 / p99 ms)";
      String measured =
          s.format("%.0f")
              + "; "
              + Stats.of(p50.get(name)).format("%.1f")
              + " / "
              + q99.format("%.1f");
      if (!name.startsWith("ceiling")) {
        double share = s.median() / Stats.of(rps.get("ceiling " + name)).median();
        measured += String.format(Locale.ROOT, " = %.0f%% of ceiling", share * 100);
      }
      if (name.equals("/") || name.equals("/feed.atom")) {
        double share = s.median() / Stats.of(rps.get("ceiling " + name)).median();
        rows.add(
            new Row(
                what, measured, "≥ 70% of ceiling, p99 < 20", share >= 0.7 && q99.median() < 20));
      } else {
        rows.add(new Row(what, measured, "", null));
      }
    }
    rows.add(new Row("serve peak RSS (MB)", Stats.of(rss).format("%.0f"), "-Xmx" + o.heap(), null));
  }

  // ---- storage ----

  private void storage() throws IOException, InterruptedException {
    int sources = o.quick() ? 100 : 2000;
    Path dir = o.work().resolve("storage-" + o.storageEntries() + "-" + sources);
    Path config = dir.resolve("feeds.yml");
    Files.createDirectories(dir);
    StringBuilder sb =
        new StringBuilder("title: Chorus storage bench\ndatabase: chorus.db\nsources:\n");
    for (int s = 0; s < sources; s++) {
      sb.append("  - id: blog-")
          .append(s)
          .append("\n    name: Blog ")
          .append(s)
          .append("\n    url: http://127.0.0.1:9/")
          .append(s)
          .append("/\n");
      if (s % 10 == 0) {
        sb.append("    tags: [bench]\n");
      }
    }
    Files.writeString(config, sb);
    Path done = dir.resolve("built");
    if (!Files.exists(done)) {
      deleteTree(dir.resolve("chorus.db"));
      Files.deleteIfExists(dir.resolve("chorus.db-wal"));
      Files.deleteIfExists(dir.resolve("chorus.db-shm"));
      out.printf(
          Locale.ROOT,
          "storage: building %d entries over %d sources (kept in %s for later runs)%n",
          o.storageEntries(),
          sources,
          dir);
      JsonNode b =
          Child.run(
              jvm(),
              StorageProbe.class,
              List.of(
                  "build",
                  config.toString(),
                  String.valueOf(o.storageEntries()),
                  String.valueOf(sources)),
              dir.resolve("build.log"),
              Duration.ofHours(2));
      out.printf(
          Locale.ROOT,
          "  built %d entries in %.0f s (%.0f entries/s): stored in %.0f s, search index %.0f s%n",
          b.get("entries").asInt(),
          b.get("buildSeconds").asDouble(),
          b.get("entries").asDouble() / b.get("buildSeconds").asDouble(),
          b.get("storeSeconds").asDouble(),
          b.get("indexSeconds").asDouble());
      Files.writeString(done, b.toString());
    }
    out.println("    load average before: " + loadAverage());
    JsonNode r =
        Child.run(
            jvm(),
            StorageProbe.class,
            List.of(
                "query",
                config.toString(),
                String.valueOf(o.storageEntries()),
                String.valueOf(sources)),
            dir.resolve("query.log"),
            Duration.ofMinutes(30));
    out.printf(
        Locale.ROOT,
        "storage: %d entries, database %.0f MB, child -Xmx%s, peak RSS %.0f MB%n",
        r.get("rows").asLong(),
        r.get("dbMb").asDouble(),
        o.heap(),
        r.get("hwmKb").asDouble() / 1024);
    if (r.has("reindexed")) {
      out.printf(
          Locale.ROOT,
          "  search index rebuilt for a database from before the word index: %d entries in %.0f s"
              + " (%.0f entries/s)%n",
          r.get("reindexed").asLong(),
          r.get("reindexSeconds").asDouble(),
          r.get("reindexed").asDouble() / r.get("reindexSeconds").asDouble());
    }
    var it = r.get("queries").fields();
    while (it.hasNext()) {
      var e = it.next();
      JsonNode q = e.getValue();
      String measured =
          String.format(
              Locale.ROOT,
              "%.2f (%.2f–%.2f)",
              q.get("medianMs").asDouble(),
              q.get("minMs").asDouble(),
              q.get("maxMs").asDouble());
      out.printf(Locale.ROOT, "  %-36s %s ms%n", e.getKey(), measured);
      double target =
          e.getKey().startsWith("search") ? 50 : e.getKey().contains("page") ? 10 : Double.NaN;
      rows.add(
          row(
              "store at " + o.storageEntries() + ": " + e.getKey() + " (ms)",
              measured,
              target,
              q.get("medianMs").asDouble()));
    }
    for (JsonNode p : r.get("plans")) {
      out.println("  plan, " + p.get("query").asText() + ":");
      for (JsonNode l : p.get("plan")) {
        out.println("    " + l.asText());
      }
    }
    var web = r.get("web").fields();
    while (web.hasNext()) {
      var e = web.next();
      out.printf(
          Locale.ROOT,
          "  GET %-24s %d, first %.1f ms, cached %.1f ms%n",
          e.getKey(),
          e.getValue().get("status").asInt(),
          e.getValue().get("firstMs").asDouble(),
          e.getValue().get("cachedMs").asDouble());
    }
    rows.add(
        new Row(
            "store at " + o.storageEntries() + ": database size (MB)",
            String.format(Locale.ROOT, "%.0f", r.get("dbMb").asDouble()),
            "",
            null));
    rows.add(
        new Row(
            "serve " + sources + " sources + that database: peak RSS (MB)",
            String.format(Locale.ROOT, "%.0f", r.get("hwmKb").asDouble() / 1024),
            "runs in -Xmx256m",
            "256m".equals(o.heap()) ? Boolean.TRUE : null));
  }

  // ---- reference: newsboat ----

  /**
   * Polls the same farm with {@code newsboat -x reload} (cold, then warm), config and cache in a
   * temp dir.
   */
  private void newsboat(FeedFarm farm, int n) throws IOException, InterruptedException {
    int hosts = Math.max(1, (n + o.feedsPerHost() - 1) / o.feedsPerHost());
    List<Double> cold = new ArrayList<>();
    List<Double> warm = new ArrayList<>();
    try (FarmServer server = new FarmServer(farm, hosts, o.latency())) {
      out.printf(
          Locale.ROOT,
          "newsboat N=%d: %d hosts, +%d ms per request, default settings (reload-threads 1)%n",
          n,
          hosts,
          o.latency().toMillis());
      for (int run = 1; run <= o.runs(); run++) {
        Path dir = o.work().resolve("newsboat-" + n + "-" + run);
        deleteTree(dir);
        Files.createDirectories(dir);
        StringBuilder urls = new StringBuilder();
        for (int i = 0; i < n; i++) {
          urls.append(server.url(i)).append('\n');
        }
        Files.writeString(dir.resolve("urls"), urls);
        Files.writeString(dir.resolve("config"), "");
        out.println("    load average before: " + loadAverage());
        cold.add(newsboatReload(dir));
        warm.add(newsboatReload(dir));
        out.printf(
            Locale.ROOT,
            "  run %d: cold %.2f s, warm %.2f s%n",
            run,
            cold.get(cold.size() - 1),
            warm.get(warm.size() - 1));
      }
      long[] counts = server.counts();
      out.printf(
          Locale.ROOT,
          "  farm answered %d × 200, %d × 304, %d × 404%n",
          counts[0],
          counts[1],
          counts[2]);
    }
    rows.add(
        new Row(
            "newsboat 2.21 reference, cold, N=" + n + " (s)",
            Stats.of(cold).format("%.1f"),
            "",
            null));
    rows.add(
        new Row(
            "newsboat 2.21 reference, warm, N=" + n + " (s)",
            Stats.of(warm).format("%.1f"),
            "",
            null));
  }

  private static double newsboatReload(Path dir) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
                "newsboat",
                "-x",
                "reload",
                "-u",
                dir.resolve("urls").toString(),
                "-c",
                dir.resolve("cache.db").toString(),
                "-C",
                dir.resolve("config").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("newsboat.log").toFile());
    pb.environment().put("HOME", dir.toAbsolutePath().toString());
    long t0 = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(30, java.util.concurrent.TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("newsboat did not finish within 30 minutes");
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          "newsboat exited " + p.exitValue() + "; see " + dir.resolve("newsboat.log"));
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  // ---- output ----

  private void summary() {
    out.println();
    out.println("| measurement | median (min–max) | target | met |");
    out.println("|---|---|---|---|");
    for (Row r : rows) {
      out.printf(
          "| %s | %s | %s | %s |%n",
          r.what(), r.measured(), r.target(), r.met() == null ? "" : r.met() ? "yes" : "**no**");
    }
  }

  /**
   * JVM options the {@code ./chorus} launcher reads from the resource {@code /dev/chorus/<file>}.
   */
  static List<String> launcherOptions(String file) {
    try (var in = BenchRunner.class.getResourceAsStream("/dev/chorus/" + file)) {
      if (in == null) {
        return List.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
