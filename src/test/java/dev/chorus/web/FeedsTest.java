package dev.chorus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The merged, per-author and per-tag feeds in Atom, RSS and JSON Feed, read back strictly. */
class FeedsTest {
  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final String DC = "http://purl.org/dc/elements/1.1/";
  private static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
  private static final ObjectMapper JSON = new ObjectMapper();
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

  private static String body(String path, String type) throws Exception {
    var r = planet.get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).as(path).startsWith(type);
    return r.body();
  }

  private static Document xml(String text) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** The element children of {@code parent} with this namespace and name. */
  private static List<Element> kids(Element parent, String ns, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && name.equals(e.getLocalName())
          && ns.equals(String.valueOf(e.getNamespaceURI()))) {
        out.add(e);
      }
    }
    return out;
  }

  private static Element one(Element parent, String ns, String name) {
    List<Element> k = kids(parent, ns, name);
    assertThat(k).as("exactly one %s in <%s>", name, parent.getLocalName()).hasSize(1);
    return k.get(0);
  }

  private static String text(Element parent, String ns, String name) {
    return one(parent, ns, name).getTextContent();
  }

  private static Element link(Element parent, String rel) {
    return kids(parent, ATOM, "link").stream()
        .filter(l -> l.getAttribute("rel").equals(rel))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no link rel=" + rel));
  }

  private static void rfc3339(String s) {
    OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  @Test
  void theAtomFeedFollowsRfc4287WithASelfLinkAndEveryEntryAttributedToItsSource() throws Exception {
    String text = body("/feed.atom", "application/atom+xml");
    Element feed = xml(text).getDocumentElement();
    assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
    assertThat(feed.getLocalName()).isEqualTo("feed");
    assertThat(text(feed, ATOM, "id")).isEqualTo(planet.base() + "/feed.atom");
    assertThat(text(feed, ATOM, "title")).isEqualTo("Test Planet");
    rfc3339(text(feed, ATOM, "updated"));
    assertThat(link(feed, "self").getAttribute("href")).isEqualTo(planet.base() + "/feed.atom");
    assertThat(link(feed, "alternate").getAttribute("href")).isEqualTo(planet.base() + "/");
    assertThat(text(one(feed, ATOM, "author"), ATOM, "name")).isNotBlank();

    List<Element> entries = kids(feed, ATOM, "entry");
    assertThat(entries).hasSize(WebServer.FEED_SIZE);
    Instant newest = Instant.EPOCH;
    for (Element e : entries) {
      assertThat(text(e, ATOM, "id")).matches("urn:uuid:[0-9a-f-]{36}");
      assertThat(text(e, ATOM, "title")).isNotBlank();
      rfc3339(text(e, ATOM, "published"));
      rfc3339(text(e, ATOM, "updated"));
      Instant updated = Instant.parse(text(e, ATOM, "updated"));
      newest = updated.isAfter(newest) ? updated : newest;
      assertThat(link(e, "alternate").getAttribute("href")).startsWith("http://127.0.0.1:");
      assertThat(text(one(e, ATOM, "author"), ATOM, "name")).isNotBlank();
      Element source = one(e, ATOM, "source");
      assertThat(text(source, ATOM, "id")).matches(planet.base() + "/authors/[a-z-]+/feed.atom");
      assertThat(text(source, ATOM, "title")).isNotBlank();
      rfc3339(text(source, ATOM, "updated"));
      assertThat(link(source, "self").getAttribute("href")).isEqualTo(text(source, ATOM, "id"));
      assertThat(kids(e, ATOM, "summary")).hasSizeLessThanOrEqualTo(1);
      assertThat(kids(e, ATOM, "content")).hasSizeLessThanOrEqualTo(1);
    }
    assertThat(Instant.parse(text(feed, ATOM, "updated"))).isEqualTo(newest);

    SyndFeed rome = new SyndFeedInput().build(new StringReader(text));
    assertThat(rome.getFeedType()).isEqualTo("atom_1.0");
    assertThat(rome.getEntries()).hasSize(WebServer.FEED_SIZE).allSatisfy(FeedsTest::attributed);
    SyndEntry pat =
        rome.getEntries().stream()
            .filter(x -> x.getAuthor().equals("Pat Q."))
            .findFirst()
            .orElseThrow();
    assertThat(pat.getSource().getTitle()).isEqualTo("Pat's Field Notes");
    assertThat(pat.getDescription().getValue()).startsWith("Post 0 about");
    assertThat(pat.getContents())
        .singleElement()
        .satisfies(c -> assertThat(c.getValue()).contains("<p>Most systems"));
  }

  private static void attributed(SyndEntry e) {
    assertThat(e.getTitle()).isNotBlank();
    assertThat(e.getAuthor()).isNotBlank();
    assertThat(e.getLink()).startsWith("http://127.0.0.1:");
    assertThat(e.getPublishedDate()).isNotNull();
    assertThat(e.getUri()).startsWith("urn:uuid:");
  }

  @Test
  void theRssFeedIsRss2WithAnAtomSelfLinkCreatorsAndSources() throws Exception {
    String text = body("/feed.rss", "application/rss+xml");
    Element rss = xml(text).getDocumentElement();
    assertThat(rss.getTagName()).isEqualTo("rss");
    assertThat(rss.getAttribute("version")).isEqualTo("2.0");
    Element channel = one(rss, "null", "channel");
    assertThat(text(channel, "null", "title")).isEqualTo("Test Planet");
    assertThat(text(channel, "null", "link")).isEqualTo(planet.base() + "/");
    assertThat(text(channel, "null", "description")).isNotBlank();
    Element self = link(channel, "self");
    assertThat(self.getAttribute("href")).isEqualTo(planet.base() + "/feed.rss");
    assertThat(self.getAttribute("type")).isEqualTo("application/rss+xml");
    ZonedDateTime.parse(
        text(channel, "null", "lastBuildDate"), DateTimeFormatter.RFC_1123_DATE_TIME);

    List<Element> items = kids(channel, "null", "item");
    assertThat(items).hasSize(WebServer.FEED_SIZE);
    for (Element i : items) {
      assertThat(text(i, "null", "title")).isNotBlank();
      assertThat(text(i, "null", "link")).startsWith("http://127.0.0.1:");
      Element guid = one(i, "null", "guid");
      assertThat(guid.getAttribute("isPermaLink")).isEqualTo("false");
      assertThat(guid.getTextContent()).startsWith("urn:uuid:");
      ZonedDateTime.parse(text(i, "null", "pubDate"), DateTimeFormatter.RFC_1123_DATE_TIME);
      assertThat(text(i, DC, "creator")).isNotBlank();
      Element source = one(i, "null", "source");
      assertThat(source.getAttribute("url")).matches(planet.base() + "/authors/[a-z-]+/feed.rss");
      assertThat(source.getTextContent()).isNotBlank();
      assertThat(kids(i, "null", "author"))
          .as("RSS <author> must be an email; dc:creator is used")
          .isEmpty();
    }

    SyndFeed rome = new SyndFeedInput().build(new StringReader(text));
    assertThat(rome.getFeedType()).isEqualTo("rss_2.0");
    assertThat(rome.getEntries()).hasSize(WebServer.FEED_SIZE).allSatisfy(FeedsTest::attributed);
  }

  @Test
  void theJsonFeedHasTheVersion11FieldsAuthorsAndSources() throws Exception {
    JsonNode feed = JSON.readTree(body("/feed.json", "application/feed+json"));
    assertThat(feed.get("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
    assertThat(feed.get("title").asText()).isEqualTo("Test Planet");
    assertThat(feed.get("home_page_url").asText()).isEqualTo(planet.base() + "/");
    assertThat(feed.get("feed_url").asText()).isEqualTo(planet.base() + "/feed.json");
    assertThat(feed.get("authors").get(0).get("name").asText()).isNotBlank();
    assertThat(feed.get("items")).hasSize(WebServer.FEED_SIZE);
    for (JsonNode i : feed.get("items")) {
      assertThat(i.get("id").isTextual()).isTrue();
      assertThat(i.get("id").asText()).startsWith("urn:uuid:");
      assertThat(i.get("url").asText()).startsWith("http://127.0.0.1:");
      assertThat(i.get("title").asText()).isNotBlank();
      assertThat(i.has("content_html") || i.has("content_text"))
          .as("content_html or content_text")
          .isTrue();
      rfc3339(i.get("date_published").asText());
      rfc3339(i.get("date_modified").asText());
      assertThat(i.get("authors").get(0).get("name").asText()).isNotBlank();
      JsonNode src = i.get("_source");
      assertThat(src.get("id").asText()).matches("[a-z-]+");
      assertThat(src.get("title").asText()).isNotBlank();
      assertThat(src.get("feed_url").asText())
          .isEqualTo(planet.base() + "/authors/" + src.get("id").asText() + "/feed.json");
    }
  }

  @Test
  void fullContentIsRepublishedOnlyForSourcesThatAllowIt() throws Exception {
    // lin is "content: summary" in feeds.yml; ada is full (the default)
    Element atom = xml(body("/feed.atom", "application/atom+xml")).getDocumentElement();
    Map<String, Element> bySource = new LinkedHashMap<>();
    for (Element e : kids(atom, ATOM, "entry")) {
      bySource.putIfAbsent(text(one(e, ATOM, "source"), ATOM, "title"), e);
    }
    assertThat(kids(bySource.get("Lin"), ATOM, "content")).isEmpty();
    assertThat(kids(bySource.get("Ada"), ATOM, "content"))
        .singleElement()
        .satisfies(c -> assertThat(c.getAttribute("type")).isEqualTo("html"));

    Element channel =
        one(xml(body("/feed.rss", "application/rss+xml")).getDocumentElement(), "null", "channel");
    for (Element i : kids(channel, "null", "item")) {
      String source = one(i, "null", "source").getTextContent();
      if (source.equals("Lin")) {
        assertThat(kids(i, CONTENT, "encoded")).isEmpty();
      } else if (source.equals("Ada") && text(i, "null", "title").startsWith("Backpressure")) {
        assertThat(text(i, CONTENT, "encoded")).contains("<b>limits</b>").doesNotContain("script");
      }
    }

    for (JsonNode i : JSON.readTree(body("/feed.json", "application/feed+json")).get("items")) {
      if (i.get("_source").get("id").asText().equals("lin")) {
        assertThat(i.has("content_html")).isFalse();
        assertThat(i.get("content_text").asText()).isNotBlank();
      } else if (i.get("_source").get("id").asText().equals("ada")
          && i.get("title").asText().startsWith("Backpressure")) {
        assertThat(i.get("content_html").asText()).contains("<b>limits</b>");
      }
    }
  }

  @Test
  void authorAndTagFeedsHoldOnlyTheirEntriesAndPointToThemselves() throws Exception {
    for (String kind : List.of("atom", "rss", "json")) {
      SyndFeed pat =
          kind.equals("json")
              ? null
              : new SyndFeedInput()
                  .build(new StringReader(body("/authors/pat/feed." + kind, "application/")));
      if (pat != null) {
        assertThat(pat.getEntries())
            .hasSize(Planet.PAT_POSTS)
            .allSatisfy(e -> assertThat(e.getAuthor()).isEqualTo("Pat Q."));
        assertThat(pat.getTitle()).isEqualTo("Pat's Field Notes · Test Planet");
      }
    }
    Element atom = xml(body("/authors/pat/feed.atom", "application/atom+xml")).getDocumentElement();
    assertThat(link(atom, "self").getAttribute("href"))
        .isEqualTo(planet.base() + "/authors/pat/feed.atom");
    assertThat(link(atom, "alternate").getAttribute("href"))
        .isEqualTo(planet.base() + "/authors/pat");

    JsonNode tag = JSON.readTree(body("/tags/compilers/feed.json", "application/feed+json"));
    assertThat(tag.get("feed_url").asText()).isEqualTo(planet.base() + "/tags/compilers/feed.json");
    assertThat(tag.get("title").asText()).isEqualTo("#compilers · Test Planet");
    assertThat(tag.get("items"))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.get("title").asText()).isEqualTo("Compilers, kindly");
              assertThat(i.get("_source").get("id").asText()).isEqualTo("grace");
            });
    SyndFeed queues =
        new SyndFeedInput()
            .build(new StringReader(body("/tags/queues/feed.rss", "application/rss+xml")));
    assertThat(queues.getEntries()).hasSize(Planet.PAT_POSTS + 2);
    assertThat(planet.get("/tags/queues/feed.xml").statusCode()).isEqualTo(404);
    assertThat(planet.get("/authors/nobody/feed.atom").statusCode()).isEqualTo(404);
  }

  @Test
  void theSameEntryKeepsItsIdInEveryFormatAndAcrossRestartsAndRepolls() throws Exception {
    Map<String, String> before = ids();
    planet.stop();
    planet.open();
    Map<String, String> after = ids();
    assertThat(after).isEqualTo(before);
    assertThat(before).hasSize(WebServer.FEED_SIZE);
  }

  /** Entry id by link, checked to be the same in Atom, RSS and JSON Feed. */
  private static Map<String, String> ids() throws Exception {
    Map<String, String> atom = new LinkedHashMap<>();
    for (SyndEntry e :
        new SyndFeedInput()
            .build(new StringReader(body("/feed.atom", "application/atom+xml")))
            .getEntries()) {
      atom.put(e.getLink(), e.getUri());
    }
    Map<String, String> rss = new LinkedHashMap<>();
    for (SyndEntry e :
        new SyndFeedInput()
            .build(new StringReader(body("/feed.rss", "application/rss+xml")))
            .getEntries()) {
      rss.put(e.getLink(), e.getUri());
    }
    Map<String, String> json = new LinkedHashMap<>();
    for (JsonNode i : JSON.readTree(body("/feed.json", "application/feed+json")).get("items")) {
      json.put(i.get("url").asText(), i.get("id").asText());
    }
    assertThat(rss).isEqualTo(atom);
    assertThat(json).isEqualTo(atom);
    return atom;
  }

  /**
   * Debian's python3-feedparser reads the feeds without complaint and finds a title, link, author
   * and date on every entry. Runs when it is installed, and must under CI=true. (Debian 12's
   * feedparser 6.0.10 has no JSON Feed reader; the JSON Feed is checked when one that has it is
   * installed, and field by field above in any case.)
   */
  @Test
  void pythonFeedparserReadsAllThreeFeedsCleanly() throws Exception {
    String python = feedparserPython();
    Path script = dir.resolve("check_feeds.py");
    Files.writeString(
        script,
        """
        import importlib.util, json, sys, feedparser
        out = {"feedparser": feedparser.__version__}
        reads_json = importlib.util.find_spec("feedparser.parsers.json") is not None
        for url in sys.argv[1:]:
            if url.endswith(".json") and not reads_json:
                out["feed.json"] = "not read: this feedparser has no JSON Feed support"
                continue
            d = feedparser.parse(url)
            missing = []
            for n, e in enumerate(d.entries):
                for field in ("title", "link", "author"):
                    if not e.get(field):
                        missing.append("%d:%s" % (n, field))
                if not (e.get("published_parsed") or e.get("updated_parsed")):
                    missing.append("%d:date" % n)
            out[url.rsplit("/", 1)[1]] = {"bozo": bool(d.bozo), "problem": str(d.get("bozo_exception", "")),
                "version": d.version, "entries": len(d.entries), "missing": missing}
        print(json.dumps(out, sort_keys=True))
        """);
    Process p =
        new ProcessBuilder(
                python,
                script.toString(),
                planet.base() + "/feed.atom",
                planet.base() + "/feed.rss",
                planet.base() + "/feed.json")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    System.out.println("[feedparser] " + out.strip());
    JsonNode r = JSON.readTree(out.substring(out.indexOf('{')));
    assertThat(r.get("feed.atom").get("version").asText()).isEqualTo("atom10");
    assertThat(r.get("feed.rss").get("version").asText()).isEqualTo("rss20");
    if (r.get("feed.json").isObject()) {
      assertThat(r.get("feed.json").get("version").asText()).startsWith("json1");
    }
    for (JsonNode f : r) {
      if (!f.isObject()) {
        continue;
      }
      assertThat(f.get("bozo").asBoolean()).as(f.toString()).isFalse();
      assertThat(f.get("entries").asInt()).isEqualTo(WebServer.FEED_SIZE);
      assertThat(f.get("missing")).as(f.toString()).isEmpty();
    }
  }

  private static String feedparserPython() throws Exception {
    for (String python : List.of("/usr/bin/python3", "python3")) {
      try {
        Process p =
            new ProcessBuilder(python, "-c", "import feedparser").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return python;
        }
      } catch (java.io.IOException e) {
        // not this one
      }
    }
    String why = "python3-feedparser is not installed (apt-get install -y python3-feedparser)";
    if ("true".equals(System.getenv("CI"))) {
      fail(why + " but CI=true requires the check");
    }
    System.out.println("[FeedsTest] " + why + ": feedparser check skipped");
    Assumptions.abort(why);
    return null;
  }
}
