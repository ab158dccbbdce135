package dev.chorus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs the whole suite at N=20 with short warm-ups: it checks the suite works, not the figures. */
class BenchSmokeIT {
  @TempDir Path work;

  @Test
  @Timeout(120)
  void runsEveryPhaseAtTwentyFeeds() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BenchRunner.Options options =
        new BenchRunner.Options(
            List.of(20),
            Duration.ofMillis(10),
            1,
            16,
            4,
            "256m",
            Set.of("poll", "parse", "serve", "storage"),
            500,
            1,
            8,
            work,
            1,
            List.of(),
            true);
    List<BenchRunner.Row> rows =
        new BenchRunner(options, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .contains(
            "(20 ok, 0 failed",
            "(20 not modified, 0 failed",
            "farm answered 40 × 200, 20 × 304, 0 × 404"); // cold, warm, hot
    assertThat(out).contains("storage: 500 entries").doesNotContain("NaN");
    assertThat(rows)
        .extracting(BenchRunner.Row::what)
        .contains(
            "poll cold, N=20 (s)",
            "poll warm, N=20 (s)",
            "serve / (req/s; p50 / p99 ms)",
            "store at 500: first page (ms)");
    assertThat(rows).allSatisfy(r -> assertThat(r.measured()).isNotBlank());
  }
}
