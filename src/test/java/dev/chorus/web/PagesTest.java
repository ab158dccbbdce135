package dev.chorus.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reading pages, served from a polled planet and read back as HTML. */
class PagesTest {
  @TempDir static Path dir;
  static Planet planet;

  @BeforeAll
  static void start() throws Exception {
    planet = new Planet(dir);
  }

  @AfterAll
  static void stop() {
    planet.close();
  }

  private static Document page(String path) throws Exception {
    HttpResponse<String> r = planet.get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    return Jsoup.parse(r.body(), planet.base() + path);
  }

  private static List<String> entryIds(Document d) {
    return d.select("article.entry").eachAttr("aria-labelledby");
  }

  @Test
  void homeListsPostsNewestFirstGroupedByDayWithAuthorDateTagsSummaryAndReadingTime()
      throws Exception {
    Document d = page("/");
    assertThat(d.select("h1")).hasSize(1);
    assertThat(d.select("section.day h2.day-label").first().text()).isEqualTo("Today");
    List<String> times = d.select("article.entry .meta time").eachAttr("datetime");
    assertThat(times).hasSize(WebServer.PAGE_SIZE);
    Element first = d.selectFirst("article.entry:has(a.author[href=/authors/pat])");
    assertThat(first.selectFirst(".entry-title a").attr("href"))
        .isEqualTo(planet.pat.base() + "/posts/0");
    assertThat(first.selectFirst(".author").text()).isEqualTo("Pat Q.");
    assertThat(first.selectFirst(".author").attr("href")).isEqualTo("/authors/pat");
    assertThat(first.selectFirst(".site-name").text()).isEqualTo("in Pat's Field Notes");
    assertThat(first.selectFirst("time").text()).matches("2\\d minutes ago");
    assertThat(first.selectFirst("time").attr("datetime")).endsWith("Z");
    assertThat(first.select(".tag").eachText()).containsExactly("#queues", "#systems");
    assertThat(first.selectFirst(".summary").text()).startsWith("Post 0 about backpressure");
    assertThat(first.selectFirst(".reading").text()).matches("\\d+ min read");
    assertThat(first.selectFirst(".avatar").text()).isEqualTo("P");
    assertThat(first.selectFirst("a.more").attr("href")).startsWith("/entries/");
    // newest first: Pat's posts are 7 hours apart, so their datetimes fall strictly
    List<String> pats =
        d.select("article.entry:has(a.author[href=/authors/pat]) time").eachAttr("datetime");
    assertThat(pats).isSortedAccordingTo((a, b) -> b.compareTo(a)).doesNotHaveDuplicates();
    // older posts get absolute dates
    assertThat(d.select("article.entry time").last().text())
        .matches("\\d{1,2} [A-Z][a-z]{2} \\d{4}");
  }

  @Test
  void undatedPostsArePlacedByWhenFirstSeenAndMarked() throws Exception {
    Document d = page("/authors/ada");
    Element undated =
        d.select("article.entry").stream()
            .filter(e -> e.selectFirst(".entry-title").text().equals("Undated thoughts"))
            .findFirst()
            .orElseThrow();
    assertThat(undated.selectFirst(".undated").text()).startsWith("undated, first seen");
    assertThat(undated.selectFirst("time").attr("title")).startsWith("No date given; first seen");
    assertThat(undated.parent().selectFirst("h2").text()).isEqualTo("Today");
    Element dated =
        d.select("article.entry").stream()
            .filter(e -> e.selectFirst(".entry-title").text().startsWith("Backpressure"))
            .findFirst()
            .orElseThrow();
    assertThat(dated.select(".undated")).isEmpty();
    assertThat(dated.selectFirst("time").attr("datetime")).isEqualTo("2024-09-10T06:00:00Z");
    assertThat(dated.parent().selectFirst("h2").text()).isEqualTo("Tuesday, 10 September 2024");
  }

  @Test
  void olderPostsLinksWalkEveryEntryExactlyOnce() throws Exception {
    Set<String> seen = new LinkedHashSet<>();
    List<Integer> sizes = new ArrayList<>();
    String path = "/";
    while (path != null) {
      Document d = page(path);
      List<String> ids = entryIds(d);
      sizes.add(ids.size());
      for (String id : ids) {
        assertThat(seen.add(id)).as("%s seen once", id).isTrue();
      }
      Element older = d.selectFirst("nav.pager a[rel=next]");
      path = older == null ? null : older.attr("href");
      if (sizes.size() > 1) {
        assertThat(d.selectFirst("nav.pager").text()).contains("Newest posts");
      }
    }
    int total = Planet.PAT_POSTS + 2 + 1 + 1 + 3 + 1;
    assertThat(seen).hasSize(total);
    assertThat(sizes).containsExactly(WebServer.PAGE_SIZE, total - WebServer.PAGE_SIZE);
  }

  @Test
  void anAuthorsPageHasOnlyTheirPostsAndLinksToTheirSiteAndFeed() throws Exception {
    Document d = page("/authors/grace");
    assertThat(d.selectFirst("h1").text()).isEqualTo("Grace");
    assertThat(d.select("article.entry .author").eachAttr("href")).containsOnly("/authors/grace");
    assertThat(d.select(".links a").eachAttr("href"))
        .containsExactly(planet.fixtures.base() + "/blog/", "/authors/grace/feed.atom");
    assertThat(d.select("link[rel=alternate]").eachAttr("href"))
        .containsExactly(
            "/authors/grace/feed.atom", "/authors/grace/feed.rss", "/authors/grace/feed.json");
    assertThat(page("/authors/pat").select("nav.pager a[rel=next]")).hasSize(1);
  }

  @Test
  void aTagPageHasThePostsOfTheSourcesWithThatTag() throws Exception {
    Document d = page("/tags/queues");
    assertThat(d.selectFirst("h1").text()).isEqualTo("#queues");
    assertThat(d.select("article.entry .author").eachAttr("href"))
        .containsOnly("/authors/ada", "/authors/pat");
    assertThat(planet.get("/tags/nosuchtag").body()).contains("Nothing here yet");
  }

  @Test
  void searchFindsAWordInAPostBodyAndMarksIt() throws Exception {
    Document d = page("/search?q=" + Planet.RARE_WORD);
    assertThat(d.select("article.entry")).hasSize(1);
    assertThat(d.selectFirst("h2").text()).isEqualTo("1 result");
    Element snippet = d.selectFirst(".summary");
    assertThat(snippet.select("mark").eachText()).containsExactly(Planet.RARE_WORD);
    assertThat(snippet.text())
        .contains("A " + Planet.RARE_WORD + " afternoon")
        .doesNotContain("<b>", "&lt;", "&amp;");
    assertThat(d.selectFirst("input#q").val()).isEqualTo(Planet.RARE_WORD);
  }

  @Test
  void searchEscapesTitlesBeforeMarkingThem() throws Exception {
    HttpResponse<String> r = planet.get("/search?q=brackets");
    assertThat(r.body())
        .contains(
            "Less-than &lt; greater-than &gt; &amp; &quot;quotes&quot; in <mark>brackets</mark>")
        .doesNotContain("\u0001", "\u0002");
    Document d = Jsoup.parse(r.body());
    assertThat(d.selectFirst(".entry-title").text())
        .isEqualTo("Less-than < greater-than > & \"quotes\" in brackets");
    assertThat(d.select(".entry-title mark").eachText()).containsExactly("brackets");
  }

  @Test
  void searchWithNoMatchOrNoWordsSaysSo() throws Exception {
    assertThat(page("/search?q=xylophonic").selectFirst(".empty").text())
        .isEqualTo("No posts match “xylophonic”.");
    assertThat(page("/search?q=").selectFirst(".empty").text()).contains("Type a few words");
    assertThat(page("/search?q=%22%29%28*").select("article")).isEmpty();
  }

  @Test
  void anEntryPageShowsTheStoredContentAndAProminentLinkToTheOriginal() throws Exception {
    String href =
        page("/authors/ada").select("article.entry").stream()
            .filter(e -> e.selectFirst(".entry-title").text().startsWith("Backpressure"))
            .findFirst()
            .orElseThrow()
            .selectFirst("a.more")
            .attr("href");
    Document d = page(href);
    assertThat(d.selectFirst("h1").text()).isEqualTo("Backpressure & queues");
    assertThat(d.selectFirst(".content").html())
        .contains("<b>limits</b>")
        .doesNotContain("script", "onerror");
    Element original = d.selectFirst(".original a.button");
    assertThat(original.attr("href")).isEqualTo(planet.fixtures.base() + "/notes/backpressure");
    assertThat(original.text()).isEqualTo("Read the original on Ada →");
    assertThat(d.selectFirst(".meta time").attr("datetime")).isEqualTo("2024-09-10T06:00:00Z");
  }

  @Test
  void theSourcesPageShowsEachSourcesHealthProblemsFirst() throws Exception {
    Document d = page("/sources");
    assertThat(d.selectFirst(".intro").text())
        .isEqualTo("7 sources: 6 OK, 1 failing. Problems are listed first.");
    List<Element> sources = d.select("li.source");
    assertThat(sources).hasSize(7);
    Element broken = sources.get(0);
    assertThat(broken.selectFirst(".source-name").text()).isEqualTo("Failing Gone Away");
    assertThat(broken.selectFirst(".error").text()).startsWith("Last error:").contains("404");
    assertThat(facts(broken)).containsEntry("Last success", "never").containsEntry("Entries", "0");
    assertThat(broken.selectFirst(".why").text()).isEqualTo("backing off after 1 failure");
    Element pat =
        sources.stream()
            .filter(s -> s.selectFirst("h2 a").text().startsWith("Pat"))
            .findFirst()
            .orElseThrow();
    assertThat(pat.selectFirst(".feed-url a").attr("href"))
        .isEqualTo(planet.pat.base() + "/feed.atom");
    assertThat(facts(pat))
        .containsEntry("Read from", "its feed")
        .containsEntry("Last success", "just now")
        .containsEntry("Entries", "45");
    // Pat posts every 7 h: polled about twice per gap, so every 3 h
    assertThat(facts(pat).get("Next poll")).matches("in \\d+ (min|h) .+");
    assertThat(pat.selectFirst(".why").text()).isEqualTo("every 3 h (adaptive: 30 min to 24 h)");
    assertThat(facts(pat).get("Per week")).matches("\\d+\\.\\d");
    assertThat(facts(byName(sources, "Kim")).get("Read from")).isEqualTo("a discovered feed");
    assertThat(facts(byName(sources, "Mo")).get("Read from")).isEqualTo("the page (detected)");
  }

  @Test
  void theSourcesApiSaysHowEachSourceIsPolled() throws Exception {
    var json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(planet.get("/api/sources").body());
    var pat =
        java.util.stream.StreamSupport.stream(json.get("sources").spliterator(), false)
            .filter(s -> s.get("id").asText().equals("pat"))
            .findFirst()
            .orElseThrow();
    assertThat(pat.get("pollEvery").asText()).isEqualTo("30m");
    assertThat(pat.get("pollMax").asText()).isEqualTo("1d");
    assertThat(pat.get("adaptive").asBoolean()).isTrue();
    assertThat(pat.get("polling").asText()).isEqualTo("every 3 h (adaptive: 30 min to 24 h)");
  }

  private static Element byName(List<Element> sources, String name) {
    return sources.stream()
        .filter(s -> s.selectFirst("h2 a").text().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static java.util.Map<String, String> facts(Element source) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Element div : source.select("dl.facts > div")) {
      out.put(div.selectFirst("dt").text(), div.selectFirst("dd").text());
    }
    return out;
  }

  @Test
  void everyPageHasLandmarksOneH1OrderedHeadingsAndNoInlineStyleOrScript() throws Exception {
    String entry = page("/").selectFirst("a.more").attr("href");
    String older = page("/").selectFirst("nav.pager a[rel=next]").attr("href");
    for (String path :
        List.of(
            "/", older, "/sources", "/authors/pat", "/tags/systems", "/search?q=queues", entry)) {
      Document d = page(path);
      assertThat(
              d.select(
                  "body > header.site, header nav[aria-label=Main], body > main#main, body > footer.site,"
                      + " header form[role=search]"))
          .as(path)
          .hasSize(5);
      assertThat(d.select("h1")).as(path).hasSize(1);
      int level = 0;
      for (Element h : d.select("h1, h2, h3, h4, h5, h6")) {
        int l = h.tagName().charAt(1) - '0';
        assertThat(l)
            .as("%s: %s after h%d", path, h.tagName(), level)
            .isLessThanOrEqualTo(level + 1);
        level = l;
      }
      assertThat(d.select("script, style, [style], [onclick], [onload]")).as(path).isEmpty();
      assertThat(d.select("img:not([alt])")).as(path).isEmpty();
      assertThat(d.select("html[lang=en]")).hasSize(1);
      assertThat(d.select("a.skip[href=#main]")).hasSize(1);
      assertThat(d.select("link[rel=stylesheet]").eachAttr("href"))
          .containsExactly("/static/chorus.css");
      assertThat(d.select("link[rel=alternate]")).hasSize(3);
    }
  }

  @Test
  void unknownAuthorsTagsAndEntriesAreFriendly404s() throws Exception {
    for (String path :
        List.of(
            "/authors/nobody", "/entries/999999", "/entries/abc", "/tags/%3Cscript%3E", "/nope")) {
      HttpResponse<String> r = planet.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).as(path).contains("Back to the latest posts").doesNotContain("<script>");
    }
  }

  @Test
  void theStylesheetIsSmallAndLoadsNothingFromOutside() throws Exception {
    HttpResponse<String> css = planet.get("/static/chorus.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.body().length()).isLessThan(16 * 1024);
    assertThat(css.body())
        .contains("prefers-color-scheme:dark")
        .doesNotContain("@import", "url(", "http");
  }
}
