package dev.chorus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.config.ConfigEditor.NewSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a feed reader's OPML export. */
class OpmlReaderTest {
  private static List<NewSource> read(String xml) throws IOException {
    return OpmlReader.read(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void turnsNestedFoldersIntoTagsAndPrefersTheSitesPageAsUrl() throws Exception {
    List<NewSource> s =
        read(
            """
            <?xml version="1.0"?>
            <opml version="2.0"><head><title>export</title></head><body>
              <outline text="Loose" xmlUrl="https://loose.example/feed"/>
              <outline text="Tech">
                <outline text="Distributed Systems">
                  <outline type="rss" text="Ada text" title="Ada" xmlUrl="https://ada.example/rss.xml" htmlUrl="https://ada.example/"/>
                </outline>
                <outline type="rss" text="Grace" xmlUrl="https://grace.example/atom.xml" htmlUrl="javascript:alert(1)"/>
              </outline>
            </body></opml>
            """);

    assertThat(s).hasSize(3);
    assertThat(s.get(0))
        .isEqualTo(
            new NewSource(
                null,
                "Loose",
                "https://loose.example/feed",
                "https://loose.example/feed",
                List.of()));
    assertThat(s.get(1))
        .isEqualTo(
            new NewSource(
                null,
                "Ada",
                "https://ada.example/",
                "https://ada.example/rss.xml",
                List.of("tech", "distributed-systems")));
    assertThat(s.get(2).url())
        .as("an unsafe htmlUrl falls back to the feed")
        .isEqualTo("https://grace.example/atom.xml");
    assertThat(s.get(2).tags()).containsExactly("tech");
  }

  @Test
  void skipsOutlinesWhoseFeedIsNotHttp() throws Exception {
    List<NewSource> s =
        read(
            """
            <opml version="1.0"><body>
              <outline text="file" xmlUrl="file:///etc/passwd"/>
              <outline text="ok" xmlUrl="http://ok.example/feed"/>
            </body></opml>
            """);
    assertThat(s).extracting(NewSource::feed).containsExactly("http://ok.example/feed");
  }

  @Test
  void refusesADoctypeSoEntitiesCannotBeExpanded() {
    String xxe =
        """
        <?xml version="1.0"?>
        <!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/hostname">]>
        <opml version="2.0"><body><outline text="&x;" xmlUrl="https://x.example/feed"/></body></opml>
        """;
    assertThatThrownBy(() -> read(xxe))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void refusesAFileThatIsNotOpml() {
    assertThatThrownBy(() -> read("<rss version=\"2.0\"><channel/></rss>"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not an OPML file");
    assertThatThrownBy(() -> read("not xml at all")).isInstanceOf(IOException.class);
  }
}
