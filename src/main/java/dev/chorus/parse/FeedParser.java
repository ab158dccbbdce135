package dev.chorus.parse;

import dev.chorus.model.ParsedFeed;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdom2.Document;

/** Reads feed bytes (RSS, RDF, Atom or JSON Feed) into entries; reusable and thread-safe. */
public final class FeedParser {

  private static final Pattern FIRST_ELEMENT = Pattern.compile("<([A-Za-z_][A-Za-z0-9_.:-]*)");

  public FeedParser() {}

  /**
   * RSS 0.9x/1.0/2.0, Atom 0.3/1.0 (Rome) and JSON Feed 1.0/1.1 (Jackson). contentType may be null.
   */
  public ParsedFeed parse(byte[] body, String contentType, String feedUrl)
      throws FeedParseException {
    if (body == null || body.length == 0) {
      throw new FeedParseException("not a feed: empty document", null);
    }
    try {
      String text = XmlCharset.decode(body, contentType);
      int start = firstNonSpace(text);
      if (start < 0) {
        throw new FeedParseException("not a feed: empty document", null);
      }
      if (text.charAt(start) == '{' || text.charAt(start) == '[') {
        return JsonFeeds.read(text, feedUrl);
      }
      if (looksLikeHtml(text)) {
        throw new FeedParseException("not a feed: got an HTML page", null);
      }
      return RomeFeeds.read(document(text, true), feedUrl);
    } catch (FeedParseException e) {
      throw e;
    } catch (StackOverflowError e) {
      throw new FeedParseException("unreadable feed: nested too deeply", e);
    } catch (RuntimeException e) {
      String why =
          e.getMessage() == null || e.getMessage().isBlank()
              ? "its structure is broken"
              : e.getMessage();
      throw new FeedParseException("unreadable feed: " + why, e);
    }
  }

  /**
   * The feed's XML. Most feeds are well-formed: parsed as they are, they skip the repair's passes
   * over the text (5% of a cold poll's CPU). A text the parser refuses, or one the repair would
   * read differently, is repaired and parsed; the repair's own parse error is the one reported.
   */
  static Document document(String text, boolean asIsFirst) throws FeedParseException {
    if (asIsFirst && XmlRepair.parsesAlike(text)) {
      Document doc = XmlDocuments.parseIfWellFormed(text);
      if (doc != null) {
        return doc;
      }
    }
    return XmlDocuments.parse(XmlRepair.repair(text));
  }

  /**
   * Cheap sniff: does this look like a feed (XML with rss/feed/RDF root, or JSON with a jsonfeed
   * version), not an HTML page?
   */
  public static boolean looksLikeFeed(byte[] body, String contentType) {
    if (body == null || body.length == 0) {
      return false;
    }
    byte[] head = body.length > 4096 ? java.util.Arrays.copyOf(body, 4096) : body;
    String text;
    try {
      text = XmlCharset.decode(head, contentType);
    } catch (RuntimeException e) {
      text = new String(head, StandardCharsets.ISO_8859_1);
    }
    int start = firstNonSpace(text);
    if (start < 0) {
      return false;
    }
    if (text.charAt(start) == '{') {
      return text.contains("jsonfeed.org/version");
    }
    String root = rootName(text);
    if (root == null) {
      return false;
    }
    String local = root.substring(root.indexOf(':') + 1).toLowerCase(Locale.ROOT);
    return local.equals("rss") || local.equals("feed") || local.equals("rdf");
  }

  private static boolean looksLikeHtml(String text) {
    String root = rootName(text.length() > 4096 ? text.substring(0, 4096) : text);
    return root != null && root.equalsIgnoreCase("html");
  }

  /** The name of the first element after the prologue, or null. */
  private static String rootName(String text) {
    int i = 0;
    int n = text.length();
    while (i < n) {
      int lt = text.indexOf('<', i);
      if (lt < 0 || lt + 1 >= n) {
        return null;
      }
      char c = text.charAt(lt + 1);
      if (c == '?') {
        int end = text.indexOf("?>", lt);
        if (end < 0) {
          return null;
        }
        i = end + 2;
      } else if (text.startsWith("<!--", lt)) {
        int end = text.indexOf("-->", lt);
        if (end < 0) {
          return null;
        }
        i = end + 3;
      } else if (c == '!') {
        int end = text.indexOf('>', lt);
        int bracket = text.indexOf('[', lt);
        if (bracket >= 0 && (end < 0 || bracket < end)) {
          end = text.indexOf("]>", bracket);
          end = end < 0 ? -1 : end + 1;
        }
        if (end < 0) {
          return null;
        }
        i = end + 1;
      } else {
        Matcher m = FIRST_ELEMENT.matcher(text).region(lt, n);
        return m.lookingAt() ? m.group(1) : null;
      }
    }
    return null;
  }

  private static int firstNonSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
