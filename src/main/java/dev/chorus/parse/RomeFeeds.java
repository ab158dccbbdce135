package dev.chorus.parse;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import dev.chorus.model.FuzzyDate;
import dev.chorus.model.ParsedEntry;
import dev.chorus.model.ParsedFeed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/** Reads RSS, RDF and Atom documents with Rome and maps them to the shared model. */
final class RomeFeeds {

  private static final Reusables<SyndFeedInput> INPUTS =
      new Reusables<>(
          () -> {
            SyndFeedInput in = new SyndFeedInput();
            in.setPreserveWireFeed(false);
            return in;
          });
  private static final Set<String> RSS_VERSIONS = Set.of("0.91", "0.92", "0.93", "0.94", "2.0");
  private static final String ATOM10 = "http://www.w3.org/2005/Atom";
  private static final String ATOM03 = "http://purl.org/atom/ns#";
  private static final String DC = "http://purl.org/dc/elements/1.1/";
  private static final String ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd";

  private RomeFeeds() {}

  static ParsedFeed read(Document doc, String feedUrl) throws FeedParseException {
    Element root = doc.getRootElement();
    String rootName = root.getName().toLowerCase(Locale.ROOT);
    if (rootName.equals("html")) {
      throw new FeedParseException("not a feed: got an HTML page", null);
    }
    normalizeRoot(root, rootName);
    if (rootName.equals("rss")) {
      String v = root.getAttributeValue("version");
      if (v == null || !RSS_VERSIONS.contains(v.trim())) {
        root.setAttribute("version", "2.0");
      } else if (!v.equals(v.trim())) {
        root.setAttribute("version", v.trim());
      }
    }
    Element channel0 = rootName.equals("rss") ? child(root, "channel") : root;
    List<Element> items = itemElements(root, channel0 == null ? root : channel0, rootName);
    dropFeedDates(channel0 == null ? root : channel0);
    List<ItemFields> fields = new ArrayList<>(items.size());
    for (Element item : items) {
      fields.add(takeFields(item));
    }
    SyndFeed feed;
    SyndFeedInput input = INPUTS.take();
    try {
      feed = input.build(doc);
      INPUTS.release(input);
    } catch (FeedException | IllegalArgumentException e) {
      throw new FeedParseException(
          "not a feed: <" + root.getName() + "> is not RSS, RDF or Atom", e);
    }
    Element channel = rootName.equals("rss") ? child(root, "channel") : root;
    if (channel == null) {
      channel = root;
    }
    String feedBase = base(channel, feedUrl);
    String feedTitle = title(feed.getTitleEx(), feed.getTitle());
    String siteUrl = FeedText.resolve(feedBase, alternate(feed.getLinks(), feed.getLink()));
    String feedAuthor = personName(feed.getAuthor());
    if (feedAuthor == null && feed.getAuthors() != null && !feed.getAuthors().isEmpty()) {
      feedAuthor = personName(feed.getAuthors().get(0).getName());
    }
    if (feedAuthor == null) {
      feedAuthor = personName(childText(channel, "managingEditor"));
    }
    if (feedAuthor == null) {
      feedAuthor = personName(childText(channel, "author", ITUNES));
    }

    List<SyndEntry> synd = feed.getEntries();
    boolean aligned = items.size() == synd.size();
    List<ParsedEntry> entries = new ArrayList<>(synd.size());
    for (int i = 0; i < synd.size(); i++) {
      try {
        entries.add(
            entry(
                synd.get(i),
                aligned ? items.get(i) : null,
                aligned ? fields.get(i) : null,
                feedBase,
                feedAuthor));
      } catch (RuntimeException e) {
        // one bad entry must not lose the rest of the feed
      }
    }
    return new ParsedFeed(feedTitle, siteUrl, entries, ttl(channel));
  }

  /**
   * Nudges near-miss documents into shapes Rome knows: RSS in a namespace or without a channel,
   * Atom in an unknown or no namespace.
   */
  private static void normalizeRoot(Element root, String rootName) {
    if (rootName.equals("rss")) {
      if (!root.getNamespaceURI().isEmpty()) {
        renamespace(root, root.getNamespace(), Namespace.NO_NAMESPACE);
      }
      if (child(root, "channel") == null) {
        Element channel = new Element("channel");
        List<Element> kids = new ArrayList<>(root.getChildren());
        for (Element k : kids) {
          k.detach();
          channel.addContent(k);
        }
        root.addContent(channel);
      }
    } else if (rootName.equals("feed")) {
      String ns = root.getNamespaceURI();
      if (!ns.equals(ATOM10) && !ns.equals(ATOM03)) {
        String version = root.getAttributeValue("version");
        String target = "0.3".equals(version) ? ATOM03 : ATOM10;
        renamespace(root, root.getNamespace(), Namespace.getNamespace(target));
      }
    }
  }

  private static void renamespace(Element e, Namespace from, Namespace to) {
    if (e.getNamespace().equals(from)) {
      e.setNamespace(to);
    }
    for (Element c : e.getChildren()) {
      renamespace(c, from, to);
    }
  }

  /**
   * What an entry needs from the elements taken out of it before Rome sees it: its dates (Rome's
   * date parser is slow) and its first Dublin Core creator (Rome would keep it in a module that its
   * conversion copies by reflection, entry by entry).
   */
  private record ItemFields(FuzzyDate published, Instant updated, String dcCreator) {}

  /**
   * Reads and detaches the entry's date elements, its Dublin Core elements and its categories,
   * which nothing here reads: Rome's conversion hashes each category by reflection.
   */
  private static ItemFields takeFields(Element item) {
    String published = null;
    int publishedRank = Integer.MAX_VALUE;
    String updated = null;
    int updatedRank = Integer.MAX_VALUE;
    String dcCreator = null;
    List<Element> taken = null;
    for (Element c : item.getChildren()) {
      String ns = c.getNamespaceURI();
      String name = c.getName();
      int p = -1;
      int u = -1;
      switch (name) {
        case "pubDate" -> p = ns.isEmpty() ? 0 : -1;
        case "published" -> p = isAtom(ns) ? 1 : -1;
        case "issued" -> p = isAtom(ns) ? 2 : -1;
        case "created" -> p = isAtom(ns) ? 3 : -1;
        case "date" -> p = ns.equals(DC) ? 4 : -1;
        case "updated" -> u = isAtom(ns) ? 0 : -1;
        case "modified" -> u = isAtom(ns) ? 1 : -1;
        default -> {}
      }
      boolean dc = ns.equals(DC);
      if (p < 0 && u < 0 && !dc && !(name.equals("category") && (ns.isEmpty() || isAtom(ns)))) {
        continue;
      }
      if (p >= 0 || u >= 0) {
        String t = c.getTextTrim();
        if (p >= 0 && p < publishedRank && !t.isEmpty()) {
          published = t;
          publishedRank = p;
        }
        if (u >= 0 && u < updatedRank && !t.isEmpty()) {
          updated = t;
          updatedRank = u;
        }
      }
      if (dc && dcCreator == null && name.equals("creator")) {
        dcCreator = c.getText(); // as Rome's Dublin Core parser reads it
      }
      if (taken == null) {
        taken = new ArrayList<>(4);
      }
      taken.add(c);
    }
    if (taken != null) {
      for (Element d : taken) {
        d.detach();
      }
    }
    FuzzyDate up = FeedDates.parse(updated);
    return new ItemFields(FeedDates.parse(published), up == null ? null : up.instant(), dcCreator);
  }

  /**
   * Detaches the feed's own dates, which nothing here reads: Rome would parse each with its date
   * parser, which tries its masks one by one (1% of a poll's CPU).
   */
  private static void dropFeedDates(Element channel) {
    List<Element> dates = null;
    for (Element c : channel.getChildren()) {
      String ns = c.getNamespaceURI();
      boolean date =
          switch (c.getName()) {
            case "pubDate", "lastBuildDate" -> ns.isEmpty();
            case "updated", "modified" -> isAtom(ns);
            default -> false;
          };
      if (date) {
        if (dates == null) {
          dates = new ArrayList<>(2);
        }
        dates.add(c);
      }
    }
    if (dates != null) {
      dates.forEach(Element::detach);
    }
  }

  private static boolean isAtom(String ns) {
    return ns.equals(ATOM10) || ns.equals(ATOM03);
  }

  private static ParsedEntry entry(
      SyndEntry e, Element el, ItemFields fields, String feedBase, String feedAuthor) {
    String base = el == null ? feedBase : base(el, feedBase);
    String guid = el == null ? e.getUri() : guid(el);
    String link = e.getLink();
    if (link == null && el != null) {
      Element linkEl = child(el, "link");
      if (linkEl != null && linkEl.getAttributeValue("href") != null) {
        link = linkEl.getAttributeValue("href");
      }
    }
    String url = link == null ? null : FeedText.resolve(base, link.trim());
    String title = title(e.getTitleEx(), e.getTitle());
    // Rome's own choice, as if it had read the Dublin Core creator: an Atom author first, then
    // the first dc:creator, then an RSS author
    String author =
        personName(
            fields != null && fields.dcCreator() != null && e.getAuthors().isEmpty()
                ? fields.dcCreator()
                : e.getAuthor());
    if (author == null && e.getAuthors() != null && !e.getAuthors().isEmpty()) {
      SyndPerson p = e.getAuthors().get(0);
      author = personName(p.getName() != null ? p.getName() : p.getEmail());
    }
    if (author == null && el != null) {
      author = personName(childText(el, "author", ITUNES));
    }
    if (author == null) {
      author = feedAuthor;
    }
    FuzzyDate published;
    Instant updated;
    if (fields != null) {
      published = fields.published();
      updated = fields.updated();
    } else {
      published = e.getPublishedDate() == null ? null : date(e.getPublishedDate());
      updated = e.getUpdatedDate() == null ? null : e.getUpdatedDate().toInstant();
    }
    String summary = html(e.getDescription());
    String content = null;
    List<SyndContent> contents = e.getContents();
    if (contents != null) {
      for (SyndContent c : contents) {
        String h = html(c);
        if (h != null) {
          content = h;
          break;
        }
      }
    }
    return new ParsedEntry(guid, url, title, author, published, updated, summary, content);
  }

  private static String alternate(List<SyndLink> links, String fallback) {
    if (links != null) {
      for (SyndLink l : links) {
        String rel = l.getRel();
        if (l.getHref() != null && (rel == null || rel.isEmpty() || rel.equals("alternate"))) {
          return l.getHref();
        }
      }
    }
    return fallback;
  }

  private static FuzzyDate date(Date d) {
    return FuzzyDate.ofInstant(d.toInstant());
  }

  private static String title(SyndContent ex, String plain) {
    if (ex != null && ex.getValue() != null) {
      return FeedText.plain(ex.getValue(), !isText(ex.getType()));
    }
    return FeedText.plain(plain, true);
  }

  private static boolean isText(String type) {
    if (type == null) {
      return false;
    }
    String t = type.toLowerCase(Locale.ROOT);
    return t.equals("text") || t.equals("text/plain");
  }

  private static String html(SyndContent c) {
    if (c == null || c.getValue() == null) {
      return null;
    }
    String v = c.getValue();
    if (v.isBlank()) {
      return null;
    }
    if (isText(c.getType())) {
      return FeedText.escapeHtml(v);
    }
    return "xhtml".equals(c.getType()) ? unwrapXhtml(v) : v;
  }

  /** Atom xhtml content without its container div and XHTML namespace declarations. */
  static String unwrapXhtml(String v) {
    String t = v.replace(" xmlns=\"http://www.w3.org/1999/xhtml\"", "").trim();
    if (t.startsWith("<div>") && t.endsWith("</div>") && t.indexOf("<div", 1) < 0) {
      t = t.substring(5, t.length() - 6).trim();
    }
    return t.isEmpty() ? null : t;
  }

  /** The name part of "Name", "email (Name)" or "Name <email>". */
  static String personName(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.trim();
    int open = s.indexOf('(');
    int close = s.lastIndexOf(')');
    if (open >= 0 && close > open && s.substring(0, open).contains("@")) {
      s = s.substring(open + 1, close);
    } else if (open > 0 && close > open && s.substring(open, close).contains("@")) {
      s = s.substring(0, open);
    } else {
      int lt = s.indexOf('<');
      if (lt > 0 && s.indexOf('>', lt) > 0 && s.substring(lt).contains("@")) {
        s = s.substring(0, lt);
      }
    }
    return FeedText.plain(s, true);
  }

  private static List<Element> itemElements(Element root, Element channel, String rootName) {
    String name = rootName.equals("feed") ? "entry" : "item";
    List<Element> out = new ArrayList<>();
    Element parent = rootName.equals("rss") ? channel : root;
    for (Element c : parent.getChildren()) {
      if (c.getName().equals(name)) {
        out.add(c);
      }
    }
    return out;
  }

  private static String guid(Element item) {
    for (Element c : item.getChildren()) {
      String n = c.getName();
      if ((n.equals("guid") || n.equals("id")) && isFeedNamespace(c.getNamespace())) {
        String t = c.getTextTrim();
        return t.isEmpty() ? null : t;
      }
    }
    return null;
  }

  private static boolean isFeedNamespace(Namespace ns) {
    String uri = ns.getURI();
    return uri.isEmpty()
        || uri.startsWith("http://www.w3.org/2005/Atom")
        || uri.contains("purl.org/atom");
  }

  /** The element's base URL: xml:base attributes from the root down, over the feed URL. */
  private static String base(Element el, String feedUrl) {
    List<String> bases = new ArrayList<>(2);
    for (Element e = el; e != null; e = e.getParentElement()) {
      String b = e.getAttributeValue("base", Namespace.XML_NAMESPACE);
      if (b != null) {
        bases.add(b);
      }
    }
    String base = feedUrl;
    for (int i = bases.size() - 1; i >= 0; i--) {
      String next = FeedText.resolve(base, bases.get(i));
      base = next;
    }
    return base;
  }

  private static Integer ttl(Element channel) {
    String t = childText(channel, "ttl");
    if (t == null) {
      return null;
    }
    try {
      int v = Integer.parseInt(t.trim());
      return v > 0 ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Element child(Element parent, String name) {
    for (Element c : parent.getChildren()) {
      if (c.getName().equals(name)) {
        return c;
      }
    }
    return null;
  }

  private static String childText(Element parent, String name) {
    Element c = child(parent, name);
    if (c == null) {
      return null;
    }
    String t = c.getTextTrim();
    return t.isEmpty() ? null : t;
  }

  private static String childText(Element parent, String name, String ns) {
    Element c = parent.getChild(name, Namespace.getNamespace(ns));
    if (c == null) {
      return null;
    }
    String t = c.getTextTrim();
    return t.isEmpty() ? null : t;
  }
}
