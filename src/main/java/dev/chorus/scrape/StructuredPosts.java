package dev.chorus.scrape;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.chorus.model.FuzzyDate;
import dev.chorus.model.ParsedEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Posts a page lists in structured data: JSON-LD, microformats (h-entry) and microdata. */
final class StructuredPosts {

  static final Set<String> POST_TYPES =
      Set.of(
          "blogposting",
          "article",
          "newsarticle",
          "techarticle",
          "socialmediaposting",
          "scholarlyarticle",
          "report",
          "posting",
          "liveblogposting",
          "analysisnewsarticle");
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .build();
  private static final int MAX_NODES = 20_000;
  private static final int MAX_ITEMS = 500;

  private StructuredPosts() {}

  /** All JSON-LD objects in the page's scripts, in document order. */
  static List<JsonNode> jsonLdObjects(Document doc) {
    List<JsonNode> objects = new ArrayList<>();
    int visited = 0;
    for (Element script : doc.select("script[type~=(?i)application/ld\\+json]")) {
      JsonNode root;
      try {
        String data = script.data().trim();
        if (data.length() > 2_000_000) {
          continue;
        }
        root = JSON.readTree(data);
      } catch (Exception e) {
        continue;
      }
      Deque<JsonNode> stack = new ArrayDeque<>();
      stack.push(root);
      while (!stack.isEmpty() && visited++ < MAX_NODES) {
        JsonNode n = stack.pop();
        if (n == null) {
          continue;
        }
        if (n.isArray()) {
          for (int i = n.size() - 1; i >= 0; i--) {
            stack.push(n.get(i));
          }
        } else if (n.isObject()) {
          objects.add(n);
          JsonNode graph = n.get("@graph");
          if (graph != null) {
            stack.push(graph);
          }
        }
      }
    }
    return objects;
  }

  static boolean hasType(JsonNode node, Set<String> types) {
    JsonNode t = node.get("@type");
    if (t == null) {
      return false;
    }
    if (t.isArray()) {
      for (JsonNode x : t) {
        if (types.contains(x.asText("").toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
      return false;
    }
    return types.contains(t.asText("").toLowerCase(Locale.ROOT));
  }

  static List<ParsedEntry> fromJsonLd(Document doc, String base) {
    List<ParsedEntry> posts = new ArrayList<>();
    List<ParsedEntry> loose = new ArrayList<>();
    for (JsonNode n : jsonLdObjects(doc)) {
      JsonNode blogPosts = n.has("blogPost") ? n.get("blogPost") : n.get("blogPosts");
      if (blogPosts != null) {
        for (JsonNode p : blogPosts.isArray() ? blogPosts : List.of(blogPosts)) {
          add(posts, entry(p, base));
        }
      }
      if (hasType(n, Set.of("itemlist")) && n.has("itemListElement")) {
        JsonNode items = n.get("itemListElement");
        for (JsonNode li : items.isArray() ? items : List.of(items)) {
          JsonNode item = li.has("item") ? li.get("item") : li;
          ParsedEntry e = entry(item, base);
          if (e != null && e.url() == null) {
            e = e.withUrl(Addresses.resolve(base, text(li, "url")));
          }
          if (e != null && e.title() == null) {
            e = e.withTitle(PageText.clean(text(li, "name")));
          }
          add(posts, e);
        }
      }
      if (hasType(n, POST_TYPES)) {
        add(loose, entry(n, base));
      }
    }
    if (posts.size() >= 2) {
      return posts;
    }
    for (ParsedEntry e : loose) {
      add(posts, e);
    }
    return posts;
  }

  private static void add(List<ParsedEntry> posts, ParsedEntry e) {
    if (e == null || e.url() == null || posts.size() >= MAX_ITEMS) {
      return;
    }
    String key = Addresses.key(e.url());
    for (ParsedEntry p : posts) {
      if (Addresses.key(p.url()).equals(key)) {
        return;
      }
    }
    posts.add(e);
  }

  private static ParsedEntry entry(JsonNode n, String base) {
    if (n == null) {
      return null;
    }
    if (n.isTextual()) {
      String url = Addresses.resolve(base, n.asText());
      return url == null ? null : new ParsedEntry(null, url, null, null, null, null, null, null);
    }
    if (!n.isObject()) {
      return null;
    }
    String url = Addresses.resolve(base, text(n, "url"));
    if (url == null) {
      JsonNode main = n.get("mainEntityOfPage");
      if (main != null) {
        url = Addresses.resolve(base, main.isObject() ? text(main, "@id") : main.asText(null));
      }
    }
    if (url == null) {
      url = Addresses.resolve(base, text(n, "@id"));
    }
    String title = PageText.clean(text(n, "headline"));
    if (title == null) {
      title = PageText.clean(text(n, "name"));
    }
    FuzzyDate published = date(text(n, "datePublished"));
    if (published == null) {
      published = date(text(n, "dateCreated"));
    }
    return new ParsedEntry(
        null,
        url,
        title,
        author(n.get("author")),
        published,
        null,
        PageText.clean(text(n, "description")),
        null);
  }

  static String author(JsonNode a) {
    if (a == null) {
      return null;
    }
    if (a.isArray()) {
      return a.isEmpty() ? null : author(a.get(0));
    }
    if (a.isObject()) {
      return PageText.clean(text(a, "name"));
    }
    return PageText.clean(a.asText(null));
  }

  static String text(JsonNode n, String field) {
    if (n == null || !n.isObject()) {
      return null;
    }
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isArray()) {
      v = v.isEmpty() ? null : v.get(0);
    }
    if (v == null) {
      return null;
    }
    if (v.isObject()) {
      return v.has("@id")
          ? v.get("@id").asText(null)
          : v.has("@value") ? v.get("@value").asText(null) : null;
    }
    return v.asText(null);
  }

  private static FuzzyDate date(String text) {
    return text == null ? null : HumanDates.parse(text).orElse(null);
  }

  static List<ParsedEntry> fromMicroformats(Document doc, String base) {
    List<ParsedEntry> posts = new ArrayList<>();
    for (Element e : doc.select(".h-entry")) {
      if (posts.size() >= MAX_ITEMS) {
        break;
      }
      if (e.parents().stream().anyMatch(p -> p.hasClass("h-entry"))) {
        continue;
      }
      Element u = e.selectFirst("a.u-url[href], .u-url[href], a.u-uid[href]");
      Element nameEl = e.selectFirst(".p-name");
      if (u == null) {
        u = nameEl != null && nameEl.is("a[href]") ? nameEl : e.selectFirst("a[href]");
      }
      String url = u == null ? null : Addresses.resolve(base, u.attr("href"));
      Element pub = e.selectFirst(".dt-published");
      FuzzyDate published = null;
      if (pub != null) {
        String v =
            pub.hasAttr("datetime")
                ? pub.attr("datetime")
                : pub.hasAttr("value") ? pub.attr("value") : pub.text();
        published = HumanDates.parse(v).or(() -> HumanDates.parse(pub.text())).orElse(null);
      }
      Element summary = e.selectFirst(".p-summary");
      Element author = e.selectFirst(".p-author");
      String authorName = null;
      if (author != null) {
        Element n = author.selectFirst(".p-name");
        authorName = PageText.clean(n != null ? n.text() : author.text());
      }
      add(
          posts,
          new ParsedEntry(
              null,
              url,
              nameEl == null ? null : PageText.clean(nameEl.text()),
              authorName,
              published,
              null,
              summary == null ? null : PageText.clean(summary.text()),
              null));
    }
    return posts;
  }

  static List<ParsedEntry> fromMicrodata(Document doc, String base) {
    List<ParsedEntry> posts = new ArrayList<>();
    for (Element e : doc.select("[itemscope][itemtype]")) {
      if (posts.size() >= MAX_ITEMS) {
        break;
      }
      String type = e.attr("itemtype").toLowerCase(Locale.ROOT);
      String simple = type.substring(type.lastIndexOf('/') + 1).trim();
      if (!POST_TYPES.contains(simple)) {
        continue;
      }
      Element u = e.selectFirst("[itemprop=url][href], [itemprop=mainEntityOfPage][href]");
      Element headline = e.selectFirst("[itemprop=headline], [itemprop=name]");
      if (u == null && headline != null) {
        u = headline.selectFirst("a[href]");
      }
      if (u == null) {
        u = e.selectFirst("a[href]");
      }
      Element pub = e.selectFirst("[itemprop=datePublished]");
      FuzzyDate published = null;
      if (pub != null) {
        String v =
            pub.hasAttr("datetime")
                ? pub.attr("datetime")
                : pub.hasAttr("content") ? pub.attr("content") : pub.text();
        published = HumanDates.parse(v).orElse(null);
      }
      Element desc = e.selectFirst("[itemprop=description]");
      Element author = e.selectFirst("[itemprop=author]");
      String authorName = null;
      if (author != null) {
        Element n = author.selectFirst("[itemprop=name]");
        authorName =
            PageText.clean(
                n != null
                    ? n.text()
                    : author.hasAttr("content") ? author.attr("content") : author.text());
      }
      add(
          posts,
          new ParsedEntry(
              null,
              u == null ? null : Addresses.resolve(base, u.attr("href")),
              headline == null
                  ? null
                  : PageText.clean(
                      headline.hasAttr("content") ? headline.attr("content") : headline.text()),
              authorName,
              published,
              null,
              desc == null
                  ? null
                  : PageText.clean(desc.hasAttr("content") ? desc.attr("content") : desc.text()),
              null));
    }
    return posts;
  }
}
