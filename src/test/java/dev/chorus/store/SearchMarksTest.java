package dev.chorus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.store.SearchMarks.Terms;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SearchMarksTest {
  /** Marks shown as brackets, so expectations read like the text. */
  private static String shown(String marked) {
    return marked == null ? null : marked.replace('\u0001', '[').replace('\u0002', ']');
  }

  private static String highlight(String text, String query) {
    return shown(SearchMarks.highlight(text, SearchMarks.terms(query, false)));
  }

  private static String prefixHighlight(String text, String query) {
    return shown(SearchMarks.highlight(text, SearchMarks.terms(query, true)));
  }

  private static String snippet(String query, int tokens, String... columns) {
    return shown(SearchMarks.snippet(SearchMarks.terms(query, false), tokens, columns));
  }

  private static String words(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return true;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void marksEveryMatchingWordIgnoringCaseAndAccents() {
    String text = "Café, CAFÉ and cafe at the caféteria";
    assertThat(highlight(text, "cafe")).isEqualTo("[Café], [CAFÉ] and [cafe] at the caféteria");
    assertThat(highlight(text, "CAFÉ")).isEqualTo("[Café], [CAFÉ] and [cafe] at the caféteria");
    assertThat(highlight("Việt phở ÅNGSTRÖM", "viet pho angstrom"))
        .isEqualTo("[Việt] [phở] [ÅNGSTRÖM]");
  }

  @Test
  void foldsCaseAsTheIndexDoes() {
    assertThat(highlight("ΟΔΟΣ and οδος", "οδοσ")).isEqualTo("[ΟΔΟΣ] and [οδος]");
    assertThat(highlight("Straße STRASSE", "STRAẞE")).isEqualTo("[Straße] STRASSE");
    assertThat(highlight("İstanbul'da", "istanbul")).isEqualTo("[İstanbul]'da");
    assertThat(highlight("kırmızı kirmizi", "kırmızı")).isEqualTo("[kırmızı] kirmizi");
  }

  @Test
  void keepsTheAccentsOfNonLatinLettersAsTheIndexDoes() {
    assertThat(highlight("всё все", "все")).isEqualTo("всё [все]");
    assertThat(highlight("Αθήνα ΑΘΗΝΑ", "αθήνα")).isEqualTo("[Αθήνα] ΑΘΗΝΑ");
  }

  @Test
  void treatsOnlyTheLastWordAsAPrefix() {
    String text = "lat latency later laterally";
    assertThat(prefixHighlight(text, "lat later")).isEqualTo("[lat] latency [later] [laterally]");
    assertThat(highlight(text, "lat later")).isEqualTo("[lat] latency [later] laterally");
    assertThat(prefixHighlight(text, "lat")).isEqualTo("[lat] [latency] [later] [laterally]");
    assertThat(prefixHighlight("Prefixes: Éclair ECLAIRS", "écl"))
        .isEqualTo("Prefixes: [Éclair] [ECLAIRS]");
  }

  @Test
  void punctuationUnderscoresAndSymbolsSeparateWords() {
    assertThat(highlight("state-of-the-art", "art")).isEqualTo("state-of-the-[art]");
    assertThat(highlight("don't stop", "t")).isEqualTo("don'[t] stop");
    assertThat(highlight("foo_bar", "bar")).isEqualTo("foo_[bar]");
    assertThat(highlight("a+b=c (b) b.", "b")).isEqualTo("a+[b]=c ([b]) [b].");
    assertThat(SearchMarks.terms("foo_bar state-of-the-art", false).words())
        .containsExactly("foo", "bar", "state", "of", "the", "art");
  }

  @Test
  void numbersAreWordsToo() {
    assertThat(highlight("Java 17, not 170 or 1.7", "17")).isEqualTo("Java [17], not 170 or 1.7");
    assertThat(highlight("x² is x squared, ½ a half", "x"))
        .isEqualTo("x² is [x] squared, ½ a half");
    assertThat(highlight("x² is x squared", "x²")).isEqualTo("[x²] is x squared");
  }

  @Test
  void keepsCjkEmojiAndSurrogatePairsWhole() {
    assertThat(highlight("hi 😀 there 中文字 ok", "中文字")).isEqualTo("hi 😀 there [中文字] ok");
    assertThat(highlight("great😀deal", "deal")).isEqualTo("great😀[deal]");
    // letters outside the BMP: surrogate pairs, one word
    assertThat(highlight("𝐀𝐁𝐂 and 𠀀𠀁", "𝐀𝐁𝐂 𠀀𠀁")).isEqualTo("[𝐀𝐁𝐂] and [𠀀𠀁]");
    assertThat(highlight("\uE000\uE001 x", "\uE000\uE001")).isEqualTo("[\uE000\uE001] x");
    String marked = SearchMarks.highlight("😀𝐀😀 𝐀", SearchMarks.terms("𝐀", false));
    assertThat(hasLoneSurrogate(marked)).isFalse();
    assertThat(shown(marked)).isEqualTo("😀[𝐀]😀 [𝐀]");
  }

  @Test
  void marksTheOriginalCharactersWhenFoldingChangesTheLength() {
    // "ﬁ" is one letter to the index (no compatibility folding): it matches itself only
    assertThat(highlight("the ﬁle, a file", "ﬁle")).isEqualTo("the [ﬁle], a file");
    // a decomposed accent stays in its word and matches either spelling
    assertThat(highlight("cafe\u0301 noir, café", "cafe")).isEqualTo("[cafe\u0301] noir, [café]");
    assertThat(highlight("cafe\u0301 noir", "café")).isEqualTo("[cafe\u0301] noir");
    // "İ" lower-cases to two chars, "ß" upper-cases to two: later marks still land right
    assertThat(highlight("İİİ ß x İ x", "x")).isEqualTo("İİİ ß [x] İ [x]");
  }

  @Test
  void combiningMarksTheIndexDoesNotKeepSplitWords() {
    assertThat(highlight("e\u0305x", "e")).isEqualTo("[e]\u0305x");
    assertThat(SearchMarks.terms("e\u0305x", false).words()).containsExactly("e", "x");
  }

  @Test
  void nullEmptyAndWordlessInputsGiveNoMarks() {
    Terms cafe = SearchMarks.terms("cafe", false);
    assertThat(SearchMarks.highlight(null, cafe)).isNull();
    assertThat(SearchMarks.highlight("", cafe)).isEmpty();
    assertThat(SearchMarks.highlight("no match here", cafe)).isEqualTo("no match here");

    Terms none = SearchMarks.terms(" -?!_ … \"' ", true);
    assertThat(none.words()).isEmpty();
    assertThat(none.lastIsPrefix()).isFalse();
    assertThat(SearchMarks.highlight("anything - at all", none)).isEqualTo("anything - at all");
    assertThat(SearchMarks.snippet(none, 24, "anything - at all")).isNull();

    assertThat(SearchMarks.terms(null, true).words()).isEmpty();
    assertThat(SearchMarks.terms("", false).words()).isEmpty();
  }

  @Test
  void keepsAtMostTwelveQueryWords() {
    Terms t = SearchMarks.terms(words(0, 15), true);
    assertThat(t.words()).hasSize(12).endsWith("w11");
    assertThat(shown(SearchMarks.highlight("w11x w12", t))).isEqualTo("[w11x] w12");
  }

  @Test
  void termsAreCheckedAndCopied() {
    List<String> thirteen = List.of(words(0, 13).split(" "));
    assertThatThrownBy(() -> new Terms(thirteen, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("12");
    assertThatThrownBy(() -> new Terms(List.of("a", ""), true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new Terms(List.of(), true).lastIsPrefix()).isFalse();
    assertThatThrownBy(() -> SearchMarks.snippet(new Terms(List.of("a"), false), 0, "a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
  }

  @Test
  void snippetsAWholeShortColumnWithoutEllipses() {
    assertThat(snippet("world", 24, "  Hello, world! ")).isEqualTo("  Hello, [world]! ");
    assertThat(snippet("w3", 5, words(0, 5))).isEqualTo("w0 w1 w2 [w3] w4");
  }

  @Test
  void snippetIsNullWhenNoColumnMatches() {
    assertThat(snippet("absent", 24, "one text", null, "another")).isNull();
    assertThat(snippet("absent", 24)).isNull();
    assertThat(snippet("absent", 24, (String) null)).isNull();
    assertThat(snippet("one", 24, null, "", "one text")).isEqualTo("[one] text");
  }

  @Test
  void snippetsTheColumnCoveringTheMostQueryWords() {
    String title = "Rust news";
    String summary = "A post about rust and async runtimes";
    assertThat(snippet("rust async", 24, title, summary, null))
        .isEqualTo("A post about [rust] and [async] runtimes");
    // same words covered: more matches win; then the earlier column
    assertThat(snippet("rust", 24, "rust once", "rust and rust again"))
        .isEqualTo("[rust] and [rust] again");
    assertThat(snippet("rust", 24, "rust first", "rust second")).isEqualTo("[rust] first");
  }

  @Test
  void snippetsTheWindowCoveringTheMostQueryWords() {
    String text = words(0, 10) + " alpha " + words(10, 40) + " alpha beta " + words(40, 80);
    assertThat(snippet("alpha beta", 8, text))
        .isEqualTo("…w38 w39 [alpha] [beta] w40 w41 w42 w43…");
    // the same words covered: the window with more matches wins
    String twice = words(0, 20) + " alpha " + words(20, 40) + " alpha alpha " + words(40, 60);
    assertThat(snippet("alpha", 8, twice)).isEqualTo("…w38 w39 [alpha] [alpha] w40 w41 w42 w43…");
  }

  @Test
  void leavesContextBeforeTheFirstMatchAndEllipsesAtCutEdges() {
    String text = words(0, 50) + " needle " + words(50, 100) + ".";
    // 8 tokens: the match is moved a quarter in, two words precede it
    assertThat(snippet("needle", 8, text)).isEqualTo("…w48 w49 [needle] w50 w51 w52 w53 w54…");
  }

  @Test
  void keepsEveryMatchedWordWhenMovingTheWindow() {
    String text = words(0, 4) + " m1 x x m2 " + words(4, 20);
    assertThat(snippet("m1 m2", 5, text)).isEqualTo("…w3 [m1] x x [m2]…");
    assertThat(snippet("m1 m2", 4, text)).isEqualTo("…[m1] x x [m2]…");
  }

  @Test
  void takesInTheColumnsEdgesWithoutEllipses() {
    String text = "“Needle” " + words(0, 40) + ".";
    assertThat(snippet("needle", 6, text)).isEqualTo("“[Needle]” w0 w1 w2 w3 w4…");
    String end = words(0, 40) + " needle!";
    // near the end the window fills leftwards and keeps the column's trailing text
    assertThat(snippet("needle", 6, end)).isEqualTo("…w35 w36 w37 w38 w39 [needle]!");
  }

  @Test
  void cutsSnippetsOfHugeWords() {
    String huge = "x".repeat(50_000);
    String s = SearchMarks.snippet(SearchMarks.terms("xx", true), 24, "intro " + huge + " end");
    assertThat(s.length()).isLessThan(SearchMarks.MAX_SNIPPET_CHARS + 20);
    assertThat(shown(s)).startsWith("intro [xxx").endsWith("xxx]…");

    // a huge word before the match is dropped rather than the match
    String url = "see https://example.com/" + "a".repeat(5_000) + " then rust is here";
    String r = shown(SearchMarks.snippet(SearchMarks.terms("rust", false), 24, url));
    assertThat(r).isEqualTo("…then [rust] is here");

    // many long words: cut after the last whole word that fits, the match kept
    String longWords = "Donaudampfschifffahrtsgesellschaftskapitän ".repeat(30) + "needle";
    String l = shown(SearchMarks.snippet(SearchMarks.terms("needle", false), 24, longWords));
    assertThat(l).contains("[needle]").startsWith("…");
    assertThat(l.length()).isLessThan(SearchMarks.MAX_SNIPPET_CHARS + 10);
  }

  @Test
  void cutsHugeWordsBetweenCodePoints() {
    String huge = "𝐀".repeat(30_000);
    // "a" shifts the pairs by one char, so the cut would fall inside one
    for (String text : List.of(huge, "a" + huge)) {
      String first = text.substring(0, text.offsetByCodePoints(0, 1));
      String s = SearchMarks.snippet(SearchMarks.terms(first, true), 24, text);
      assertThat(hasLoneSurrogate(s)).isFalse();
      assertThat(s.length()).isLessThan(SearchMarks.MAX_SNIPPET_CHARS + 20);
      assertThat(s).endsWith("\u0002…");
    }
  }

  @Test
  void handlesA200KbColumn() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; b.length() < 200_000; i++) {
      b.append(i % 997 == 0 ? "Rust " : "word").append(i % 13 == 0 ? ". " : " ");
    }
    String text = b.toString();
    Terms terms = SearchMarks.terms("rust wor", true);
    assertThat(SearchMarks.snippet(terms, 24, text)).contains("\u0001Rust\u0002");
    assertThat(SearchMarks.highlight(text, terms)).hasSizeGreaterThan(text.length());
  }
}
