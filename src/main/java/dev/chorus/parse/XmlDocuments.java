package dev.chorus.parse;

import java.io.IOException;
import java.io.StringReader;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.UncheckedJDOMFactory;
import org.jdom2.input.JDOMParseException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;
import org.xml.sax.InputSource;

/** Builds JDOM documents from repaired feed text with hardened, reused parsers. */
final class XmlDocuments {

  private static final Reusables<SAXBuilder> BUILDERS = new Reusables<>(XmlDocuments::create);

  private XmlDocuments() {}

  private static SAXBuilder create() {
    SAXBuilder b = new SAXBuilder(XMLReaders.NONVALIDATING);
    b.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    b.setFeature("http://xml.org/sax/features/external-general-entities", false);
    b.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    b.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    b.setExpandEntities(false);
    b.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
    b.setReuseParser(true);
    // the XML parser has already checked names and characters; JDOM need not check them again
    b.setJDOMFactory(new UncheckedJDOMFactory());
    return b;
  }

  /** The document, or null when the text is not well-formed (or has a DOCTYPE). */
  static Document parseIfWellFormed(String xml) {
    try {
      return build(xml);
    } catch (JDOMException | IOException e) {
      return null;
    }
  }

  static Document parse(String xml) throws FeedParseException {
    try {
      return build(xml);
    } catch (JDOMParseException e) {
      String msg =
          String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
      if (msg.contains("DOCTYPE")) {
        throw new FeedParseException("DOCTYPE refused", e);
      }
      throw new FeedParseException("XML error at line " + e.getLineNumber() + ": " + msg, e);
    } catch (JDOMException | IOException e) {
      throw new FeedParseException("XML error: " + e.getMessage(), e);
    }
  }

  /** A builder that failed is not pooled again: a parser is not trusted after an error. */
  private static Document build(String xml) throws JDOMException, IOException {
    SAXBuilder builder = BUILDERS.take();
    Document doc = builder.build(new StringReader(xml));
    BUILDERS.release(builder);
    return doc;
  }
}
