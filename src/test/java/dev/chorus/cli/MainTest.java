package dev.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void checkAcceptsAValidConfig() throws Exception {
    Path f = dir.resolve("feeds.yml");
    Files.writeString(f, "title: T\nsources:\n  - id: a\n    url: https://a.example/\n");
    Run r = run("check", "--config", f.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("is valid", "1 sources", "https://a.example/");
  }

  @Test
  void checkFailsWithFileLineAndField() throws Exception {
    Path f = dir.resolve("feeds.yml");
    Files.writeString(f, "sources:\n  - url: https://a.example/\n    colour: red\n");
    Run r = run("check", "--config", f.toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("feeds.yml:3: sources[0].colour: unknown key");
  }

  @Test
  void pollExitsZeroWhenSourcesFailButTheConfigIsValid() throws Exception {
    Path f = dir.resolve("feeds.yml");
    // a refused address: loopback is not allowed by default
    Files.writeString(f, "database: t.db\nsources:\n  - id: local\n    url: http://127.0.0.1:9/\n");
    Run r = run("poll", "--config", f.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("local", "error", "loopback");
  }

  @Test
  void pollRefusesAnInvalidConfig() throws Exception {
    Path f = dir.resolve("feeds.yml");
    Files.writeString(f, "sources: 5\n");
    assertThat(run("poll", "--config", f.toString()).code()).isEqualTo(2);
  }

  @Test
  void detectPrintsThePostsAndAScrapeBlock() throws Exception {
    try (dev.chorus.FixtureServer blog = new dev.chorus.FixtureServer("/sites/e2e-blog")) {
      Run r = run("detect", "--allow-private-networks", blog.base() + "/");
      assertThat(r.code()).isZero();
      assertThat(r.out())
          .contains("3 posts found", "A second essay", "2024-07-14", "scrape:", "item:");
      Run json = run("detect", "--json", "--allow-private-networks", blog.base() + "/");
      var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
      assertThat(tree.get("posts")).hasSize(3);
      assertThat(tree.get("posts").get(0).get("url").asText())
          .isEqualTo(blog.base() + "/posts/first-post/");
      assertThat(tree.get("scrape").get("item").asText()).isNotBlank();
      assertThat(tree.get("candidates").get(0).has("score")).isTrue();
    }
  }

  @Test
  void detectRefusesLoopbackUnlessAllowed() {
    Run r = run("detect", "http://127.0.0.1:9/");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("loopback");
  }

  @Test
  void addDiscoversTheFeedAndAppendsTheSourceKeepingComments() throws Exception {
    try (dev.chorus.FixtureServer site = new dev.chorus.FixtureServer("/sites/e2e")) {
      site.override(
          "/",
          "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss.xml\"></head><body></body></html>");
      Path f = dir.resolve("feeds.yml");
      Files.writeString(
          f,
          "# my planet\nfetch:\n  allow_private_networks: true\nsources:  # the blogs\n  - url: https://a.example/\n");
      Run r =
          run(
              "add",
              "--config",
              f.toString(),
              "--name",
              "Ada",
              "--tag",
              "queues",
              site.base() + "/");
      assertThat(r.code()).as(r.err()).isZero();
      String yaml = Files.readString(f);
      assertThat(yaml)
          .startsWith("# my planet\n")
          .contains(
              "sources:  # the blogs",
              "name: Ada",
              "feed: " + site.base() + "/rss.xml",
              "tags: [queues]");
      assertThat(run("check", "--config", f.toString()).code()).isZero();
      assertThat(run("add", "--config", f.toString(), site.base() + "/").out())
          .contains("already in");
    }
  }
}
