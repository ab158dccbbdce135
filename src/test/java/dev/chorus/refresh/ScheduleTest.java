package dev.chorus.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.config.PollSettings;
import dev.chorus.config.SourceConfig;
import dev.chorus.config.SourceConfig.ContentMode;
import dev.chorus.model.RecentPosts;
import dev.chorus.model.SourceState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration EVERY = Duration.ofMinutes(30);
  private final Schedule schedule = new Schedule(Clock.fixed(NOW, ZoneOffset.UTC));
  private final SourceConfig source = source(PollSettings.fixed(EVERY));
  private final SourceConfig adaptive = source(new PollSettings(EVERY, Duration.ofHours(24), true));

  private static SourceConfig source(PollSettings poll) {
    return new SourceConfig(
        "a", "A", "https://a.example/", null, List.of(), poll, null, ContentMode.FULL, 1);
  }

  private static SourceState failures(int n) {
    return new SourceState(
        "a", "A", "u", null, null, null, null, null, null, "x", n, null, false, 0, null);
  }

  /** Four weeks of posts from a source posting this many times a week. */
  private static RecentPosts weekly(int postsPerWeek) {
    return new RecentPosts(postsPerWeek * 4, NOW.minus(Duration.ofDays(28)));
  }

  private Duration waitAfterSuccess(SourceConfig s, RecentPosts recent) {
    return Duration.between(NOW, schedule.afterSuccess(s, recent, null, null));
  }

  @Test
  void pollsAWeeklyPosterOnlyOnceADay() {
    assertThat(waitAfterSuccess(adaptive, weekly(1))).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void pollsADailyPosterTwicePerGapBetweenPosts() {
    assertThat(waitAfterSuccess(adaptive, weekly(7))).isEqualTo(Duration.ofHours(12));
    assertThat(waitAfterSuccess(adaptive, weekly(21))).isEqualTo(Duration.ofHours(4));
  }

  @Test
  void pollsAVeryActiveSourceEveryPollEveryAndNoMoreOften() {
    assertThat(waitAfterSuccess(adaptive, weekly(350))).isEqualTo(EVERY);
    assertThat(
            waitAfterSuccess(adaptive, new RecentPosts(1_000_000, NOW.minus(Duration.ofDays(28)))))
        .isEqualTo(EVERY);
  }

  @Test
  void waitsTheCeilingForASourceWithNoRecentPosts() {
    assertThat(waitAfterSuccess(adaptive, RecentPosts.NONE)).isEqualTo(Duration.ofHours(24));
    SourceConfig weeklyCeiling = source(new PollSettings(EVERY, Duration.ofDays(7), true));
    assertThat(waitAfterSuccess(weeklyCeiling, RecentPosts.NONE)).isEqualTo(Duration.ofDays(7));
    assertThat(waitAfterSuccess(weeklyCeiling, weekly(1))).isEqualTo(Duration.ofHours(84));
  }

  @Test
  void pollsEveryPollEveryWhenNotAdaptive() {
    assertThat(schedule.rateSince(source)).isNull();
    assertThat(waitAfterSuccess(source, RecentPosts.NONE)).isEqualTo(EVERY);
    assertThat(waitAfterSuccess(source, weekly(1))).isEqualTo(EVERY);
  }

  @Test
  void judgesANewSourceOnTheDaysItsPostsCover() {
    RecentPosts everySevenHours = new RecentPosts(45, NOW.minus(Duration.ofHours(7 * 44)));
    assertThat(waitAfterSuccess(adaptive, everySevenHours))
        .isEqualTo(Duration.ofHours(7 * 44).dividedBy(90));
  }

  @Test
  void judgesARateOnAWeekAtLeast() {
    SourceConfig weeklyCeiling = source(new PollSettings(EVERY, Duration.ofDays(7), true));
    assertThat(
            waitAfterSuccess(weeklyCeiling, new RecentPosts(1, NOW.minus(Duration.ofMinutes(10)))))
        .isEqualTo(Duration.ofHours(84));
    assertThat(waitAfterSuccess(adaptive, new RecentPosts(14, NOW.minus(Duration.ofHours(1)))))
        .isEqualTo(Duration.ofHours(6));
  }

  @Test
  void countsPostsOverTheLastFourWeeks() {
    assertThat(schedule.rateSince(adaptive)).isEqualTo(NOW.minus(Duration.ofDays(28)));
  }

  @Test
  void honoursATtlLongerThanTheAdaptiveWait() {
    RecentPosts daily = weekly(7);
    assertThat(schedule.afterSuccess(adaptive, daily, 18 * 60, null))
        .isEqualTo(NOW.plus(Duration.ofHours(18)));
    assertThat(schedule.afterSuccess(adaptive, daily, 60, null))
        .isEqualTo(NOW.plus(Duration.ofHours(12)));
    assertThat(schedule.afterSuccess(adaptive, daily, null, Duration.ofHours(20)))
        .isEqualTo(NOW.plus(Duration.ofHours(20)));
  }

  @Test
  void honoursALongerTtlOrMaxAgeButNotAShorterOne() {
    assertThat(schedule.afterSuccess(source, RecentPosts.NONE, 120, null))
        .isEqualTo(NOW.plus(Duration.ofHours(2)));
    assertThat(schedule.afterSuccess(source, RecentPosts.NONE, 5, null))
        .isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    assertThat(schedule.afterSuccess(source, RecentPosts.NONE, null, Duration.ofHours(3)))
        .isEqualTo(NOW.plus(Duration.ofHours(3)));
    assertThat(schedule.afterSuccess(source, RecentPosts.NONE, 100_000, null))
        .isEqualTo(NOW.plus(Duration.ofHours(24)));
  }

  @Test
  void backsOffExponentiallyUpToADay() {
    assertThat(schedule.afterFailure(source, null, null))
        .isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    assertThat(schedule.afterFailure(source, failures(1), null))
        .isEqualTo(NOW.plus(Duration.ofMinutes(60)));
    assertThat(schedule.afterFailure(source, failures(3), null))
        .isEqualTo(NOW.plus(Duration.ofMinutes(240)));
    assertThat(schedule.afterFailure(source, failures(30), null))
        .isEqualTo(NOW.plus(Duration.ofHours(24)));
  }

  @Test
  void backsOffFromPollEveryWhateverTheSourcePosts() {
    assertThat(schedule.afterFailure(adaptive, failures(1), null))
        .isEqualTo(NOW.plus(Duration.ofMinutes(60)));
  }

  @Test
  void waitsForRetryAfterWhenItIsLater() {
    Instant later = NOW.plus(Duration.ofHours(5));
    assertThat(schedule.afterFailure(source, null, later)).isEqualTo(later);
    assertThat(schedule.afterFailure(source, null, NOW.plusSeconds(60)))
        .isEqualTo(NOW.plus(Duration.ofMinutes(30)));
  }
}
