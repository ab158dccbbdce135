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

  /**
   * Fingerprints are stored: the same fields must give the same one in every release, or an upgrade
   * reports every stored post as updated. Pinned from the first release of the format.
   */
  @Test
  void fingerprintsStayTheSameAcrossReleases() {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 700; i++) {
      big.append((char) ('a' + i % 26)).append(i % 50 == 0 ? "\u2019\uD83D\uDE00" : "");
    }
    String[][] pinned = {
      {"<p>c</p>", "m3:1ef5102ca0b61959ec9f5265989ca459"},
      {big.toString(), "m3:bceb5612f31684e0b4e15ec1cd21b1bb"},
      {big.substring(0, 257), "m3:f515c43ca197c5d87af48c3ddb22c75d"},
      {big.substring(0, 258), "m3:15971993cefd802149d7fc981265eb53"},
      {big.substring(0, 259), "m3:98655ce42e899e06e794e0ca2fcd689a"},
      {big.substring(0, 511), "m3:65affb3ef36e7d4fa4de2035dc57336d"},
      {"", "m3:686a034616144014d79d230b360b2f73"},
    };
    for (String[] p : pinned) {
      ParsedEntry e =
          new ParsedEntry(
              "g",
              "https://a.example/1",
              "One \u2014 two",
              "Ann",
              FuzzyDate.ofDay(2026, 1, 2),
              null,
              "s",
              p[0]);
      assertThat(EntryHash.of(e)).as("content of %d chars", p[0].length()).isEqualTo(p[1]);
    }
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
