package dev.chorus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.config.ConfigEditor.NewSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code chorus add} and {@code chorus import-opml} do to feeds.yml. */
class ConfigEditorTest {
  @TempDir Path dir;

  private static final String COMMENTED =
      """
      # My planet: the blogs I read.
      title: Planet   # shown on the page
      database: planet.db

      sources:
        # people with feeds
        - id: ada
          name: Ada
          url: https://ada.example/
          feed: https://ada.example/rss.xml   # declared
          tags: [queues]

        # trailing comment inside the list

      fetch:
        allow_private_networks: false
      # the end
      """;

  private Path file(String text) throws Exception {
    Path f = dir.resolve("feeds.yml");
    Files.writeString(f, text);
    return f;
  }

  private static NewSource source(String name, String url, String feed, String... tags) {
    return new NewSource(null, name, url, feed, List.of(tags));
  }

  @Test
  void appendsAtTheEndOfTheSourcesListKeepingEveryCommentAndLine() throws Exception {
    Path f = file(COMMENTED);
    List<NewSource> added =
        ConfigEditor.append(
            f, List.of(source("Grace Hopper", "https://grace.example/", null, "compilers")));

    assertThat(added).extracting(NewSource::id).containsExactly("grace-hopper");
    String after = Files.readString(f);
    String block =
        "    tags: [queues]\n"
            + "  - id: grace-hopper\n"
            + "    name: Grace Hopper\n"
            + "    url: https://grace.example/\n"
            + "    tags: [compilers]\n";
    assertThat(after).contains(block);
    // removing the inserted lines gives back the original file byte for byte
    assertThat(
            after.replace(
                "  - id: grace-hopper\n    name: Grace Hopper\n    url: https://grace.example/\n    tags: [compilers]\n",
                ""))
        .isEqualTo(COMMENTED);
    Config c = ConfigLoader.load(f);
    assertThat(c.sources()).extracting(SourceConfig::id).containsExactly("ada", "grace-hopper");
    assertThat(c.fetch().allowPrivateNetworks()).isFalse();
  }

  @Test
  void skipsSourcesAlreadyPresentByUrlOrFeedAndDuplicatesWithinTheBatch() throws Exception {
    Path f = file(COMMENTED);
    List<NewSource> added =
        ConfigEditor.append(
            f,
            List.of(
                source("Ada again", "https://ada.example/", null),
                source("Ada's feed", "https://elsewhere.example/", "https://ada.example/rss.xml"),
                source("Lin", "https://lin.example/", "https://lin.example/feed.json"),
                source("Lin twice", "https://lin.example/", null)));

    assertThat(added).extracting(NewSource::name).containsExactly("Lin");
    assertThat(ConfigLoader.load(f).sources())
        .extracting(SourceConfig::id)
        .containsExactly("ada", "lin");
  }

  @Test
  void writesNothingWhenEverySourceIsAlreadyThere() throws Exception {
    Path f = file(COMMENTED);
    assertThat(ConfigEditor.append(f, List.of(source("Ada", "https://ada.example/", null))))
        .isEmpty();
    assertThat(Files.readString(f)).isEqualTo(COMMENTED);
  }

  @Test
  void givesATakenIdANumberSuffix() throws Exception {
    Path f = file(COMMENTED);
    List<NewSource> added =
        ConfigEditor.append(
            f,
            List.of(
                source("Ada", "https://other-ada.example/", null),
                source("Ada", "https://third.example/", null)));
    assertThat(added).extracting(NewSource::id).containsExactly("ada-2", "ada-3");
  }

  @Test
  void turnsAnInlineEmptyListIntoABlockList() throws Exception {
    Path f = file("title: Empty  # nothing yet\nsources: []   # add some\n");
    ConfigEditor.append(f, List.of(source("Mo", "https://mo.example/blog/", null)));

    assertThat(Files.readString(f))
        .isEqualTo(
            "title: Empty  # nothing yet\nsources:\n  - id: mo\n    name: Mo\n    url: https://mo.example/blog/\n");
    assertThat(ConfigLoader.load(f).sources())
        .extracting(SourceConfig::url)
        .containsExactly("https://mo.example/blog/");
  }

  @Test
  void createsTheFileWhenThereIsNone() throws Exception {
    Path f = dir.resolve("new.yml");
    ConfigEditor.append(
        f, List.of(source(null, "https://solo.example/", "https://solo.example/atom.xml")));
    Config c = ConfigLoader.load(f);
    assertThat(c.sources())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.id()).isEqualTo("solo-example");
              assertThat(s.feed()).isEqualTo("https://solo.example/atom.xml");
            });
  }

  @Test
  void quotesNamesThatYamlWouldMisread() throws Exception {
    Path f = file(COMMENTED);
    ConfigEditor.append(
        f, List.of(source("Notes: \"quoted\" # not a comment", "https://q.example/", null, "x.y")));
    SourceConfig q = ConfigLoader.load(f).sources().get(1);
    assertThat(q.name()).isEqualTo("Notes: \"quoted\" # not a comment");
  }

  @Test
  void refusesAnEditThatWouldMakeTheFileInvalidAndLeavesItUntouched() throws Exception {
    Path f = file(COMMENTED);
    assertThatThrownBy(
            () -> ConfigEditor.append(f, List.of(source("Bad", "ftp://bad.example/", null))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("url");
    assertThat(Files.readString(f)).isEqualTo(COMMENTED);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(f);
    }
  }

  @Test
  void refusesToEditAFileThatIsAlreadyInvalid() throws Exception {
    String broken = "sources:\n  - name: no url here\n";
    Path f = file(broken);
    assertThatThrownBy(
            () -> ConfigEditor.append(f, List.of(source("Ok", "https://ok.example/", null))))
        .isInstanceOf(ConfigException.class);
    assertThat(Files.readString(f)).isEqualTo(broken);
  }
}
