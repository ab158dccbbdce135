package dev.chorus.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.chorus.model.FuzzyDate;
import dev.chorus.model.ParsedEntry;
import dev.chorus.model.ParsedFeed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedParserTest {

  private final FeedParser parser = new FeedParser();

  static byte[] fixture(String name) {
    try (InputStream in = FeedParserTest.class.getResourceAsStream("/feeds/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private ParsedFeed parse(String name) throws FeedParseException {
    return parser.parse(fixture(name), null, "https://example.com/feed.xml");
  }

  @Test
  void rss20ReadsChannelAndItemFields() throws Exception {
    ParsedFeed feed = parse("rss_2.0.xml");
    assertThat(feed.title()).isEqualTo("Example & Friends");
    assertThat(feed.siteUrl()).isEqualTo("https://example.com/");
    assertThat(feed.ttlMinutes()).isEqualTo(60);
    assertThat(feed.entries()).hasSize(3);
    ParsedEntry first = feed.entries().get(0);
    assertThat(first.guid()).isEqualTo("post-1");
    assertThat(first.url()).isEqualTo("https://example.com/posts/1");
    assertThat(first.title()).isEqualTo("First post");
    assertThat(first.author()).isEqualTo("Jane Doe");
    assertThat(first.published())
        .isEqualTo(FuzzyDate.ofInstant(Instant.parse("2003-06-10T04:00:00Z")));
    assertThat(first.summaryHtml()).isEqualTo("<p>Summary one</p>");
    assertThat(first.contentHtml()).isEqualTo("<p>Full <b>content</b> one</p>");
    ParsedEntry second = feed.entries().get(1);
    assertThat(second.guid()).isNull();
    assertThat(second.author()).isEqualTo("John Roe");
    assertThat(second.published().instant()).isEqualTo(Instant.parse("2003-06-11T07:30:00Z"));
  }

  @Test
  void entryAuthorsArePickedAsRomePicksThem() throws Exception {
    String rss =
        """
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title>
        <item><title>a</title><author>rss@example.com (Rss Author)</author>
          <dc:creator>First Creator</dc:creator><dc:creator>Second</dc:creator>
          <category>one</category><category>one</category></item>
        <item><title>b</title><author>only@example.com (Only Rss)</author><category>x</category></item>
        <item><title>c</title><dc:creator> Spaced  Creator </dc:creator><dc:subject>s</dc:subject></item>
        <item><title>d</title><dc:creator></dc:creator><author>e@example.com (Behind Empty)</author></item>
        </channel></rss>""";
    ParsedFeed feed = parser.parse(rss.getBytes(StandardCharsets.UTF_8), null, "https://e.com/");
    assertThat(feed.entries())
        .extracting(ParsedEntry::title, ParsedEntry::author)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", "First Creator"),
            org.assertj.core.groups.Tuple.tuple("b", "Only Rss"),
            org.assertj.core.groups.Tuple.tuple("c", "Spaced Creator"),
            org.assertj.core.groups.Tuple.tuple("d", null));
    String atom =
        """
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <title>t</title><author><name>Feed Author</name></author>
        <entry><title>a</title><id>1</id><author><name>Atom Name</name></author>
          <dc:creator>Creator</dc:creator><category term="c"/></entry>
        <entry><title>b</title><id>2</id><dc:creator>Only Creator</dc:creator></entry>
        <entry><title>c</title><id>3</id></entry>
        </feed>""";
    feed = parser.parse(atom.getBytes(StandardCharsets.UTF_8), null, "https://e.com/");
    assertThat(feed.entries())
        .extracting(ParsedEntry::title, ParsedEntry::author)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", "Atom Name"),
            org.assertj.core.groups.Tuple.tuple("b", "Only Creator"),
            org.assertj.core.groups.Tuple.tuple("c", "Feed Author"));
  }

  @Test
  void rssItemWithoutGuidOrLinkIsStillReturned() throws Exception {
    ParsedEntry third = parse("rss_2.0.xml").entries().get(2);
    assertThat(third.guid()).isNull();
    assertThat(third.url()).isNull();
    assertThat(third.summaryHtml()).isEqualTo("No guid, no link");
    assertThat(third.author()).isEqualTo("Ed Itor");
  }

  @Test
  void rss091WithPlainDoctypeParsesAndHtmlEntitiesSurvive() throws Exception {
    ParsedFeed feed = parse("rss_0.91_doctype.xml");
    assertThat(feed.title()).isEqualTo("Café news");
    assertThat(feed.entries()).hasSize(1);
    assertThat(feed.entries().get(0).title()).isEqualTo("Opening\u00A0hours");
    assertThat(feed.entries().get(0).summaryHtml()).isEqualTo("Open évery day");
  }

  @Test
  void atom10ReadsEntriesWithTypedText() throws Exception {
    ParsedFeed feed = parse("atom_1.0.xml");
    assertThat(feed.title()).isEqualTo("Atom & Eve");
    assertThat(feed.siteUrl()).isEqualTo("http://example.org/");
    ParsedEntry e = feed.entries().get(0);
    assertThat(e.guid()).isEqualTo("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a");
    assertThat(e.url()).isEqualTo("http://example.org/2003/12/13/atom03");
    assertThat(e.title()).isEqualTo("Atom-Powered Robots Run Amok");
    assertThat(e.author()).isEqualTo("Mark");
    assertThat(e.published().instant()).isEqualTo(Instant.parse("2003-12-13T12:29:29Z"));
    assertThat(e.updated()).isEqualTo(Instant.parse("2003-12-13T18:30:02Z"));
    assertThat(e.summaryHtml()).isEqualTo("Some text &lt; more.");
    assertThat(e.contentHtml()).contains("<p>Hello <em>world</em></p>");
    ParsedEntry second = feed.entries().get(1);
    assertThat(second.author()).isEqualTo("Feed Author");
    assertThat(second.contentHtml()).isEqualTo("<p>Escaped</p>");
  }

  @Test
  void atomLinksResolveAgainstXmlBase() throws Exception {
    ParsedFeed feed = parse("atom_1.0_xml_base.xml");
    assertThat(feed.siteUrl()).isEqualTo("http://example.org/blog/");
    assertThat(feed.entries().get(0).url()).isEqualTo("http://example.org/blog/posts/1.html");
    assertThat(feed.entries().get(1).url()).isEqualTo("http://example.org/other/2.html");
  }

  @Test
  void atom03ReadsIssuedModifiedAndEscapedContent() throws Exception {
    ParsedFeed feed = parse("atom_0.3.xml");
    assertThat(feed.title()).isEqualTo("Old Atom");
    ParsedEntry e = feed.entries().get(0);
    assertThat(e.guid()).isEqualTo("tag:example.org,2003:3.2397");
    assertThat(e.url()).isEqualTo("http://example.org/2003/12/13/atom03");
    assertThat(e.published().instant()).isEqualTo(Instant.parse("2003-12-13T12:29:29Z"));
    assertThat(e.updated()).isEqualTo(Instant.parse("2003-12-13T18:30:02Z"));
    assertThat(e.contentHtml()).isEqualTo("<p>Body</p>");
    assertThat(e.author()).isEqualTo("Old Author");
  }

  @Test
  void rdf10ReadsItemsOutsideTheChannel() throws Exception {
    ParsedFeed feed = parse("rdf_1.0.xml");
    assertThat(feed.title()).isEqualTo("RDF Site");
    ParsedEntry e = feed.entries().get(0);
    assertThat(e.title()).isEqualTo("RDF item");
    assertThat(e.url()).isEqualTo("http://example.org/a");
    assertThat(e.author()).isEqualTo("Ada");
    assertThat(e.published().instant()).isEqualTo(Instant.parse("2004-02-03T10:00:00Z"));
  }

  @Test
  void jsonFeed11ReadsItems() throws Exception {
    ParsedFeed feed = parser.parse(fixture("jsonfeed_1.1.json"), "application/feed+json", null);
    assertThat(feed.title()).isEqualTo("JSON Blog");
    assertThat(feed.siteUrl()).isEqualTo("https://json.example.com/");
    ParsedEntry e = feed.entries().get(0);
    assertThat(e.guid()).isEqualTo("1");
    assertThat(e.url()).isEqualTo("https://json.example.com/posts/1");
    assertThat(e.author()).isEqualTo("Item Person");
    assertThat(e.contentHtml()).isEqualTo("<p>Hi</p>");
    assertThat(e.summaryHtml()).isEqualTo("A greeting");
    assertThat(e.published().instant()).isEqualTo(Instant.parse("2020-08-07T16:44:36Z"));
    assertThat(e.updated()).isEqualTo(Instant.parse("2020-08-08T00:00:00Z"));
    ParsedEntry second = feed.entries().get(1);
    assertThat(second.guid()).isEqualTo("2");
    assertThat(second.url()).isEqualTo("https://elsewhere.example.com/x");
    assertThat(second.contentHtml()).isEqualTo("Plain &lt;text&gt;");
    assertThat(second.author()).isEqualTo("Feed Person");
  }

  @Test
  void jsonFeed10ReadsTheSingularAuthor() throws Exception {
    ParsedFeed feed = parser.parse(fixture("jsonfeed_1.0.json"), null, null);
    assertThat(feed.entries().get(0).author()).isEqualTo("Solo");
    assertThat(feed.entries().get(0).contentHtml()).isEqualTo("Text");
  }

  @Test
  void xxeFileReadIsRefused() {
    assertThatThrownBy(() -> parse("xxe_file.xml"))
        .isInstanceOf(FeedParseException.class)
        .hasMessage("DOCTYPE with entity declarations refused");
  }

  @Test
  void billionLaughsIsRefusedFast() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () ->
            assertThatThrownBy(() -> parse("billion_laughs.xml"))
                .isInstanceOf(FeedParseException.class)
                .hasMessageContaining("entity declarations refused"));
  }

  @Test
  void quadraticBlowupIsRefusedFast() {
    String big = "x".repeat(100_000);
    String ref = "&a;".repeat(50_000);
    byte[] body =
        ("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \""
                + big
                + "\">]>"
                + "<rss version=\"2.0\"><channel><title>"
                + ref
                + "</title></channel></rss>")
            .getBytes(StandardCharsets.UTF_8);
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () ->
            assertThatThrownBy(() -> parser.parse(body, null, null))
                .isInstanceOf(FeedParseException.class));
  }

  @Test
  void htmlPageIsNotAFeed() {
    assertThatThrownBy(() -> parse("html_page.html"))
        .isInstanceOf(FeedParseException.class)
        .hasMessage("not a feed: got an HTML page");
  }

  @Test
  void htmlNamedEntitiesAndStrayAmpersandsDoNotKillTheFeed() throws Exception {
    ParsedFeed feed = parse("html_entities.xml");
    assertThat(feed.title()).isEqualTo("Entities\u00A0—\u00A0café & &bogus; AT&T");
    assertThat(feed.entries().get(0).title()).isEqualTo("…’s");
    assertThat(feed.entries().get(0).summaryHtml()).isEqualTo("<p>&nbsp;kept as HTML &copy;</p>");
  }

  @Test
  void undeclaredWindows1252IsRecognised() throws Exception {
    ParsedFeed feed = parse("windows1252_undeclared.xml");
    assertThat(feed.title()).isEqualTo("Café “quoted” €");
    assertThat(feed.entries().get(0).title()).isEqualTo("Naïve");
  }

  @Test
  void invalidUtf8BytesAndControlCharactersAreRepaired() throws Exception {
    ParsedFeed feed = parse("invalid_utf8_and_controls.xml");
    assertThat(feed.title()).isEqualTo("Grüße");
    assertThat(feed.entries().get(0).title()).isEqualTo("bad \uFFFD\uFFFD byte and ctl");
  }

  @Test
  void byteOrderMarkWinsOverTheDeclaration() throws Exception {
    assertThat(
            parser
                .parse(
                    fixture("bom_wins_over_declaration.xml"), "text/xml; charset=iso-8859-1", null)
                .title())
        .isEqualTo("été — UTF-8");
  }

  @Test
  void httpCharsetWinsOverTheDeclaration() throws Exception {
    ParsedFeed feed =
        parser.parse(
            fixture("http_charset_overrides_declaration.xml"),
            "application/rss+xml; charset=ISO-8859-1",
            null);
    assertThat(feed.title()).isEqualTo("été");
  }

  @Test
  void utf16WithBomIsDecoded() throws Exception {
    assertThat(parse("utf16le_bom.xml").title()).isEqualTo("日本");
  }

  @Test
  void malformedXmlReportsTheLine() {
    byte[] body =
        "<rss version=\"2.0\">\n<channel>\n<title>x</titel>\n</channel></rss>"
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> parser.parse(body, null, null))
        .isInstanceOf(FeedParseException.class)
        .hasMessageStartingWith("XML error at line 3");
  }

  @Test
  void looksLikeFeedTellsFeedsFromPages() {
    assertThat(FeedParser.looksLikeFeed(fixture("rss_2.0.xml"), null)).isTrue();
    assertThat(FeedParser.looksLikeFeed(fixture("rss_0.91_doctype.xml"), null)).isTrue();
    assertThat(FeedParser.looksLikeFeed(fixture("atom_1.0.xml"), "application/atom+xml")).isTrue();
    assertThat(FeedParser.looksLikeFeed(fixture("rdf_1.0.xml"), null)).isTrue();
    assertThat(FeedParser.looksLikeFeed(fixture("jsonfeed_1.1.json"), null)).isTrue();
    assertThat(FeedParser.looksLikeFeed(fixture("utf16le_bom.xml"), null)).isTrue();
    assertThat(FeedParser.looksLikeFeed(fixture("html_page.html"), "text/html")).isFalse();
    assertThat(FeedParser.looksLikeFeed("{\"a\":1}".getBytes(StandardCharsets.UTF_8), null))
        .isFalse();
    assertThat(FeedParser.looksLikeFeed(new byte[0], null)).isFalse();
  }
}
