package dev.chorus.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.model.FuzzyDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HumanDatesTest {

  private static String iso(String text, Integer year) {
    return HumanDates.parse(text, year).map(FuzzyDate::iso).orElse(null);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "October 9, 2024 | 2024-10-09",
        "Oct 9, 2024 | 2024-10-09",
        "Oct. 9, 2024 | 2024-10-09",
        "9 Oct 2024 | 2024-10-09",
        "9 October 2024 | 2024-10-09",
        "9th of October, 2024 | 2024-10-09",
        "Dec 2024 | 2024-12",
        "December 2024 | 2024-12",
        "Sept 2023 | 2023-09",
        "2026 | 2026",
        "2024-10-09 | 2024-10-09",
        "2024/10/09 | 2024-10-09",
        "2024-12 | 2024-12",
        "2024-10-09T08:00:00+02:00 | 2024-10-09T06:00:00Z",
        "2026-03-02T00:00:00.000Z | 2026-03-02T00:00:00Z",
        "2024-10-09 00:00:00 +0000 UTC | 2024-10-09T00:00:00Z",
        "2024-10-09T08:00:00 | 2024-10-09",
        "Published 3 June 2024 | 2024-06-03",
        "Nov 18, 2025 | 2025-11-18",
        "Updated: Nov 18, 2025 | 2025-11-18",
        "October 9, 2024 · 5 min · MW | 2024-10-09",
        "Dec 2024 · serverless.fyi → | 2024-12",
        "5 min · 2026 | 2026",
      })
  void readsCommonForms(String text, String expected) {
    assertThat(iso(text, null)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"Mar 02 | 2026-03-02", "2 Mar | 2026-03-02", "Dec 09 · 3 min | 2026-12-09"})
  void takesTheYearFromContextWhenTheTextHasNone(String text, String expected) {
    assertThat(iso(text, 2026)).isEqualTo(expected);
    assertThat(iso(text, null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "Top 10 tips for 2024 that will change your life",
        "Top 10 tips for 2024",
        "12024",
        "© 2024",
        "Call 555-2024-11",
        "February 30, 2024",
        "1850",
        "Version 2.2024",
        "Read more",
        "Marketing 2024 plans for the team"
      })
  void refusesWhatIsNotADate(String text) {
    assertThat(iso(text, null)).isNull();
  }

  @org.junit.jupiter.api.Test
  void keepsPrecisionKnown() {
    assertThat(HumanDates.parse("Dec 2024").orElseThrow().precision())
        .isEqualTo(FuzzyDate.Precision.MONTH);
    assertThat(HumanDates.parse("2026").orElseThrow().precision())
        .isEqualTo(FuzzyDate.Precision.YEAR);
    assertThat(HumanDates.parse(null)).isEmpty();
    assertThat(HumanDates.parse("x".repeat(100_000) + " 2024-01-01")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-10-09T23:30:00-07:00 | 2024-10-09",
        "2024-10-09T00:30:00+09:00 | 2024-10-09",
        "2024-10-09T12:00:00-07:00 | 2024-10-09T19:00:00Z",
      })
  void keepsTheWritersCalendarDayWhenTheOffsetWouldMoveIt(String text, String expected) {
    assertThat(iso(text, null)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Published Oct 9, 2024 · Updated Nov 2, 2024 | 2024-10-09",
        "Updated Nov 2, 2024 · Published Oct 9, 2024 | 2024-10-09",
        "Oct 9, 2024 · updated Nov 2, 2024 | 2024-10-09",
        "Updated Nov 2, 2024 · Oct 9, 2024 | 2024-10-09",
        "Oct 9, 2024 | 2024-10-09",
      })
  void prefersThePublicationDateOverAnUpdate(String text, String expected) {
    assertThat(HumanDates.published(text, null).map(FuzzyDate::iso).orElse(null))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Sep 14",
        "14 Sep",
        "2024-10-09",
        "Oct 2024",
        "3 days ago",
        "Yesterday",
        "2 weeks ago"
      })
  void recognisesShortDateLabels(String text) {
    assertThat(HumanDates.looksLikeDate(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Rate limiting at the edge",
        "Engineering",
        "The year 2024 in review at the edge of things"
      })
  void doesNotTakeTitlesForDateLabels(String text) {
    assertThat(HumanDates.looksLikeDate(text)).isFalse();
  }
}
