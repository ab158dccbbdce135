package dev.chorus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chorus.App;
import dev.chorus.config.Config;
import dev.chorus.config.ConfigLoader;
import dev.chorus.refresh.RefreshReport;
import dev.chorus.refresh.RefreshTimes;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The poll benchmark's child JVM: polls every source of a config once from an empty database
 * (cold), then once more (warm, all 304s), then from a second empty database in the same, now
 * JIT-compiled JVM (hot: what the poll costs once the JVM's own warm-up is paid), and prints one
 * {@code RESULT} JSON line. After the cold poll it also times what {@code serve} then does in the
 * background: indexing the new entries for search.
 */
public final class PollProbe {
  private PollProbe() {}

  /** Arguments: config file, parallelism. */
  public static void main(String[] args) throws Exception {
    Config cfg = ConfigLoader.load(Path.of(args[0]));
    int parallel = Integer.parseInt(args[1]);
    ObjectNode out = new ObjectMapper().createObjectNode();
    long t0 = System.nanoTime();
    try (App app = new App(cfg, Clock.systemUTC())) {
      out.put("startMs", (System.nanoTime() - t0) / 1_000_000);
      poll(app, parallel, out.putObject("cold"));
      out.put("coldHwmKb", Probes.vmHwmKb());
      // what serve then does in the background: index the stored entries for search
      long i0 = System.nanoTime();
      long cpu0 = Probes.cpuNanos();
      out.put("indexed", app.search().catchUp());
      out.put("indexMs", (System.nanoTime() - i0) / 1e6);
      out.put("indexCpuMs", (Probes.cpuNanos() - cpu0) / 1e6);
      poll(app, parallel, out.putObject("warm"));
      out.put("hwmKb", Probes.vmHwmKb());
    }
    Path hotDb = cfg.database().resolveSibling(cfg.database().getFileName() + ".hot");
    Config hot = new Config(cfg.file(), cfg.title(), hotDb, cfg.poll(), cfg.fetch(), cfg.sources());
    try (App app = new App(hot, Clock.systemUTC())) {
      poll(app, parallel, out.putObject("hot"));
    }
    System.out.println("RESULT " + out);
    System.exit(0);
  }

  private static void poll(App app, int parallel, ObjectNode o) {
    RefreshTimes.Snapshot before = app.refreshTimes().snapshot();
    long busy0 = app.store().database().writeBusyNanos();
    long gc0 = gcMillis();
    long cpu0 = Probes.cpuNanos();
    long start = System.nanoTime();
    List<RefreshReport> reports = app.pollAll(parallel);
    long wall = System.nanoTime() - start;
    RefreshTimes.Snapshot after = app.refreshTimes().snapshot();
    o.put("wallMs", wall / 1e6);
    o.put("cpuMs", (Probes.cpuNanos() - cpu0) / 1e6);
    o.put("gcMs", gcMillis() - gc0);
    o.put("sources", reports.size());
    o.put("ok", reports.stream().filter(r -> r.outcome().equals("ok")).count());
    o.put("notModified", reports.stream().filter(r -> r.outcome().equals("not-modified")).count());
    o.put("failed", reports.stream().filter(RefreshReport::failed).count());
    o.put("inserted", reports.stream().mapToInt(RefreshReport::inserted).sum());
    reports.stream()
        .filter(RefreshReport::failed)
        .limit(3)
        .forEach(r -> o.withArray("errors").add(r.error()));
    o.put("fetchMs", (after.fetchNanos() - before.fetchNanos()) / 1e6);
    o.put("parseMs", (after.parseNanos() - before.parseNanos()) / 1e6);
    o.put("cleanMs", (after.cleanNanos() - before.cleanNanos()) / 1e6);
    o.put("storeMs", (after.storeNanos() - before.storeNanos()) / 1e6);
    o.put("writerBusyMs", (app.store().database().writeBusyNanos() - busy0) / 1e6);
  }

  private static long gcMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, b.getCollectionTime());
    }
    return sum;
  }
}
