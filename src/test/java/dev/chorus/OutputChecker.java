package dev.chorus;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Looks at what Chorus serves the way a browser or a feed reader would (parsed, entities and CDATA
 * decoded) and lists anything that could run script, restyle or re-target the page, or leave
 * without {@code rel="noopener noreferrer"}.
 */
@SuppressWarnings("ReferenceEquality") // jsoup Node.equals() is identity: == on elements is meant
public final class OutputChecker {
  private static final Set<String> NEVER =
      Set.of(
          "script",
          "style",
          "object",
          "embed",
          "applet",
          "base",
          "frame",
          "frameset",
          "svg",
          "math",
          "noscript",
          "template",
          "textarea",
          "select",
          "iframe",
          "xmp",
          "plaintext",
          "noembed",
          "noframes",
          "portal",
          "xml",
          "bgsound",
          "layer",
          "ilayer",
          "marquee",
          "blink",
          "audio",
          "video",
          "source",
          "track",
          "canvas",
          "dialog",
          "slot",
          "isindex",
          "keygen",
          "image",
          "param");
  private static final Set<String> PAGE_ONLY =
      Set.of("form", "input", "label", "meta", "link", "button");
  private static final Set<String> URL_ATTRIBUTES =
      Set.of(
          "href",
          "src",
          "srcset",
          "action",
          "formaction",
          "cite",
          "poster",
          "background",
          "data",
          "longdesc",
          "usemap",
          "codebase",
          "classid",
          "archive",
          "profile",
          "manifest",
          "icon",
          "lowsrc",
          "dynsrc",
          "ping",
          "xlink:href",
          "xml:base");
  private static final Set<String> VIDEO_HOSTS =
      Set.of(
          "www.youtube.com",
          "youtube.com",
          "www.youtube-nocookie.com",
          "youtube-nocookie.com",
          "player.vimeo.com");

  private OutputChecker() {}

  /** Problems in a whole Chorus HTML page (its own chrome is allowed, nothing else). */
  public static List<String> page(String html, String csp) {
    List<String> out = new ArrayList<>();
    if (csp == null) {
      out.add("no Content-Security-Policy header");
    } else {
      String c = csp.toLowerCase(Locale.ROOT);
      if (!c.contains("default-src 'none'")
          || c.contains("unsafe-inline")
          || c.contains("unsafe-eval")
          || c.contains("script-src")
          || !c.contains("base-uri 'none'")
          || !c.contains("frame-ancestors 'none'")) {
        out.add("weak Content-Security-Policy: " + csp);
      }
    }
    Document doc = Jsoup.parse(html, "http://chorus.test/");
    for (Element el : doc.getAllElements()) {
      String tag = el.normalName();
      switch (tag) {
        case "form" -> {
          if (!el.attr("action").equals("/search") || !el.attr("method").equalsIgnoreCase("get")) {
            out.add("form " + el.attributes());
          }
        }
        case "input" -> {
          if (!el.attr("name").equals("q") || !inSearchForm(el)) {
            out.add("input " + el.attributes());
          }
        }
        case "button" -> {
          if (!inSearchForm(el) || el.hasAttr("formaction") || !el.attr("type").equals("submit")) {
            out.add("button " + el.attributes());
          }
        }
        case "meta" -> {
          if (el.hasAttr("http-equiv")
              || (el.hasAttr("content")
                  && !Set.of("viewport", "color-scheme").contains(el.attr("name")))) {
            out.add("meta " + el.attributes());
          }
        }
        case "link" -> {
          String rel = el.attr("rel");
          if (!Set.of("stylesheet", "alternate", "icon").contains(rel)
              || !el.attr("href").startsWith("/")
              || el.attr("href").startsWith("//")) {
            out.add("link " + el.attributes());
          }
        }
        default -> {}
      }
      element(el, true, out);
    }
    return out;
  }

  private static boolean inSearchForm(Element el) {
    return el.parents().stream()
        .anyMatch(p -> p.normalName().equals("form") && p.attr("action").equals("/search"));
  }

  /** Problems in an HTML fragment taken from stored or syndicated content. */
  public static List<String> fragment(String html) {
    List<String> out = new ArrayList<>();
    if (html == null) {
      return out;
    }
    Document doc = Jsoup.parseBodyFragment(html);
    for (Element el : doc.body().getAllElements()) {
      if (el == doc.body()) {
        continue;
      }
      if (PAGE_ONLY.contains(el.normalName())) {
        out.add("tag " + el.normalName());
      }
      element(el, false, out);
    }
    return out;
  }

  private static void element(Element el, boolean page, List<String> out) {
    String tag = el.normalName();
    if (tag.equals("iframe")) {
      String src = el.attr("src");
      String host = src.startsWith("https://") ? hostOf(src) : null;
      if (host == null
          || !VIDEO_HOSTS.contains(host)
          || el.hasAttr("srcdoc")
          || !el.children().isEmpty()) {
        out.add("iframe " + el.attributes());
      }
    } else if (NEVER.contains(tag) || tag.contains(":")) {
      out.add("tag " + tag);
    }
    for (Attribute a : el.attributes()) {
      String name = a.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith("on")
          || name.equals("style")
          || name.equals("srcdoc")
          || name.equals("formaction")
          || name.startsWith("xmlns")
          || name.contains(":")
          || name.equals("target")
          || name.equals("contenteditable")) {
        out.add("attribute " + name + "=" + a.getValue() + " on " + tag);
        continue;
      }
      if (URL_ATTRIBUTES.contains(name)) {
        String[] urls =
            name.equals("srcset") ? a.getValue().split(",") : new String[] {a.getValue()};
        for (String u : urls) {
          String v = plainUrl(name.equals("srcset") ? u.trim().split("\\s+")[0] : u);
          boolean absolute =
              v.startsWith("http://")
                  || v.startsWith("https://")
                  || (name.equals("href") && v.startsWith("mailto:"));
          boolean own =
              page
                  && ((v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\"))
                      || v.matches("#[a-z][a-z0-9-]*"));
          if (!absolute && !own) {
            out.add("URL " + name + "=" + a.getValue() + " on " + tag);
          }
        }
      }
    }
    if (tag.equals("a") && el.hasAttr("href")) {
      String v = plainUrl(el.attr("href"));
      if (v.startsWith("http://") || v.startsWith("https://")) {
        Set<String> rels = Set.of(el.attr("rel").toLowerCase(Locale.ROOT).split("\\s+"));
        if (!rels.contains("noopener") || !rels.contains("noreferrer")) {
          out.add("external link without rel=\"noopener noreferrer\": " + el.outerHtml());
        }
      }
    }
  }

  /** The URL as a browser would read its scheme: controls and whitespace gone, lower case. */
  static String plainUrl(String raw) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c > 0x20 && c != 0x7f && !Character.isWhitespace(c) && !Character.isISOControl(c)) {
        b.append(c);
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }

  private static String hostOf(String url) {
    try {
      return URI.create(url).getHost();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Problems in an Atom or RSS document: it must parse as XML without a DOCTYPE, every HTML payload
   * (Atom html content, RSS description and content:encoded) must be a safe fragment, plain-text
   * fields must be declared as text, links must be http(s).
   */
  public static List<String> xmlFeed(byte[] xml) {
    List<String> out = new ArrayList<>();
    org.w3c.dom.Document doc;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      doc = b.parse(new ByteArrayInputStream(xml));
    } catch (Exception e) {
      out.add("not well-formed XML: " + e.getMessage());
      return out;
    }
    NodeList all = doc.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      org.w3c.dom.Element el = (org.w3c.dom.Element) all.item(i);
      String name = el.getLocalName();
      String text = el.getTextContent();
      boolean atom = "http://www.w3.org/2005/Atom".equals(el.getNamespaceURI());
      if (atom && (name.equals("content") || name.equals("summary") || name.equals("title"))) {
        String type = el.getAttribute("type");
        if (type.equals("html")) {
          out.addAll(tagged(name, fragment(text)));
        } else if (!type.equals("text") && !(name.equals("title") && isSourceChild(el))) {
          out.add("atom " + name + " of type '" + type + "'");
        }
      }
      if (!atom && (name.equals("description") || name.equals("encoded"))) {
        out.addAll(tagged("rss " + name, fragment(text)));
      }
      if (name.equals("link")) {
        String href = atom ? el.getAttribute("href") : text;
        String v = plainUrl(href);
        if (!v.startsWith("http://") && !v.startsWith("https://")) {
          out.add("link " + href);
        }
      }
    }
    return out;
  }

  private static boolean isSourceChild(org.w3c.dom.Element el) {
    Node p = el.getParentNode();
    return p != null && ("source".equals(p.getLocalName()) || "feed".equals(p.getLocalName()));
  }

  /** Problems in a JSON Feed: content_html must be a safe fragment, URLs http(s). */
  public static List<String> jsonFeed(JsonNode feed) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : feed.path("items")) {
      out.addAll(tagged("content_html", fragment(item.path("content_html").asText(null))));
      for (String f : List.of("url", "external_url", "image")) {
        if (item.hasNonNull(f)) {
          String v = plainUrl(item.get(f).asText());
          if (!v.startsWith("http://") && !v.startsWith("https://")) {
            out.add(f + " " + item.get(f).asText());
          }
        }
      }
    }
    return out;
  }

  private static List<String> tagged(String where, List<String> problems) {
    return problems.stream().map(p -> where + ": " + p).toList();
  }

  /** Decodes UTF-8 bytes. */
  public static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
