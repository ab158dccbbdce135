package dev.chorus.parse;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.sax.WstxSAXParserFactory;
import com.ctc.wstx.stax.WstxInputFactory;
import java.io.IOException;
import java.io.StringReader;
import javax.xml.stream.XMLInputFactory;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.UncheckedJDOMFactory;
import org.jdom2.input.JDOMParseException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.SAXHandler;
import org.jdom2.input.sax.XMLReaderJDOMFactory;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Builds JDOM documents from repaired feed text with hardened, reused parsers.
 *
 * <p>The XML parser under JDOM is Woodstox, not the JDK's Xerces: it builds the same documents a
 * third faster (BENCHMARKS.md). It reads no DTD and resolves no external entity, and a document
 * with a DOCTYPE is refused outright, as it was with Xerces ({@code disallow-doctype-decl}).
 */
final class XmlDocuments {

  private static final Reusables<SAXBuilder> BUILDERS = new Reusables<>(XmlDocuments::create);

  /** Words of the error a DOCTYPE gets; {@link #parse} reports it as refused. */
  private static final String DOCTYPE_REFUSED = "DOCTYPE is not allowed";

  private XmlDocuments() {}

  /** Woodstox's SAX parsers, reading no DTD and no external entity; thread-safe once set up. */
  private static final WstxSAXParserFactory PARSERS = parsers();

  private static WstxSAXParserFactory parsers() {
    WstxInputFactory stax = new WstxInputFactory();
    stax.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    stax.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    stax.setProperty(WstxInputProperties.P_ENTITY_RESOLVER, null);
    stax.setProperty(WstxInputProperties.P_DTD_RESOLVER, null);
    WstxSAXParserFactory f = new WstxSAXParserFactory(stax);
    f.setNamespaceAware(true);
    f.setValidating(false);
    return f;
  }

  private static final XMLReaderJDOMFactory READERS =
      new XMLReaderJDOMFactory() {
        @Override
        public XMLReader createXMLReader() throws JDOMException {
          try {
            return PARSERS.newSAXParser().getXMLReader();
          } catch (SAXException e) {
            throw new JDOMException("cannot create an XML parser: " + e.getMessage(), e);
          }
        }

        @Override
        public boolean isValidating() {
          return false;
        }
      };

  private static SAXBuilder create() {
    SAXBuilder b = new SAXBuilder(READERS);
    b.setSAXHandlerFactory(XmlDocuments::handler);
    b.setExpandEntities(false);
    b.setReuseParser(true);
    // the XML parser has already checked names and characters; JDOM need not check them again
    b.setJDOMFactory(new UncheckedJDOMFactory());
    return b;
  }

  /** JDOM's handler, refusing a document type declaration before anything is built from it. */
  private static SAXHandler handler(org.jdom2.JDOMFactory factory) {
    return new SAXHandler(factory) {
      @Override
      public void startDTD(String name, String publicId, String systemId) throws SAXException {
        throw new SAXParseException(DOCTYPE_REFUSED, getDocumentLocator());
      }
    };
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
      if (msg.contains(DOCTYPE_REFUSED)) {
        throw new FeedParseException("DOCTYPE refused", e);
      }
      throw new FeedParseException(
          "XML error at line " + e.getLineNumber() + ": " + withoutLocation(msg), e);
    } catch (JDOMException | IOException e) {
      throw new FeedParseException("XML error: " + e.getMessage(), e);
    }
  }

  /** Woodstox ends its messages with a second line giving the row and column, said already. */
  private static String withoutLocation(String msg) {
    int at = msg.indexOf("\n at [row,col");
    return at < 0 ? msg : msg.substring(0, at);
  }

  /** A builder that failed is not pooled again: a parser is not trusted after an error. */
  private static Document build(String xml) throws JDOMException, IOException {
    SAXBuilder builder = BUILDERS.take();
    Document doc = builder.build(new StringReader(xml));
    BUILDERS.release(builder);
    return doc;
  }
}
