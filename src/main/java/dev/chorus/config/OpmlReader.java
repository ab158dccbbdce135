package dev.chorus.config;

import dev.chorus.config.ConfigEditor.NewSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads the feeds of an OPML export (nested folders become tags); DTDs and entities refused. */
public final class OpmlReader {
  private OpmlReader() {}

  public static List<NewSource> read(byte[] opml) throws IOException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      Element root = b.parse(new ByteArrayInputStream(opml)).getDocumentElement();
      if (!root.getTagName().equalsIgnoreCase("opml")) {
        throw new IOException("not an OPML file: the root element is <" + root.getTagName() + ">");
      }
      List<NewSource> out = new ArrayList<>();
      walk(root, new ArrayList<>(), out);
      return out;
    } catch (SAXException e) {
      throw new IOException("not a readable OPML file: " + e.getMessage(), e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void walk(Element parent, List<String> folders, List<NewSource> out) {
    NodeList kids = parent.getChildNodes();
    for (int i = 0; i < kids.getLength(); i++) {
      Node n = kids.item(i);
      if (!(n instanceof Element e)) {
        continue;
      }
      if (!e.getTagName().equalsIgnoreCase("outline")) {
        walk(e, folders, out);
        continue;
      }
      String xmlUrl = e.getAttribute("xmlUrl");
      String name =
          !e.getAttribute("title").isBlank() ? e.getAttribute("title") : e.getAttribute("text");
      if (!xmlUrl.isBlank() && httpUrl(xmlUrl)) {
        String html = e.getAttribute("htmlUrl");
        String url = !html.isBlank() && httpUrl(html) ? html : xmlUrl;
        out.add(
            new NewSource(null, name.isBlank() ? null : name.strip(), url, xmlUrl, tags(folders)));
      } else {
        List<String> deeper = new ArrayList<>(folders);
        if (!name.isBlank()) {
          deeper.add(name);
        }
        walk(e, deeper, out);
      }
    }
  }

  private static List<String> tags(List<String> folders) {
    List<String> out = new ArrayList<>();
    for (String f : folders) {
      String t =
          f.toLowerCase(Locale.ROOT)
              .replaceAll("[^\\p{L}\\p{N}._-]+", "-")
              .replaceAll("^-+|-+$", "");
      if (!t.isEmpty() && t.length() <= 40) {
        out.add(t);
      }
    }
    return out;
  }

  private static boolean httpUrl(String u) {
    try {
      URI uri = new URI(u.strip());
      return uri.getHost() != null
          && ("http".equalsIgnoreCase(uri.getScheme())
              || "https".equalsIgnoreCase(uri.getScheme()));
    } catch (Exception e) {
      return false;
    }
  }
}
