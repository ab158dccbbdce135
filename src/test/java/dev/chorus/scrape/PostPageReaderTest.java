package dev.chorus.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.model.FuzzyDate;
import dev.chorus.model.ParsedEntry;
import org.junit.jupiter.api.Test;

class PostPageReaderTest {

  @Test
  void readsJsonLdBlogPostingInsideGraph() {
    String html =
        "<html><head><title>Ignored | Site</title><script type='application/ld+json'>"
            + "{\"@graph\":[{\"@type\":\"WebPage\"},{\"@type\":\"BlogPosting\",\"headline\":\"Real title\","
            + "\"datePublished\":\"2024-12-05T06:25:56.761Z\",\"author\":[{\"@type\":\"Person\",\"name\":\"Mo\"}],"
            + "\"description\":\"What it is about.\"}]}</script></head><body><h1>Other</h1></body></html>";
    PostPage p = PostPageReader.read(html, "https://x.example/p/real/");
    assertThat(p.title()).isEqualTo("Real title");
    assertThat(p.author()).isEqualTo("Mo");
    assertThat(p.published().iso()).isEqualTo("2024-12-05T06:25:56Z");
    assertThat(p.summary()).isEqualTo("What it is about.");
  }

  @Test
  void readsOpenGraphAndArticleMeta() {
    String html =
        "<head><meta property='og:title' content='Vector clocks'>"
            + "<meta property='article:published_time' content='2024-12-05T06:25:56Z'>"
            + "<meta property='article:author' content='Mohinish'>"
            + "<meta property='og:description' content='Keeping systems in sync.'>"
            + "<meta property='og:url' content='/vector-clocks/'></head><body></body>";
    PostPage p = PostPageReader.read(html, "https://s.example/vector-clocks/");
    assertThat(p)
        .isEqualTo(
            new PostPage(
                "Vector clocks",
                "Mohinish",
                FuzzyDate.ofInstant(java.time.Instant.parse("2024-12-05T06:25:56Z")),
                "Keeping systems in sync.",
                "https://s.example/vector-clocks/"));
  }

  @Test
  void prefersTheH1ThatMatchesTheTitleOverANavbarH1() {
    String html =
        "<head><meta property='og:title' content='The Simplest Agent'></head><body>"
            + "<h1 class=navbar-title>Snack on AI</h1><article><h1>The Simplest Agent</h1>"
            + "<div>Mohinish</div><div>Dec 9, 2025</div></article></body>";
    PostPage p = PostPageReader.read(html, "https://x.example/p/a/");
    assertThat(p.title()).isEqualTo("The Simplest Agent");
    assertThat(p.published().iso()).isEqualTo("2025-12-09");
  }

  @Test
  void readsTimeElementAndMetaAuthorAndDescription() {
    String html =
        "<head><title>Closing the Loop</title><meta name=author content='Kim'>"
            + "<meta name=description content='Do not let it grade itself.'></head>"
            + "<body><h1>Closing the Loop</h1><time datetime='2026-02-17'>February 17, 2026</time></body>";
    PostPage p = PostPageReader.read(html, "https://x.example/");
    assertThat(p.title()).isEqualTo("Closing the Loop");
    assertThat(p.author()).isEqualTo("Kim");
    assertThat(p.published().iso()).isEqualTo("2026-02-17");
    assertThat(p.summary()).isEqualTo("Do not let it grade itself.");
  }

  @Test
  void stripsTheSiteNameSuffixFromTheTitle() {
    for (String sep : new String[] {" | ", " – ", " - ", " · "}) {
      String html =
          "<head><title>Hybrid Retrieval Beats Search"
              + sep
              + "Fernhill</title></head><body></body>";
      assertThat(PostPageReader.read(html, "https://x.example/").title())
          .isEqualTo("Hybrid Retrieval Beats Search");
    }
    assertThat(
            PostPageReader.read("<title>Pin Your Models. Version Your Prompts.</title>", null)
                .title())
        .isEqualTo("Pin Your Models. Version Your Prompts.");
  }

  @Test
  void needsPostPageWhenSomethingIsMissingOrTheDateIsCoarse() {
    ParsedEntry full =
        new ParsedEntry(null, "u", "t", "a", FuzzyDate.ofDay(2024, 1, 2), null, "s", null);
    assertThat(PostPageReader.needsPostPage(full)).isFalse();
    assertThat(PostPageReader.needsPostPage(full.withTitle(null))).isTrue();
    assertThat(PostPageReader.needsPostPage(full.withAuthor(null))).isTrue();
    assertThat(PostPageReader.needsPostPage(full.withSummaryHtml(null))).isTrue();
    assertThat(PostPageReader.needsPostPage(full.withPublished(FuzzyDate.ofMonth(2024, 1))))
        .isTrue();
  }

  @Test
  void fillsGapsKeepingListTitleAndSummaryAndTakingOnlyConsistentFinerDates() {
    ParsedEntry list =
        new ParsedEntry(
            null, "u", "List title", null, FuzzyDate.ofMonth(2024, 12), null, "List summary", null);
    PostPage page =
        new PostPage("Page title", "Mo", FuzzyDate.ofDay(2024, 12, 5), "Page summary", null);
    ParsedEntry filled = PostPageReader.fillGaps(list, page);
    assertThat(filled.title()).isEqualTo("List title");
    assertThat(filled.summaryHtml()).isEqualTo("List summary");
    assertThat(filled.author()).isEqualTo("Mo");
    assertThat(filled.published().iso()).isEqualTo("2024-12-05");

    PostPage inconsistent = new PostPage(null, null, FuzzyDate.ofDay(2023, 1, 1), null, null);
    assertThat(PostPageReader.fillGaps(list, inconsistent).published().iso()).isEqualTo("2024-12");

    ParsedEntry bare = new ParsedEntry(null, "u", null, null, null, null, null, null);
    ParsedEntry fromPage = PostPageReader.fillGaps(bare, page);
    assertThat(fromPage.title()).isEqualTo("Page title");
    assertThat(fromPage.published().iso()).isEqualTo("2024-12-05");
    assertThat(fromPage.summaryHtml()).isEqualTo("Page summary");
  }

  @Test
  void neverThrowsOnGarbage() {
    assertThat(PostPageReader.read(null, null)).isNotNull();
    assertThat(PostPageReader.read("<script type='application/ld+json'>{{{</script><<<", "::"))
        .isNotNull();
    String deep = "<div>".repeat(20_000) + "no date here";
    assertThat(PostPageReader.read(deep, "https://x.example/").published()).isNull();
  }
}
