package dev.chorus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.config.SourceConfig.ContentMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Path FILE = Path.of("/srv/chorus/feeds.yml");

  private static Config parse(String yaml) throws ConfigException {
    return ConfigLoader.parse(yaml, FILE);
  }

  private static String problems(String yaml) {
    try {
      parse(yaml);
      return "";
    } catch (ConfigException e) {
      return e.getMessage();
    }
  }

  @Test
  void readsAFullConfig() throws Exception {
    Config c =
        parse(
            """
            title: My Planet
            database: data/planet.db
            poll_every: 1h30m
            fetch:
              allow_private_networks: true
            sources:
              - id: mw
                name: MW
                url: https://example.org/
                feed: https://example.org/index.xml
                tags: [Distributed-Systems, ai]
                poll_every: 2h
                content: summary
              - url: https://blog.example.com/writing/
                scrape:
                  item: article.post
                  title: h2
            """);
    assertThat(c.title()).isEqualTo("My Planet");
    assertThat(c.database()).isEqualTo(Path.of("/srv/chorus/data/planet.db"));
    assertThat(c.poll().every()).isEqualTo(Duration.ofMinutes(90));
    assertThat(c.fetch().allowPrivateNetworks()).isTrue();
    assertThat(c.sources()).hasSize(2);
    SourceConfig mw = c.sources().get(0);
    assertThat(mw.id()).isEqualTo("mw");
    assertThat(mw.feed()).isEqualTo("https://example.org/index.xml");
    assertThat(mw.tags()).containsExactly("distributed-systems", "ai");
    assertThat(mw.poll().every()).isEqualTo(Duration.ofHours(2));
    assertThat(mw.content()).isEqualTo(ContentMode.SUMMARY);
    assertThat(mw.line()).isEqualTo(7);
    SourceConfig second = c.sources().get(1);
    assertThat(second.id()).isEqualTo("blog-example-com");
    assertThat(second.name()).isEqualTo("blog.example.com");
    assertThat(second.scrape().item()).isEqualTo("article.post");
    assertThat(second.content()).isEqualTo(ContentMode.FULL);
  }

  @Test
  void usesDefaultsForAMinimalFile() throws Exception {
    Config c = parse("sources:\n  - url: http://a.example/\n");
    assertThat(c.title()).isEqualTo("Chorus");
    assertThat(c.database()).isEqualTo(Path.of("/srv/chorus/chorus.db"));
    assertThat(c.poll())
        .isEqualTo(new PollSettings(Duration.ofMinutes(30), Duration.ofHours(24), true));
    assertThat(c.sources().get(0).poll()).isEqualTo(c.poll());
    assertThat(c.fetch().allowPrivateNetworks()).isFalse();
  }

  @Test
  void readsPollingKeysAtTheTopAndPerSource() throws Exception {
    Config c =
        parse(
            """
            poll_every: 1h
            poll_max: 12h
            adaptive: false
            sources:
              - url: https://a.example/
              - url: https://b.example/
                adaptive: true
                poll_max: 2d
              - url: https://c.example/
                poll_every: 15m
                adaptive: yes
            """);
    assertThat(c.poll())
        .isEqualTo(new PollSettings(Duration.ofHours(1), Duration.ofHours(12), false));
    assertThat(c.sources().get(0).poll()).isEqualTo(c.poll());
    assertThat(c.sources().get(1).poll())
        .isEqualTo(new PollSettings(Duration.ofHours(1), Duration.ofDays(2), true));
    assertThat(c.sources().get(2).poll())
        .isEqualTo(new PollSettings(Duration.ofMinutes(15), Duration.ofHours(12), true));
  }

  @Test
  void keepsFilesWithALongPollEveryValidByRaisingTheInheritedCeiling() throws Exception {
    Config c =
        parse(
            """
            poll_every: 2d
            sources:
              - url: https://a.example/
              - url: https://b.example/
                poll_every: 3d
            """);
    assertThat(c.poll()).isEqualTo(new PollSettings(Duration.ofDays(2), Duration.ofDays(2), true));
    assertThat(c.sources().get(1).poll())
        .isEqualTo(new PollSettings(Duration.ofDays(3), Duration.ofDays(3), true));
  }

  @Test
  void rejectsACeilingShorterThanPollEveryWhereBothApply() {
    assertThat(problems("poll_every: 1h\npoll_max: 30m\nsources: []\n"))
        .isEqualTo(
            "/srv/chorus/feeds.yml:2: poll_max: must be at least poll_every, 1h (got '30m')");
    assertThat(problems("poll_every: 2h\nsources:\n  - url: http://a.example/\n    poll_max: 1h\n"))
        .isEqualTo(
            "/srv/chorus/feeds.yml:4: sources[0].poll_max: must be at least poll_every, 2h (got '1h')");
    assertThat(
            problems(
                "sources:\n  - url: http://a.example/\n    poll_max: 1h\n    poll_every: 90m\n"))
        .contains(":3: sources[0].poll_max: must be at least poll_every, 1h30m (got '1h')");
    assertThat(problems("poll_every: soon\npoll_max: 10m\nsources: []\n"))
        .doesNotContain("poll_max");
  }

  @Test
  void rejectsBadPollingValuesWithTheirLines() {
    assertThat(problems("poll_max: soon\nsources: []\n"))
        .contains(":1: poll_max: must be a duration like 30m");
    assertThat(problems("poll_max: 30s\nsources: []\n"))
        .contains(":1: poll_max: must be at least 1m (got '30s')");
    assertThat(problems("adaptive: sometimes\nsources: []\n"))
        .contains(":1: adaptive: must be true or false (got 'sometimes')");
    assertThat(problems("sources:\n  - url: http://a.example/\n    adaptive: 2\n"))
        .contains(":3: sources[0].adaptive: must be true or false (got '2')");
    assertThat(problems("sources:\n  - url: http://a.example/\n    poll_max: [1h]\n"))
        .contains(":3: sources[0].poll_max: must be a single value");
  }

  @Test
  void namesFileLineAndFieldOfAnUnknownKey() {
    assertThat(problems("sources:\n  - url: http://a.example/\n    feeed: x\n"))
        .contains("/srv/chorus/feeds.yml:3: sources[0].feeed: unknown key");
  }

  @Test
  void rejectsABadUrl() {
    assertThat(problems("sources:\n  - url: ftp://a.example/\n"))
        .contains(
            "feeds.yml:2: sources[0].url: must be an absolute http(s) URL (got 'ftp://a.example/')");
    assertThat(problems("sources:\n  - url: not a url\n")).contains("sources[0].url");
  }

  @Test
  void rejectsAMissingUrl() {
    assertThat(problems("sources:\n  - name: x\n")).contains(":2: sources[0].url: is required");
  }

  @Test
  void rejectsDuplicateIds() {
    assertThat(
            problems(
                "sources:\n  - id: a\n    url: http://a.example/\n  - id: a\n    url: http://b.example/\n"))
        .contains(":4: sources[1].id: duplicate id 'a'");
  }

  @Test
  void rejectsABadDuration() {
    assertThat(problems("poll_every: soon\nsources: []\n"))
        .contains(":1: poll_every: must be a duration like 30m");
    assertThat(problems("poll_every: 5s\nsources: []\n")).contains("must be at least 1m");
  }

  @Test
  void rejectsBrokenYamlWithItsLine() {
    assertThat(problems("title: x\nsources:\n  - url: [unclosed\n"))
        .contains("feeds.yml:")
        .contains("invalid YAML");
  }

  @Test
  void rejectsDuplicateKeys() {
    assertThat(problems("title: a\ntitle: b\n")).contains(":2: title: duplicate key");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    String p =
        problems("bogus: 1\nsources:\n  - url: x\n  - url: http://ok.example/\n    tags: 5 6\n");
    assertThat(p.lines()).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void rejectsAYamlAliasBomb() {
    StringBuilder y = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
    for (int i = 0; i < 30; i++) {
      y.append("b").append(i).append(": &b").append(i).append(" [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n");
    }
    assertThat(problems(y.toString())).isNotEmpty();
  }

  @Test
  void parsesDurations() {
    assertThat(Durations.parse("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("")).isNull();
    assertThat(Durations.parse("1x")).isNull();
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
  }

  // ---- hostile and broken files: every problem names file:line and the field ----

  private static void assertEveryProblemIsLocated(String yaml) {
    String p = problems(yaml);
    assertThat(p).as(yaml).isNotEmpty();
    for (String line : p.split("\n")) {
      assertThat(line).as(yaml).matches("/srv/chorus/feeds\\.yml:\\d+: .+");
    }
  }

  @Test
  void locatesBrokenYamlAtItsLine() {
    assertThat(
            problems(
                "title: x\nsources:\n  - url: http://a.example/\n\t- url: http://b.example/\n"))
        .startsWith("/srv/chorus/feeds.yml:4: invalid YAML");
    assertThat(problems("title: \"unclosed\nsources: []\n")).contains("invalid YAML");
    assertThat(problems("sources:\n  - url: http://a.example/\n   name: misaligned\n"))
        .contains("feeds.yml:3:");
  }

  @Test
  void rejectsFilesThatAreNotAMappingOfSources() {
    assertThat(problems(""))
        .isEqualTo("/srv/chorus/feeds.yml:1: the file must be a mapping with a 'sources' list");
    assertThat(problems("- url: http://a.example/\n")).contains(":1: the file must be a mapping");
    assertThat(problems("just some text\n")).contains(":1: the file must be a mapping");
    assertThat(problems("sources:\n  url: http://a.example/\n"))
        .contains(":2: sources: must be a list of sources");
    assertThat(problems("sources:\n  - http://a.example/\n"))
        .contains(":2: sources[0]: must be a mapping");
  }

  @Test
  void namesUnknownKeysAtEveryLevel() {
    assertThat(problems("titel: x\nsources: []\n")).contains(":1: titel: unknown key");
    assertThat(problems("fetch:\n  max_byte: 5\nsources: []\n"))
        .contains(":2: fetch.max_byte: unknown key");
    assertThat(
            problems(
                "sources:\n  - url: http://a.example/\n    scrape:\n      item: li\n      titel: h2\n"))
        .contains(":5: sources[0].scrape.titel: unknown key");
  }

  @Test
  void rejectsUrlsThatAreNotAbsoluteHttp() {
    for (String url :
        List.of(
            "javascript:alert(1)",
            "file:///etc/passwd",
            "http://",
            "http:///path",
            "//a.example/",
            "a.example",
            "https://exa mple.com/",
            "gopher://a.example/",
            "data:text/html,x",
            "feed://a.example/rss")) {
      assertThat(problems("sources:\n  - url: '" + url + "'\n"))
          .as(url)
          .contains(":2: sources[0].url:");
      assertThat(problems("sources:\n  - url: http://a.example/\n    feed: '" + url + "'\n"))
          .as(url)
          .contains(":3: sources[0].feed:");
    }
  }

  @Test
  void rejectsBadDurationsNumbersAndSwitches() {
    for (String d :
        List.of("-5m", "1y", "5", "99999999999d", "1000001h", "0m", "30 minutes", "1h 30m")) {
      assertThat(problems("poll_every: " + d + "\nsources: []\n"))
          .as(d)
          .contains(":1: poll_every: must be");
      assertThat(problems("sources:\n  - url: http://a.example/\n    poll_every: '" + d + "'\n"))
          .as(d)
          .contains(":3: sources[0].poll_every: must be");
      assertThat(problems("poll_max: " + d + "\nsources: []\n"))
          .as(d)
          .contains(":1: poll_max: must be");
      assertThat(problems("sources:\n  - url: http://a.example/\n    poll_max: '" + d + "'\n"))
          .as(d)
          .contains(":3: sources[0].poll_max: must be");
    }
    assertThat(problems("fetch:\n  timeout: forever\nsources: []\n"))
        .contains(":2: fetch.timeout: must be a duration");
    assertThat(problems("fetch:\n  max_bytes: -1\nsources: []\n"))
        .contains(":2: fetch.max_bytes: must be between");
    assertThat(problems("fetch:\n  max_bytes: 10GB\nsources: []\n"))
        .contains(":2: fetch.max_bytes: must be a whole number");
    assertThat(problems("fetch:\n  max_redirects: 99\nsources: []\n"))
        .contains(":2: fetch.max_redirects: must be between");
    assertThat(problems("fetch:\n  allow_private_networks: maybe\nsources: []\n"))
        .contains(":2: fetch.allow_private_networks: must be true or false");
    assertThat(problems("sources:\n  - url: http://a.example/\n    content: partial\n"))
        .contains(":3: sources[0].content: must be 'full' or 'summary'");
  }

  @Test
  void rejectsIdsTagsAndShapesThatCannotWork() {
    assertThat(problems("sources:\n  - id: Ada Lovelace\n    url: http://a.example/\n"))
        .contains(":2: sources[0].id: must be a slug");
    assertThat(problems("sources:\n  - id: ../../etc\n    url: http://a.example/\n"))
        .contains("sources[0].id: must be a slug");
    assertThat(problems("sources:\n  - url: http://a.example/\n    tags: ['<script>']\n"))
        .contains(":3: sources[0].tags: tag");
    assertThat(problems("sources:\n  - url: http://a.example/\n    tags: {a: 1}\n"))
        .contains(":3: sources[0].tags: must be a list");
    assertThat(problems("sources:\n  - url: [http://a.example/]\n"))
        .contains(":2: sources[0].url: must be a single value");
    assertThat(problems("sources:\n  - url: http://a.example/\n    scrape: li.post\n"))
        .contains(":3: sources[0].scrape: must be a mapping");
    assertThat(problems("sources:\n  - url: http://a.example/\n    scrape:\n      title: h2\n"))
        .contains(":4: sources[0].scrape.item: is required");
  }

  @Test
  void rejectsDuplicateIdsEvenWhenOneIsDerived() {
    assertThat(
            problems(
                "sources:\n  - url: http://a.example/\n  - id: a-example\n    url: http://b.example/\n"))
        .contains(":3: sources[1].id: duplicate id 'a-example'");
  }

  @Test
  void locatesEveryProblemOfAThoroughlyBrokenFile() {
    assertEveryProblemIsLocated(
        """
        titel: x
        poll_every: soon
        fetch:
          timeout: never
          bogus: 1
        sources:
          - url: javascript:alert(1)
          - id: a
            url: http://a.example/
            poll_every: 1y
            content: some
          - id: a
            url: http://b.example/
          - name: no url
        """);
  }

  @Test
  void survivesDeepNestingAndHugeScalars() {
    assertThat(problems("sources: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n")).isNotEmpty();
    long t0 = System.nanoTime();
    assertThat(problems("title: " + "x".repeat(5 * 1024 * 1024) + "\nsources: []\n"))
        .isEqualTo("/srv/chorus/feeds.yml:1: the file is larger than 1 MiB; is it the right file?");
    assertThat(problems("title: " + "x".repeat(100_000) + "\nsources: []\n")).isEmpty();
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0))
        .isLessThan(java.time.Duration.ofSeconds(5));
  }

  @Test
  void explainsAFileThatCannotBeRead(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("feeds.yml");
    assertThatThrownBy(() -> ConfigLoader.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage(missing + ": cannot read: no such file");
    Files.write(
        missing, new byte[] {'t', 'i', 't', 'l', 'e', ':', ' ', (byte) 0xFF, (byte) 0xFE, '\n'});
    assertThatThrownBy(() -> ConfigLoader.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage(missing + ": cannot read: not UTF-8 text");
    assertThatThrownBy(() -> ConfigLoader.load(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage(dir + ": cannot read: it is a folder, not a file");
  }
}
