package dev.chorus.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.model.FuzzyDate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedDatesTest {

  @Test
  void rfc822DatesWithNamedZonesAndOffsetsBecomeUtcInstants() {
    assertThat(FeedDates.parse("Thu, 01 Jan 2004 19:48:21 GMT"))
        .isEqualTo(FuzzyDate.ofInstant(Instant.parse("2004-01-01T19:48:21Z")));
    assertThat(FeedDates.parse("Sat, 7 Jun 2003 04:00 EST").instant())
        .isEqualTo(Instant.parse("2003-06-07T09:00:00Z"));
    assertThat(FeedDates.parse("07 Jun 03 04:00:00 +0200").instant())
        .isEqualTo(Instant.parse("2003-06-07T02:00:00Z"));
  }

  @Test
  void w3cDateTimesBecomeUtcInstants() {
    assertThat(FeedDates.parse("2003-12-13T08:29:29-04:00").instant())
        .isEqualTo(Instant.parse("2003-12-13T12:29:29Z"));
    assertThat(FeedDates.parse("2003-12-13T18:30:02.25Z").instant())
        .isEqualTo(Instant.parse("2003-12-13T18:30:02.25Z"));
    assertThat(FeedDates.parse("2003-12-13 18:30:02").instant())
        .isEqualTo(Instant.parse("2003-12-13T18:30:02Z"));
  }

  @Test
  void dateOnlyValuesKeepTheirPrecision() {
    assertThat(FeedDates.parse("2003-12-13")).isEqualTo(FuzzyDate.ofDay(2003, 12, 13));
    assertThat(FeedDates.parse("2003-12")).isEqualTo(FuzzyDate.ofMonth(2003, 12));
    assertThat(FeedDates.parse("2003")).isEqualTo(FuzzyDate.ofYear(2003));
  }

  @Test
  void unreadableDatesGiveNull() {
    assertThat(FeedDates.parse("next tuesday")).isNull();
    assertThat(FeedDates.parse("")).isNull();
    assertThat(FeedDates.parse(null)).isNull();
    assertThat(FeedDates.parse("2003-13-45")).isNull();
  }

  @Test
  void commonIsoFastPathAgreesWithTheFormatters() {
    for (String t :
        new String[] {
          "2003-12-13T08:29:29-04:00", "2003-12-13T18:30:02.25Z", "2003-12-13 18:30:02Z",
          "2024-02-29T23:59:59.123456789+05:30", "2025-06-01T12:00:00Z", "2023-02-29T10:00:00Z",
          "2003-12-13T18:30:02.Z", "2003-12-13T18:30:02+0400", "2003-12-13T25:30:02Z"
        }) {
      java.time.Instant slow;
      try {
        slow = java.time.OffsetDateTime.parse(t.replace(' ', 'T')).toInstant();
      } catch (java.time.format.DateTimeParseException e) {
        slow = null;
      }
      java.time.Instant fast = FeedDates.commonIso(t);
      if (fast != null) {
        assertThat(fast).as(t).isEqualTo(slow);
      }
    }
    assertThat(FeedDates.commonIso("2025-06-01T12:00:00Z"))
        .isEqualTo(java.time.Instant.parse("2025-06-01T12:00:00Z"));
    assertThat(FeedDates.commonIso("2023-02-29T10:00:00Z")).isNull();
  }
}
