package dev.chorus.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.config.PollSettings;
import dev.chorus.config.SourceConfig;
import dev.chorus.config.SourceConfig.ContentMode;
import dev.chorus.model.SourceState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final Schedule schedule = new Schedule(Clock.fixed(NOW, ZoneOffset.UTC));
  private final SourceConfig source =
      new SourceConfig("a", "A", "https://a.example/", null, List.of(), PollSettings.fixed(Duration.ofMinutes(30)), null, ContentMode.FULL, 1);

  private static SourceState failures(int n) {
    return new SourceState("a", "A", "u", null, null, null, null, null, null, "x", n, null, false, 0, null);
  }

  @Test
  void pollsAgainAfterTheIntervalOnSuccess() {
    assertThat(schedule.afterSuccess(source, null, null)).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
  }

  @Test
  void honoursALongerTtlOrMaxAgeButNotAShorterOne() {
    assertThat(schedule.afterSuccess(source, 120, null)).isEqualTo(NOW.plus(Duration.ofHours(2)));
    assertThat(schedule.afterSuccess(source, 5, null)).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    assertThat(schedule.afterSuccess(source, null, Duration.ofHours(3))).isEqualTo(NOW.plus(Duration.ofHours(3)));
    assertThat(schedule.afterSuccess(source, 100_000, null)).isEqualTo(NOW.plus(Duration.ofHours(24)));
  }

  @Test
  void backsOffExponentiallyUpToADay() {
    assertThat(schedule.afterFailure(source, null, null)).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    assertThat(schedule.afterFailure(source, failures(1), null)).isEqualTo(NOW.plus(Duration.ofMinutes(60)));
    assertThat(schedule.afterFailure(source, failures(3), null)).isEqualTo(NOW.plus(Duration.ofMinutes(240)));
    assertThat(schedule.afterFailure(source, failures(30), null)).isEqualTo(NOW.plus(Duration.ofHours(24)));
  }

  @Test
  void waitsForRetryAfterWhenItIsLater() {
    Instant later = NOW.plus(Duration.ofHours(5));
    assertThat(schedule.afterFailure(source, null, later)).isEqualTo(later);
    assertThat(schedule.afterFailure(source, null, NOW.plusSeconds(60))).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
  }
}
