package dev.chorus.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.chorus.model.ParsedEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostListDetectorTest {

  private final PostListDetector detector = new PostListDetector();

  static String page(String name) {
    try (InputStream in = PostListDetectorTest.class.getResourceAsStream("/scrape/pages/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Detection detect(String name, String pageUrl) {
    return detector.detect(page(name), pageUrl);
  }

  private static List<String> urls(Detection d) {
    return d.posts().stream().map(ParsedEntry::url).toList();
  }

  private static List<String> titles(Detection d) {
    return d.posts().stream().map(ParsedEntry::title).toList();
  }

  private static List<String> dates(Detection d) {
    return d.posts().stream().map(p -> p.published() == null ? null : p.published().iso()).toList();
  }

  @Test
  void readsWordPressArticlesAndSkipsSidebarCategoriesAndPagination() {
    Detection d = detect("wordpress.html", "https://quiet.example/");
    assertThat(d.method()).isEqualTo("detected");
    assertThat(urls(d))
        .containsExactly(
            "https://quiet.example/2024/10/09/register-allocation-by-graph-coloring/",
            "https://quiet.example/2024/09/02/pratt-parsers-for-the-impatient/",
            "https://quiet.example/2024/07/21/ssa-without-tears/");
    assertThat(titles(d))
        .containsExactly(
            "Register allocation by graph coloring",
            "Pratt parsers for the impatient",
            "SSA without tears");
    assertThat(dates(d).get(0)).isEqualTo("2024-10-09T06:00:00Z");
    assertThat(d.posts().get(0).summaryHtml()).startsWith("Chaitin’s algorithm still sits");
    assertThat(d.posts().get(0).author()).isEqualTo("Ada");
  }

  @Test
  void mergesGhostFeaturedCardWithTheSamePostInTheFeed() {
    Detection d = detect("ghost.html", "https://notes.example/");
    assertThat(urls(d))
        .containsExactly(
            "https://notes.example/the-long-now-of-databases/",
            "https://notes.example/small-tools-big-leverage/",
            "https://notes.example/on-writing-runbooks/");
    assertThat(titles(d))
        .containsExactly(
            "The long now of databases", "Small tools, big leverage", "On writing runbooks");
    assertThat(dates(d)).containsExactly("2025-03-14", "2025-02-02", "2025-01-20");
    assertThat(d.posts().get(1).summaryHtml()).startsWith("A shell script that saved us");
  }

  @Test
  void readsHugoListWithDateSpans() {
    Detection d = detect("hugo.html", "https://marginalia.example/posts/");
    assertThat(titles(d))
        .containsExactly(
            "Notes on backpressure",
            "The case for boring queues",
            "Reading flame graphs",
            "A year of on-call");
    assertThat(dates(d)).containsExactly("2024-11-03", "2024-08-17", "2024-05-01", "2023-12-24");
    assertThat(d.posts()).allSatisfy(p -> assertThat(p.summaryHtml()).isNull());
  }

  @Test
  void readsJekyllPostListWithExcerpts() {
    Detection d = detect("jekyll.html", "https://tidepool.example/");
    assertThat(urls(d))
        .containsExactly(
            "https://tidepool.example/2024/10/09/tuning-the-gc.html",
            "https://tidepool.example/2024/09/01/why-i-log-less.html",
            "https://tidepool.example/2024/06/30/welcome-to-jekyll.html");
    assertThat(dates(d)).containsExactly("2024-10-09", "2024-09-01", "2024-06-30");
    assertThat(d.posts().get(0).summaryHtml())
        .isEqualTo("Most pauses we blamed on the collector were our own allocations.");
    assertThat(d.posts().get(2).summaryHtml()).isNull();
  }

  @Test
  void readsUtilityClassDivSoupWithoutHeadings() {
    Detection d = detect("astro-utility.html", "https://juno.example/blog");
    assertThat(titles(d))
        .containsExactly(
            "Building a tiny search engine",
            "CSS :has() and me",
            "TypeScript enums considered harmful");
    assertThat(dates(d)).containsExactly("2025-11-18", "2025-10-02", "2025-08-11");
    assertThat(d.posts().get(2).summaryHtml()).startsWith("Union types do the job");
  }

  @Test
  void readsSubstackStyleArchiveWithTimeAttributes() {
    Detection d = detect("substack.html", "https://latency.substack.com/archive");
    assertThat(titles(d))
        .containsExactly(
            "The tail at scale, revisited", "Hedged requests", "Queueing theory for busy people");
    assertThat(dates(d).get(0)).startsWith("2025-11-18");
    assertThat(d.posts().get(1).summaryHtml())
        .isEqualTo("Sending the same request twice is cheaper than you think.");
  }

  @Test
  void readsPlainListOfLinksAndSkipsNavigationLinks() {
    Detection d = detect("plain-list.html", "https://bits.example/");
    assertThat(urls(d))
        .containsExactly(
            "https://bits.example/writing/against-microservices.html",
            "https://bits.example/writing/my-vim-setup-in-2024.html",
            "https://bits.example/writing/what-i-learned-from-fuzzing.html",
            "https://bits.example/writing/unix-pipes-as-architecture.html");
    assertThat(d.posts().get(1).title()).isEqualTo("My vim setup in 2024");
    assertThat(dates(d)).containsOnlyNulls();
  }

  @Test
  void readsTableRowsWithDateCells() {
    Detection d = detect("table.html", "https://quiet.example/archive/");
    assertThat(titles(d))
        .containsExactly("The quiet web", "In praise of slow software", "Reading old code");
    assertThat(dates(d)).containsExactly("2023-03-05", "2022-11-12", "2022-06-01");
  }

  @Test
  void takesTheYearOfRowsFromTheHeadingTheyAreGroupedUnder() {
    Detection d = detect("year-grouped.html", "https://ren.example/archive/");
    assertThat(titles(d))
        .containsExactly(
            "Cold starts are a budget",
            "One database per team?",
            "What an SRE reads",
            "Undated thoughts on alerts");
    assertThat(dates(d)).containsExactly("2026-03-02", "2026-01-15", "2025-12-09", "2025");
  }

  @Test
  void leavesTitleEmptyWhenTheListShowsOnlyDescriptionsOfPostsOnOtherSites() {
    Detection d = detect("description-only.html", "https://sam.example/");
    assertThat(urls(d))
        .containsExactly(
            "https://pgweekly.example/why-vacuum-matters/",
            "https://pgweekly.example/index-only-scans/",
            "https://ailetter.example/p/evals-are-tests/");
    assertThat(titles(d)).containsOnlyNulls();
    assertThat(dates(d)).containsExactly("2024-12", "2024-11", null);
    assertThat(d.posts().get(0).summaryHtml()).startsWith("Why VACUUM still matters in 2024");
  }

  @Test
  void prefersJsonLdBlogPosts() {
    Detection d = detect("json-ld.html", "https://lab.example/");
    assertThat(d.method()).isEqualTo("json-ld");
    assertThat(urls(d))
        .containsExactly(
            "https://lab.example/posts/measuring-cache-hit-rates/",
            "https://lab.example/posts/consistent-hashing-in-practice/");
    assertThat(d.posts().get(0).author()).isEqualTo("Rui");
    assertThat(dates(d)).containsExactly("2025-04-02T10:00:00Z", "2025-03-01");
  }

  @Test
  void readsMicroformatsHFeed() {
    Detection d = detect("h-feed.html", "https://indie.example/");
    assertThat(d.method()).isEqualTo("microformats");
    assertThat(titles(d)).containsExactly("Owning your words", "The small web");
    assertThat(dates(d)).containsExactly("2025-05-04T12:00:00Z", "2025-04-10");
    assertThat(d.posts().get(0).summaryHtml()).isEqualTo("POSSE, webmentions and a static site.");
    assertThat(d.posts().get(0).author()).isEqualTo("Lin");
  }

  @Test
  void returnsRuleThatSelectorScraperTurnsIntoTheSamePosts() {
    for (String name :
        List.of("wordpress.html", "ghost.html", "hugo.html", "jekyll.html", "table.html")) {
      String html = page(name);
      Detection d = detector.detect(html, "https://x.example/");
      List<ParsedEntry> again = SelectorScraper.apply(d.rule(), html, "https://x.example/");
      assertThat(again.stream().map(ParsedEntry::url).toList()).as(name).isEqualTo(urls(d));
      assertThat(again.stream().map(ParsedEntry::title).toList()).as(name).isEqualTo(titles(d));
    }
  }

  @Test
  void listsCandidatesBestFirst() {
    Detection d = detect("wordpress.html", "https://quiet.example/");
    assertThat(d.candidates()).isNotEmpty();
    assertThat(d.candidates()).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
  }

  @Test
  void findsNothingOnAPageWithoutAPostList() {
    String html =
        "<html><body><nav><a href='/about/'>About</a><a href='/contact/'>Contact</a></nav>"
            + "<main><h1>Hello</h1><p>I build things. <a href='https://github.com/me'>GitHub</a></p></main></body></html>";
    assertThat(detector.detect(html, "https://me.example/").posts()).isEmpty();
  }

  @Test
  void neverThrowsOnHostileInput() {
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      deep.append("<div><a href='/p/post-").append(i).append("'>x</a>");
    }
    assertThat(detector.detect(deep.toString(), "https://x.example/")).isNotNull();
    assertThat(detector.detect(null, null).posts()).isEmpty();
    assertThat(detector.detect("<<<>>>\u0000garbage<a href='http://['>", "not a url").posts())
        .isEmpty();
    String wide =
        "<ul>" + "<li><a href='/p/a-b-c'>A post title here</a></li>".repeat(50_000) + "</ul>";
    assertThat(detector.detect(wide, "https://x.example/")).isNotNull();
  }

  @Test
  void staysBoundedOnHugeListsWithSiblingsAndYearLabels() {
    StringBuilder cards = new StringBuilder("<main>");
    for (int i = 0; i < 15_000; i++) {
      cards
          .append("<div class='card c")
          .append(i % 5)
          .append("'><h2><a href='/posts/post-number-")
          .append(i)
          .append("/'>Post number ")
          .append(i)
          .append(" about things</a></h2><p>A summary for post ")
          .append(i)
          .append(" that is long enough.</p><span>Oct ")
          .append(i % 28 + 1)
          .append(", 2024</span></div>");
    }
    StringBuilder dl = new StringBuilder("<dl>");
    for (int i = 0; i < 15_000; i++) {
      dl.append("<dt><a href='/n/note-")
          .append(i)
          .append("-a-b/'>Note ")
          .append(i)
          .append(" a title</a></dt><dd>2024 <b>2023</b> Mar 02 text text text text</dd>");
    }
    Detection a =
        assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(90),
            () -> detector.detect(cards + "</main>", "https://x.example/"));
    assertThat(a.posts()).hasSizeBetween(1, 4_000);
    Detection b =
        assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(90),
            () -> detector.detect(dl + "</dl>", "https://x.example/"));
    assertThat(b.posts()).hasSizeBetween(1, 4_000);
    assertThat(b.posts().get(0).summaryHtml()).contains("text text");
  }
}
