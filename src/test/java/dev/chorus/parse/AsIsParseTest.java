package dev.chorus.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.model.ParsedFeed;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jdom2.Document;
import org.junit.jupiter.api.Test;

/**
 * A well-formed feed is parsed without the repair first ({@link FeedParser#document}); that must
 * read every document exactly as the repaired parse does.
 */
class AsIsParseTest {
  private static final String BASE = "http://127.0.0.1:8097/tests/";

  private static ParsedFeed read(String text, boolean asIsFirst) throws FeedParseException {
    return RomeFeeds.read(FeedParser.document(text, asIsFirst), BASE);
  }

  private static List<Path> documents() throws Exception {
    List<Path> out =
        new ArrayList<>(
            FeedparserCorpusTest.files("wellformed", "illformed", "entities", "encoding"));
    try (Stream<Path> s = Files.list(resource("/feeds"))) {
      s.filter(p -> p.toString().endsWith(".xml")).sorted().forEach(out::add);
    }
    return out;
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(AsIsParseTest.class.getResource(name).toURI());
  }

  @Test
  void everyCorpusDocumentReadsTheSameAsIsAndRepaired() throws Exception {
    int asIs = 0;
    int repaired = 0;
    for (Path file : documents()) {
      byte[] body = Files.readAllBytes(file);
      String text;
      try {
        text = XmlCharset.decode(body, FeedparserCorpusTest.contentType(body));
      } catch (RuntimeException e) {
        continue; // not decodable: neither path gets here
      }
      boolean wellFormed =
          XmlRepair.parsesAlike(text) && XmlDocuments.parseIfWellFormed(text) != null;
      if (wellFormed) {
        asIs++;
      } else {
        repaired++;
      }
      Object direct = outcome(text, true);
      Object viaRepair = outcome(text, false);
      assertThat(direct).as("%s", file).isEqualTo(viaRepair);
    }
    // both paths are exercised, the as-is one by most of the corpus
    // (1,845 and 275 when written)
    assertThat(asIs).as("read as is").isGreaterThan(1500);
    assertThat(repaired).as("repaired").isGreaterThan(200);
  }

  /** The feed read, or the error's message: the same either way. */
  private static Object outcome(String text, boolean asIsFirst) {
    try {
      return read(text, asIsFirst);
    } catch (FeedParseException | RuntimeException e) {
      return "error: " + e.getMessage();
    }
  }

  @Test
  void aC1ReferenceIsReadAsWindows1252EvenInAWellFormedFeed() throws Exception {
    String text =
        "<rss version=\"2.0\"><channel><title>T</title><item><title>a &#150; b &#x93;q&#x94;"
            + "</title><guid>1</guid></item></channel></rss>";
    assertThat(XmlDocuments.parseIfWellFormed(text)).isNotNull();
    assertThat(XmlRepair.parsesAlike(text)).isFalse();
    assertThat(read(text, true).entries().get(0).title()).isEqualTo("a \u2013 b \u201cq\u201d");
  }

  @Test
  void anXml11DeclarationIsDroppedAsBefore() throws Exception {
    String text =
        "<?xml version=\"1.1\"?><rss version=\"2.0\"><channel><title>T</title></channel></rss>";
    assertThat(XmlRepair.parsesAlike(text)).isFalse();
    assertThat(read(text, true).title()).isEqualTo("T");
  }

  @Test
  void aDoctypeWithEntitiesIsStillRefused() {
    String text =
        "<!DOCTYPE rss [<!ENTITY x \"boom\">]><rss version=\"2.0\"><channel><title>&x;</title>"
            + "</channel></rss>";
    assertThat(XmlDocuments.parseIfWellFormed(text)).isNull();
    assertThatThrownBy(() -> read(text, true))
        .isInstanceOf(FeedParseException.class)
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void aDoctypeWithoutEntitiesIsRefusedByTheXmlParserItself() {
    // well-formed but for its document type: the parser must stop at it, not skip it
    String text =
        "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\""
            + " \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">"
            + "<rss version=\"0.91\"><channel><title>T</title></channel></rss>";
    assertThat(XmlDocuments.parseIfWellFormed(text)).isNull();
    assertThatThrownBy(() -> XmlDocuments.parse(text))
        .isInstanceOf(FeedParseException.class)
        .hasMessage("DOCTYPE refused");
  }

  @Test
  void woodstoxErrorsSayTheirLineOnce() {
    assertThatThrownBy(() -> XmlDocuments.parse("<rss>\n<channel>\n<x:y/></channel></rss>"))
        .isInstanceOf(FeedParseException.class)
        .hasMessage("XML error at line 3: Undeclared namespace prefix \"x\"");
  }

  @Test
  void anHtmlEntityInAnOtherwiseGoodFeedIsRepaired() throws Exception {
    String text = "<rss version=\"2.0\"><channel><title>Caf&eacute;&nbsp;1</title></channel></rss>";
    Document doc = XmlDocuments.parseIfWellFormed(text);
    assertThat(doc).isNull();
    assertThat(read(text, true).title()).isEqualTo("Caf\u00e9\u00a01");
  }
}
