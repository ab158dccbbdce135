package dev.chorus.bench;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The parse benchmark's ceiling: one plain StAX pass over RSS 2.0 or Atom 1.0 that extracts the
 * fields Chorus keeps (guid, link, title, author, dates as text, summary, content) and nothing
 * else: no repair, no entity fix-ups, no date parsing, no model mapping.
 */
final class StaxFeeds {
  private static final XMLInputFactory FACTORY = factory();

  /** The fields of one entry, as text. */
  record Item(
      String guid,
      String link,
      String title,
      String author,
      String published,
      String updated,
      String summary,
      String content) {}

  private StaxFeeds() {}

  private static XMLInputFactory factory() {
    // the JDK's own StAX parser, as the ceiling has always been measured (not Woodstox, which the
    // classpath would otherwise pick)
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }

  static List<Item> read(byte[] body) throws XMLStreamException {
    XMLStreamReader x = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
    List<Item> out = new ArrayList<>();
    String[] f = null;
    int depth = 0;
    int itemDepth = -1;
    boolean inAuthor = false;
    try {
      while (x.hasNext()) {
        int ev = x.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          depth++;
          String name = x.getLocalName();
          if (f == null) {
            if (name.equals("item") || name.equals("entry")) {
              f = new String[8];
              itemDepth = depth;
            }
            continue;
          }
          if (depth != itemDepth + 1 && !(inAuthor && name.equals("name"))) {
            continue;
          }
          String ns = x.getNamespaceURI();
          switch (name) {
            case "guid", "id" -> f[0] = x.getElementText();
            case "link" -> {
              String href = x.getAttributeValue(null, "href");
              if (href == null) {
                f[1] = x.getElementText();
              } else if (f[1] == null || "alternate".equals(x.getAttributeValue(null, "rel"))) {
                f[1] = href;
              }
            }
            case "title" -> f[2] = x.getElementText();
            case "creator" -> f[3] = x.getElementText();
            case "author" -> inAuthor = true;
            case "name" -> f[3] = x.getElementText();
            case "pubDate", "published" -> f[4] = x.getElementText();
            case "updated" -> f[5] = x.getElementText();
            case "description", "summary" -> f[6] = x.getElementText();
            case "encoded", "content" -> {
              if (ns == null || !ns.isEmpty() || name.equals("content")) {
                f[7] = x.getElementText();
              }
            }
            default -> {}
          }
          if (x.getEventType() == XMLStreamConstants.END_ELEMENT) {
            depth--;
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          if (inAuthor && x.getLocalName().equals("author")) {
            inAuthor = false;
          }
          if (f != null && depth == itemDepth) {
            out.add(new Item(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]));
            f = null;
          }
          depth--;
        }
      }
    } finally {
      x.close();
    }
    return out;
  }
}
