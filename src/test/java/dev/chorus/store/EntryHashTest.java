package dev.chorus.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.model.FuzzyDate;
import dev.chorus.model.ParsedEntry;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntryHashTest {
  private static ParsedEntry entry(String title, String summary, String content) {
    return new ParsedEntry(
        "g",
        "https://a.example/1",
        title,
        "Ann",
        FuzzyDate.ofDay(2026, 1, 2),
        null,
        summary,
        content);
  }

  @Test
  void sameFieldsGiveTheSameFingerprint() {
    assertThat(EntryHash.of(entry("One", "s", "<p>c</p>")))
        .isEqualTo(EntryHash.of(entry("One", "s", "<p>c</p>")))
        .startsWith(EntryHash.PREFIX)
        .hasSize(EntryHash.PREFIX.length() + 32);
  }

  @Test
  void anyChangedFieldChangesTheFingerprint() {
    String base = EntryHash.of(entry("One", "s", "<p>c</p>"));
    assertThat(EntryHash.of(entry("One!", "s", "<p>c</p>"))).isNotEqualTo(base);
    assertThat(EntryHash.of(entry("One", "s ", "<p>c</p>"))).isNotEqualTo(base);
    assertThat(EntryHash.of(entry("One", "s", "<p>C</p>"))).isNotEqualTo(base);
    assertThat(EntryHash.of(entry("One", "s", null))).isNotEqualTo(base);
    ParsedEntry updated =
        new ParsedEntry(
            "g",
            "https://a.example/1",
            "One",
            "Ann",
            FuzzyDate.ofDay(2026, 1, 2),
            Instant.parse("2026-01-03T00:00:00Z"),
            "s",
            "<p>c</p>");
    assertThat(EntryHash.of(updated)).isNotEqualTo(base);
  }

  @Test
  void fieldBoundariesCount() {
    assertThat(EntryHash.of(entry("ab", "c", null)))
        .isNotEqualTo(EntryHash.of(entry("a", "bc", null)));
    assertThat(EntryHash.of(entry("", null, null)))
        .isNotEqualTo(EntryHash.of(entry(null, "", null)));
    assertThat(EntryHash.of(entry("null", null, null)))
        .isNotEqualTo(EntryHash.of(entry(null, null, null)));
  }

  @Test
  void everyLengthAroundTheWordSizeIsDistinct() {
    Set<String> seen = new HashSet<>();
    StringBuilder text = new StringBuilder();
    for (int n = 0; n < 40; n++) {
      assertThat(seen.add(EntryHash.of(entry(text.toString(), null, null)))).isTrue();
      text.append('\0');
    }
    for (int i = 0; i < 20_000; i++) {
      assertThat(seen.add(EntryHash.of(entry("post " + i, null, "é " + i)))).isTrue();
    }
  }

  @Test
  void recognisesFingerprintsStoredBeforeThisFormat() {
    ParsedEntry e = entry("One", "s", "<p>c</p>");
    String old = EntryHash.legacy(e);
    assertThat(old).hasSize(32).doesNotStartWith(EntryHash.PREFIX);
    assertThat(EntryHash.isLegacy(old)).isTrue();
    assertThat(EntryHash.same(old, EntryHash.of(e), e)).isTrue();
    assertThat(EntryHash.same(old, EntryHash.of(e), entry("Two", "s", "<p>c</p>"))).isFalse();
    assertThat(EntryHash.same(EntryHash.of(e), EntryHash.of(e), e)).isTrue();
    assertThat(EntryHash.isLegacy(EntryHash.of(e))).isFalse();
  }
}
