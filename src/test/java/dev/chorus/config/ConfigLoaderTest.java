package dev.chorus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.config.SourceConfig.ContentMode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

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
    assertThat(c.pollEvery()).isEqualTo(Duration.ofMinutes(90));
    assertThat(c.fetch().allowPrivateNetworks()).isTrue();
    assertThat(c.sources()).hasSize(2);
    SourceConfig mw = c.sources().get(0);
    assertThat(mw.id()).isEqualTo("mw");
    assertThat(mw.feed()).isEqualTo("https://example.org/index.xml");
    assertThat(mw.tags()).containsExactly("distributed-systems", "ai");
    assertThat(mw.pollEvery()).isEqualTo(Duration.ofHours(2));
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
    assertThat(c.pollEvery()).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.fetch().allowPrivateNetworks()).isFalse();
  }

  @Test
  void namesFileLineAndFieldOfAnUnknownKey() {
    assertThat(problems("sources:\n  - url: http://a.example/\n    feeed: x\n"))
        .contains("/srv/chorus/feeds.yml:3: sources[0].feeed: unknown key");
  }

  @Test
  void rejectsABadUrl() {
    assertThat(problems("sources:\n  - url: ftp://a.example/\n"))
        .contains("feeds.yml:2: sources[0].url: must be an absolute http(s) URL (got 'ftp://a.example/')");
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
    assertThat(problems("title: x\nsources:\n  - url: [unclosed\n")).contains("feeds.yml:").contains("invalid YAML");
  }

  @Test
  void rejectsDuplicateKeys() {
    assertThat(problems("title: a\ntitle: b\n")).contains(":2: title: duplicate key");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    String p = problems("bogus: 1\nsources:\n  - url: x\n  - url: http://ok.example/\n    tags: 5 6\n");
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
}
