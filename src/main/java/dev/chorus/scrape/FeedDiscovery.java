package dev.chorus.scrape;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Finds the feeds a site offers: those a page advertises, and the usual paths to try. */
public final class FeedDiscovery {

  private static final List<String> WELL_KNOWN =
      List.of("feed", "feed.xml", "rss.xml", "atom.xml", "index.xml", "feed.json");

  private FeedDiscovery() {}

  /**
   * Feed URLs advertised by {@code <link rel="alternate">} (and variants) in the page, best first.
   */
  public static List<String> fromHtml(String html, String pageUrl) {
    if (html == null || html.isEmpty()) {
      return List.of();
    }
    try {
      Document doc = Jsoup.parse(html, pageUrl == null ? "" : pageUrl);
      String base = baseOf(doc, pageUrl);
      List<Ranked> found = new ArrayList<>();
      int order = 0;
      for (Element link : doc.select("link[href], a[href][rel~=(?i)alternate]")) {
        if (order > 500) {
          break;
        }
        int rank = rank(link);
        if (rank < 0) {
          continue;
        }
        String url = Addresses.resolve(base, link.attr("href"));
        if (url != null) {
          found.add(new Ranked(url, rank, order++));
        }
      }
      found.sort(
          (a, b) ->
              a.rank != b.rank
                  ? Integer.compare(a.rank, b.rank)
                  : Integer.compare(a.order, b.order));
      Set<String> urls = new LinkedHashSet<>();
      for (Ranked r : found) {
        urls.add(r.url);
      }
      return List.copyOf(urls);
    } catch (RuntimeException | StackOverflowError e) {
      return List.of();
    }
  }

  /** Well-known feed paths for the site, absolute, against the origin and the page's directory. */
  public static List<String> wellKnown(String pageUrl) {
    String origin = pageUrl == null ? null : Addresses.origin(pageUrl);
    if (origin == null) {
      return List.of();
    }
    Set<String> urls = new LinkedHashSet<>();
    for (String p : WELL_KNOWN) {
      urls.add(origin + "/" + p);
    }
    String path = Addresses.path(pageUrl);
    String dir = path.endsWith("/") ? path : path.substring(0, path.lastIndexOf('/') + 1);
    if (!dir.equals("/") && !dir.isEmpty()) {
      for (String p : WELL_KNOWN) {
        urls.add(origin + dir + p);
      }
    }
    return List.copyOf(urls);
  }

  private static String baseOf(Document doc, String pageUrl) {
    Element base = doc.selectFirst("base[href]");
    if (base != null) {
      String resolved = Addresses.resolve(pageUrl, base.attr("href"));
      if (resolved != null) {
        return resolved;
      }
    }
    return pageUrl;
  }

  /** Lower is better; negative when the link is not a feed. */
  private static int rank(Element link) {
    Set<String> rels = new java.util.HashSet<>();
    for (String r : link.attr("rel").toLowerCase(Locale.ROOT).split("\\s+")) {
      rels.add(r);
    }
    String type = link.attr("type").toLowerCase(Locale.ROOT).trim();
    int semi = type.indexOf(';');
    if (semi >= 0) {
      type = type.substring(0, semi).trim();
    }
    boolean alternate = rels.contains("alternate") || rels.contains("feed");
    if (!alternate && !rels.contains("home")) {
      return -1;
    }
    if (rels.contains("stylesheet") || rels.contains("icon")) {
      return -1;
    }
    String href = link.attr("href").toLowerCase(Locale.ROOT);
    if (href.contains("/comments/feed")
        || link.attr("title").toLowerCase(Locale.ROOT).contains("comments")) {
      return typeRank(type, href) < 0 ? -1 : typeRank(type, href) + 10;
    }
    return typeRank(type, href);
  }

  private static int typeRank(String type, String href) {
    return switch (type) {
      case "application/atom+xml" -> 0;
      case "application/rss+xml" -> 1;
      case "application/feed+json", "application/json" ->
          type.equals("application/json") && !href.contains("feed") ? -1 : 2;
      case "application/rdf+xml", "application/x.atom+xml", "application/x-atom+xml" -> 3;
      case "text/xml", "application/xml", "application/rss+xml+xml" -> 4;
      case "" -> href.matches(".*(feed|rss|atom)[^/]*$") || href.endsWith(".xml") ? 5 : -1;
      default -> -1;
    };
  }

  private record Ranked(String url, int rank, int order) {}
}
