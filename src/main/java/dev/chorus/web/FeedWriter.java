package dev.chorus.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes merged feeds as Atom 1.0, RSS 2.0 and JSON Feed 1.1. */
final class FeedWriter {
  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final String DC = "http://purl.org/dc/elements/1.1/";
  private static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
  private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
  private static final ObjectMapper JSON = new ObjectMapper();

  private FeedWriter() {}

  static byte[] atom(FeedMeta meta, List<FeedItem> items) {
    return xml(
        w -> {
          w.writeStartElement("feed");
          w.writeDefaultNamespace(ATOM);
          text(w, "title", meta.title());
          text(w, "id", meta.selfUrl());
          text(w, "updated", rfc3339(meta.updated()));
          link(w, "self", "application/atom+xml", meta.selfUrl());
          link(w, "alternate", "text/html", meta.homeUrl());
          w.writeStartElement("author");
          text(w, "name", meta.title());
          w.writeEndElement();
          w.writeStartElement("generator");
          w.writeAttribute("uri", "https://github.com/chorus-aggregator/chorus");
          w.writeCharacters("Chorus");
          w.writeEndElement();
          for (FeedItem i : items) {
            w.writeStartElement("entry");
            text(w, "id", i.stableId());
            typed(w, "title", "text", i.entry().displayTitle());
            link(w, "alternate", "text/html", i.link());
            text(w, "published", rfc3339(i.published()));
            text(w, "updated", rfc3339(i.updated()));
            w.writeStartElement("author");
            text(w, "name", i.entry().displayAuthor());
            if (Links.safe(i.sourceUrl()) != null) {
              text(w, "uri", i.sourceUrl());
            }
            w.writeEndElement();
            for (String tag : i.tags()) {
              w.writeEmptyElement("category");
              w.writeAttribute("term", tag);
            }
            if (i.entry().summary() != null) {
              typed(w, "summary", "text", i.entry().summary());
            }
            if (i.content() != null) {
              typed(w, "content", "html", i.content());
            }
            w.writeStartElement("source");
            text(w, "id", i.sourceFeedUrl());
            text(w, "title", i.entry().sourceName());
            if (Links.safe(i.sourceUrl()) != null) {
              link(w, "alternate", "text/html", i.sourceUrl());
            }
            link(w, "self", "application/atom+xml", i.sourceFeedUrl());
            text(w, "updated", rfc3339(i.updated()));
            w.writeEndElement();
            w.writeEndElement();
          }
          w.writeEndElement();
        });
  }

  static byte[] rss(FeedMeta meta, List<FeedItem> items) {
    return xml(
        w -> {
          w.writeStartElement("rss");
          w.writeAttribute("version", "2.0");
          w.writeNamespace("atom", ATOM);
          w.writeNamespace("dc", DC);
          w.writeNamespace("content", CONTENT);
          w.writeStartElement("channel");
          text(w, "title", meta.title());
          text(w, "link", meta.homeUrl());
          text(w, "description", "Posts from the authors followed by " + meta.title());
          w.writeEmptyElement("atom", "link", ATOM);
          w.writeAttribute("href", meta.selfUrl());
          w.writeAttribute("rel", "self");
          w.writeAttribute("type", "application/rss+xml");
          text(w, "lastBuildDate", rfc822(meta.updated()));
          text(w, "generator", "Chorus");
          for (FeedItem i : items) {
            w.writeStartElement("item");
            text(w, "title", i.entry().displayTitle());
            text(w, "link", i.link());
            w.writeStartElement("guid");
            w.writeAttribute("isPermaLink", "false");
            w.writeCharacters(i.stableId());
            w.writeEndElement();
            text(w, "pubDate", rfc822(i.published()));
            w.writeStartElement("dc", "creator", DC);
            w.writeCharacters(Links.xmlSafe(i.entry().displayAuthor()));
            w.writeEndElement();
            for (String tag : i.tags()) {
              text(w, "category", tag);
            }
            if (i.entry().summary() != null) {
              // readers take RSS descriptions as HTML: the plain-text summary must be escaped as
              // such
              text(w, "description", WebServer.escape(i.entry().summary()));
            }
            if (i.content() != null) {
              w.writeStartElement("content", "encoded", CONTENT);
              w.writeCharacters(Links.xmlSafe(i.content()));
              w.writeEndElement();
            }
            w.writeStartElement("source");
            w.writeAttribute("url", i.sourceFeedUrl().replace("feed.atom", "feed.rss"));
            w.writeCharacters(Links.xmlSafe(i.entry().sourceName()));
            w.writeEndElement();
            w.writeEndElement();
          }
          w.writeEndElement();
          w.writeEndElement();
        });
  }

  static byte[] json(FeedMeta meta, List<FeedItem> items) {
    ObjectNode feed = JSON.createObjectNode();
    feed.put("version", "https://jsonfeed.org/version/1.1");
    feed.put("title", meta.title());
    feed.put("home_page_url", meta.homeUrl());
    feed.put("feed_url", meta.selfUrl());
    feed.putArray("authors").addObject().put("name", meta.title());
    ArrayNode arr = feed.putArray("items");
    for (FeedItem i : items) {
      ObjectNode o = arr.addObject();
      o.put("id", i.stableId());
      o.put("url", i.link());
      o.put("title", i.entry().displayTitle());
      if (i.content() != null) {
        o.put("content_html", i.content());
      } else {
        o.put(
            "content_text",
            i.entry().summary() != null ? i.entry().summary() : i.entry().displayTitle());
      }
      if (i.entry().summary() != null) {
        o.put("summary", i.entry().summary());
      }
      o.put("date_published", rfc3339(i.published()));
      o.put("date_modified", rfc3339(i.updated()));
      ObjectNode author = o.putArray("authors").addObject();
      author.put("name", i.entry().displayAuthor());
      if (Links.safe(i.sourceUrl()) != null) {
        author.put("url", i.sourceUrl());
      }
      if (!i.tags().isEmpty()) {
        ArrayNode tags = o.putArray("tags");
        i.tags().forEach(tags::add);
      }
      ObjectNode source = o.putObject("_source");
      source.put("id", i.entry().sourceId());
      source.put("title", i.entry().sourceName());
      source.put("home_page_url", Links.safe(i.sourceUrl()));
      source.put("feed_url", i.sourceFeedUrl().replace("feed.atom", "feed.json"));
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(feed);
    } catch (Exception e) {
      throw new IllegalStateException("JSON Feed could not be written", e);
    }
  }

  @FunctionalInterface
  private interface XmlBody {
    void write(XMLStreamWriter w) throws XMLStreamException;
  }

  private static byte[] xml(XmlBody body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      body.write(w);
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("feed could not be written", e);
    }
    return out.toByteArray();
  }

  private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(Links.xmlSafe(value == null ? "" : value));
    w.writeEndElement();
  }

  private static void typed(XMLStreamWriter w, String name, String type, String value)
      throws XMLStreamException {
    w.writeStartElement(name);
    w.writeAttribute("type", type);
    w.writeCharacters(Links.xmlSafe(value));
    w.writeEndElement();
  }

  private static void link(XMLStreamWriter w, String rel, String type, String href)
      throws XMLStreamException {
    w.writeEmptyElement("link");
    w.writeAttribute("rel", rel);
    w.writeAttribute("type", type);
    w.writeAttribute("href", Links.xmlSafe(href));
  }

  static String rfc3339(Instant i) {
    return DateTimeFormatter.ISO_INSTANT.format(
        i.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  static String rfc822(Instant i) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(i.atOffset(ZoneOffset.UTC));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
