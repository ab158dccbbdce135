package dev.chorus.web;

import dev.chorus.config.Config;
import dev.chorus.config.SourceConfig;
import dev.chorus.model.SourceState;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The sources as OPML 2.0, for importing into a feed reader. */
final class Opml {
  private Opml() {}

  static byte[] write(Config cfg, Map<String, SourceState> states, String base) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      // the JDK's writer, not whichever the classpath offers first (Woodstox)
      XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("opml");
      w.writeAttribute("version", "2.0");
      w.writeStartElement("head");
      w.writeStartElement("title");
      w.writeCharacters(Links.xmlSafe(cfg.title()));
      w.writeEndElement();
      w.writeEndElement();
      w.writeStartElement("body");
      for (SourceConfig s : cfg.sources()) {
        SourceState st = states.get(s.id());
        String feed =
            s.feed() != null ? s.feed() : st != null && st.feedUrl() != null ? st.feedUrl() : null;
        w.writeEmptyElement("outline");
        w.writeAttribute("type", "rss");
        w.writeAttribute("text", Links.xmlSafe(s.name()));
        w.writeAttribute("title", Links.xmlSafe(s.name()));
        w.writeAttribute(
            "xmlUrl",
            Links.xmlSafe(feed != null ? feed : base + "/authors/" + s.id() + "/feed.atom"));
        w.writeAttribute("htmlUrl", Links.xmlSafe(s.url()));
        if (!s.tags().isEmpty()) {
          w.writeAttribute("category", String.join(",", s.tags()));
        }
      }
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("OPML could not be written", e);
    }
    return out.toByteArray();
  }
}
