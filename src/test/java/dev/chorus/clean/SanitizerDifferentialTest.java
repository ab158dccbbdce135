package dev.chorus.clean;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.bench.FeedFarm;
import dev.chorus.model.ParsedEntry;
import dev.chorus.parse.FeedParseException;
import dev.chorus.parse.FeedParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * Our sanitizer against the OWASP sanitizer with the policy HtmlCleaner had ({@link OwaspOracle}),
 * over every HTML text of feedparser's corpus, the HTML of our test feeds and pages, and the bench
 * farm's entries. Each output must be byte-identical to OWASP's, or show the same text and the same
 * elements with the same attributes and values, or differ in one of the ways listed in {@link
 * Difference}.
 */
class SanitizerDifferentialTest {

  /** One text to sanitise, where it comes from, and the base its URLs resolve against. */
  record Input(String source, String html, String base) {}

  /** The known differences, each with the test that recognises it. Anything else fails the test. */
  enum Difference {
    /**
     * OWASP wrote a table part, a list item, a dt or a dd outside a table, list or dl (its tag
     * balancer skips the wrapper when the parent sorts after the child's parents in its tables, and
     * has none for dt/dd); we wrap it. A bare td or dd would end a cell or item of the page around
     * the HTML.
     */
    WRAPPED_OUTSIDE_ITS_TABLE_OR_LIST,
    /**
     * Text directly in an element whose text is hidden (object, noscript, noembed...) after a child
     * element or an unknown end tag: OWASP's flag for hidden text is reset by any end tag; we hide
     * it while the element is open. Only text is left out.
     */
    TEXT_HIDDEN_AFTER_A_CHILD,
    /**
     * An unquoted attribute value that ends in a quote ({@code href=http://x/"}): the quote is part
     * of the value as HTML5 and browsers read it; OWASP drops it.
     */
    QUOTE_KEPT_IN_AN_UNQUOTED_VALUE
  }

  private static final Pattern HIDING =
      Pattern.compile("(?i)<(object|noscript|noembed|noframes|iframe|frame|frameset)\\b");
  private static final Pattern START_TAG =
      Pattern.compile("<([a-z][a-z0-9]*)((?: [a-z]+=\"[^\"]*\")*)");
  private static final Pattern ATTRIBUTE = Pattern.compile(" ([a-z]+)=\"([^\"]*)\"");
  private static final List<String> WRAPPERS =
      List.of("table", "tbody", "tr", "colgroup", "ul", "dl");

  private final HtmlCleaner cleaner = new HtmlCleaner();

  @Test
  void outputsAreOwaspsOrDifferOnlyInTheListedWays() throws Exception {
    List<Input> inputs = new ArrayList<>();
    Map<String, Integer> bySource = new TreeMap<>();
    add(inputs, bySource, "feedparser sanitize corpus", corpusTexts("sanitize"));
    add(inputs, bySource, "rest of feedparser's well-formed corpus", otherCorpusTexts());
    add(inputs, bySource, "test feeds and pages", testFeedsAndPages());
    add(inputs, bySource, "bench farm", farmEntries());

    int identical = 0;
    int onlySpaces = 0;
    int sameTextAndMarkup = 0;
    Map<Difference, Integer> differences = new TreeMap<>();
    Map<Difference, String> examples = new HashMap<>();
    List<String> unexplained = new ArrayList<>();
    for (Input in : inputs) {
      String ours = cleaner.sanitize(in.html(), in.base());
      String theirs = owasp(in.html(), in.base());
      if (ours.equals(theirs)) {
        identical++;
        continue;
      }
      if (ours.replaceAll("\\s+", "").equals(theirs.replaceAll("\\s+", ""))) {
        onlySpaces++; // as in the text OWASP shows after a child of an object (see below)
        continue;
      }
      if (text(ours).equals(text(theirs)) && markup(ours).equals(markup(theirs))) {
        sameTextAndMarkup++;
        continue;
      }
      Difference d = explain(in.html(), ours, theirs);
      if (d == null) {
        unexplained.add(
            in.source() + ": " + in.html() + "\n  ours:  " + ours + "\n  OWASP: " + theirs);
      } else {
        differences.merge(d, 1, Integer::sum);
        examples.putIfAbsent(d, in.html() + "\n    ours:  " + ours + "\n    OWASP: " + theirs);
      }
    }
    System.out.printf(
        "Differential against OWASP: %d inputs %s; %d byte-identical (%.2f%%), %d differing only"
            + " in spaces, %d otherwise with the same text and markup, %s, %d unexplained%n",
        inputs.size(),
        bySource,
        identical,
        100.0 * identical / inputs.size(),
        onlySpaces,
        sameTextAndMarkup,
        differences,
        unexplained.size());
    examples.forEach((d, e) -> System.out.println("  " + d + ", e.g. " + e));

    assertThat(unexplained).isEmpty();
    assertThat(bySource.get("feedparser sanitize corpus")).isGreaterThan(4900);
    assertThat(bySource.get("test feeds and pages")).isGreaterThan(500);
    assertThat(bySource.get("bench farm")).isGreaterThan(900);
    // byte-identical for all but a handful: the listed differences are rare
    assertThat(identical).isGreaterThan(inputs.size() * 99 / 100);
    assertThat(differences.values().stream().mapToInt(Integer::intValue).sum()).isLessThan(60);
  }

  /** The known difference between the two outputs, or null. */
  static Difference explain(String input, String ours, String theirs) {
    List<String> mine = markup(ours);
    List<String> owasps = markup(theirs);
    if (text(ours).equals(text(theirs))) {
      List<String> extra = new ArrayList<>(mine);
      owasps.forEach(extra::remove);
      List<String> missing = new ArrayList<>(owasps);
      mine.forEach(missing::remove);
      if (missing.isEmpty() && !extra.isEmpty() && extra.stream().allMatch(WRAPPERS::contains)) {
        return Difference.WRAPPED_OUTSIDE_ITS_TABLE_OR_LIST;
      }
      if (missing.size() == extra.size()
          && allPairwise(missing, extra, SanitizerDifferentialTest::quoteKept)) {
        return Difference.QUOTE_KEPT_IN_AN_UNQUOTED_VALUE;
      }
    }
    if (mine.equals(owasps)
        && HIDING.matcher(input).find()
        && isSubsequence(text(ours), text(theirs))) {
      return Difference.TEXT_HIDDEN_AFTER_A_CHILD;
    }
    return null;
  }

  /** Whether ours is OWASP's attribute with the value's trailing quote kept. */
  private static boolean quoteKept(String owasps, String ours) {
    return ours.equals(owasps + "%22")
        || ours.equals(owasps + "%27")
        || ours.equals(owasps + "\"")
        || ours.equals(owasps + "'");
  }

  private static boolean allPairwise(
      List<String> a, List<String> b, java.util.function.BiPredicate<String, String> p) {
    for (int i = 0; i < a.size(); i++) {
      if (!p.test(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSubsequence(String sub, String of) {
    int i = 0;
    for (int k = 0; k < of.length() && i < sub.length(); k++) {
      if (of.charAt(k) == sub.charAt(i)) {
        i++;
      }
    }
    return i == sub.length();
  }

  /** OWASP's output, with its rel values in one order (it iterates a set, whose order varies). */
  static String owasp(String html, String base) {
    return OwaspOracle.sanitize(html, base)
        .replace("rel=\"noreferrer noopener\"", "rel=\"noopener noreferrer\"");
  }

  /** The text a browser shows, whitespace normalised. */
  static String text(String html) {
    return Jsoup.parseBodyFragment(html).body().text();
  }

  /**
   * The elements written, and each one's attributes with their values (as written), sorted. Read
   * from the tags themselves, not from a parse: a browser's parser drops a bare td or col.
   */
  static List<String> markup(String html) {
    List<String> out = new ArrayList<>();
    Matcher tag = START_TAG.matcher(html);
    while (tag.find()) {
      String name = tag.group(1);
      out.add(name);
      Matcher attribute = ATTRIBUTE.matcher(tag.group(2));
      while (attribute.find()) {
        out.add(name + " " + attribute.group(1) + "=" + attribute.group(2));
      }
    }
    out.sort(null);
    return out;
  }

  private static void add(
      List<Input> inputs, Map<String, Integer> bySource, String source, List<Input> more) {
    inputs.addAll(more);
    bySource.put(source, more.size());
  }

  /** The HTML texts SanitizeCorpusTest reads, from one folder of feedparser's corpus. */
  static List<Input> corpusTexts(String folder) throws IOException, URISyntaxException {
    return corpusTexts(wellformed().resolve(folder), p -> true);
  }

  private static List<Input> otherCorpusTexts() throws IOException, URISyntaxException {
    Path sanitize = wellformed().resolve("sanitize");
    return corpusTexts(wellformed(), p -> !p.startsWith(sanitize));
  }

  private static List<Input> corpusTexts(Path dir, Predicate<Path> which) throws IOException {
    List<Input> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".xml")).filter(which).sorted().toList()) {
        String xml = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        for (String html : SanitizeCorpusTest.htmlTexts(xml)) {
          out.add(new Input(f.getFileName().toString(), html, "http://example.com/feed/"));
        }
      }
    }
    return out;
  }

  private static Path wellformed() throws URISyntaxException {
    return Path.of(
        SanitizerDifferentialTest.class.getResource("/feedparser/tests/wellformed").toURI());
  }

  /** The entries of our test feeds as the parser reads them, and our test pages whole. */
  static List<Input> testFeedsAndPages() throws IOException, URISyntaxException {
    Path resources =
        Path.of(SanitizerDifferentialTest.class.getResource("/feeds").toURI()).getParent();
    FeedParser parser = new FeedParser();
    List<Input> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(resources)) {
      for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
        String name = resources.relativize(f).toString();
        if (name.startsWith("feedparser")) {
          continue;
        }
        if (name.endsWith(".html")) {
          out.add(new Input(name, Files.readString(f), "https://blog.example.com/post/"));
        } else if (name.startsWith("feeds/") || name.startsWith("sites/e2e/")) {
          String feedUrl = "https://feeds.example.com/" + f.getFileName();
          try {
            for (ParsedEntry e : parser.parse(Files.readAllBytes(f), null, feedUrl).entries()) {
              addEntry(out, name, e, feedUrl);
            }
          } catch (FeedParseException e) {
            // a test feed that is meant not to parse
          }
        }
      }
    }
    return out;
  }

  /** The entries of 40 farm feeds (seed 7), as the parser reads them. */
  static List<Input> farmEntries() throws FeedParseException {
    FeedParser parser = new FeedParser();
    List<Input> out = new ArrayList<>();
    for (FeedFarm.Feed f : FeedFarm.generate(40, 7).feeds()) {
      String feedUrl = "http://127.0.0.1/feed";
      for (ParsedEntry e : parser.parse(f.body(), f.contentType(), feedUrl).entries()) {
        addEntry(out, "farm feed " + f.index(), e, feedUrl);
      }
    }
    return out;
  }

  private static void addEntry(List<Input> out, String source, ParsedEntry e, String feedUrl) {
    String base = e.url() != null ? e.url() : feedUrl;
    for (String html : new String[] {e.summaryHtml(), e.contentHtml()}) {
      if (html != null && !html.isBlank()) {
        out.add(new Input(source, html, base));
      }
    }
  }
}
