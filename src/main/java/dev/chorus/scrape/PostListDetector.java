package dev.chorus.scrape;

import dev.chorus.model.FuzzyDate;
import dev.chorus.model.ParsedEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Finds the list of posts on a blog's list page, from structured data or from its layout. */
@SuppressWarnings("ReferenceEquality") // jsoup Node.equals() is identity: == on elements is meant
public final class PostListDetector {

  private static final int MAX_HTML = 4_000_000;
  private static final int MAX_LINKS = 4_000;
  private static final int MAX_DEPTH = 80;
  private static final int MAX_ELEMENTS = 300_000;
  private static final String NOISE = "script, style, noscript, template, svg, iframe, object";
  private static final Pattern ASSET =
      Pattern.compile(
          "(?i).*\\.(css|js|mjs|png|jpe?g|gif|svg|webp|avif|ico|woff2?|ttf|xml|json|zip|gz|mp3|mp4"
              + "|mov|webm|pdf)$");
  private static final Pattern BAD_SEGMENT =
      Pattern.compile(
          "(?i)^(tags?|category|categories|topics?|labels?|authors?|about|about-me|about-us|login"
              + "|log-in|signin|sign-in|signup|sign-up|register|page|feed|rss|atom|search|archives?"
              + "|contact|privacy|privacy-policy|terms|cart|account|subscribe|newsletter|series"
              + "|wp-login\\.php|wp-admin|cdn-cgi|users?|profile|members?)$");
  private static final Set<String> SOCIAL_HOSTS =
      Set.of(
          "twitter.com",
          "x.com",
          "github.com",
          "linkedin.com",
          "facebook.com",
          "instagram.com",
          "youtube.com",
          "mastodon.social",
          "bsky.app",
          "t.me",
          "reddit.com",
          "news.ycombinator.com",
          "threads.net",
          "tiktok.com",
          "discord.gg",
          "discord.com",
          "patreon.com",
          "ko-fi.com",
          "buymeacoffee.com",
          "paypal.com",
          "wa.me",
          "pinterest.com",
          "telegram.me",
          "gitlab.com",
          "stackoverflow.com",
          "dribbble.com",
          "behance.net");
  private static final Pattern CHROME_CLASS =
      Pattern.compile(
          "(?i)(^|[\\s_-])(nav|navbar|navigation|menu|menus|sidebar|widget|widgets|footer"
              + "|breadcrumbs?|pagination|pager|share|sharing|social|related|toc|comments?|header"
              + "|masthead|topbar|cookie|banner|tags|tagcloud|categories|blogroll)([\\s_-]|$)");
  private static final Pattern YEAR_HEADING =
      Pattern.compile(
          "(?i)^\\s*(?:(?:posts?|writing|articles?|archive|notes|essays)\\s+(?:from|in|of)\\s+)?((?:19|20)\\d\\d)"
              + "(?:\\s*[(\\[·—–-]?\\s*\\d+\\s*(?:posts?|articles?|entries|notes|essays)?\\s*[)\\]]?)?\\s*:?\\s*$");
  private static final Set<String> YEAR_LABELS =
      Set.of(
          "h1", "h2", "h3", "h4", "h5", "h6", "dt", "summary", "caption", "th", "legend", "div",
          "span", "p", "strong", "b", "li", "header");

  /** A month name: a label that may be a date heading ("October 2024", "Wed, 9 Oct 2024"). */
  private static final Pattern DATE_LABEL =
      Pattern.compile(
          "(?i)\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\b|\\d{4}-\\d{2}-\\d{2}");

  private static final Set<String> NOT_LABELS =
      Set.of("a", "time", "footer", "nav", "button", "select", "option");

  /** Most year and date labels read from one page. */
  private static final int MAX_LABELS = 5_000;

  /** Most whole-page selector evaluations spent on making the rule's item selector short. */
  private static final int SELECTOR_BUDGET = 80;

  /** A date archive: /2024/, /2024/10/, /blog/2024/10/09/, with no post slug after it. */
  private static final Pattern ARCHIVE_PATH =
      Pattern.compile("(?:/[^/]+)?/(?:19|20)\\d\\d(?:/\\d\\d?){0,2}/?");

  private static final Pattern DATE_PATH = Pattern.compile(".*/(19|20)\\d\\d/(\\d\\d/)?.*");
  private static final Pattern SAFE_CLASS = Pattern.compile("-?[A-Za-z_][A-Za-z0-9_-]*");
  private static final Pattern VOLATILE_CLASS =
      Pattern.compile(
          "(?i).*[-_]\\d+$|.*\\d{3,}.*|(category|tag|format|type|status|post-format)-.*|first|last|odd|even"
              + "|active|current|sticky|featured|hentry|is-.*|has-.*");

  /** Finds the posts the page lists; never throws, and returns no posts when it finds none. */
  public Detection detect(String html, String pageUrl) {
    try {
      return detectOrThrow(html, pageUrl);
    } catch (RuntimeException | StackOverflowError e) {
      return new Detection(List.of(), null, List.of(), "detected");
    }
  }

  private Detection detectOrThrow(String html, String pageUrl) {
    if (html == null || html.isBlank()) {
      return new Detection(List.of(), null, List.of(), "detected");
    }
    String source = html.length() > MAX_HTML ? html.substring(0, MAX_HTML) : html;
    Document doc = Jsoup.parse(source, pageUrl == null ? "" : pageUrl);
    String base = baseOf(doc, pageUrl);

    List<ParsedEntry> structured = StructuredPosts.fromJsonLd(doc, base);
    String method = "json-ld";
    if (structured.size() < 2) {
      structured = StructuredPosts.fromMicroformats(doc, base);
      method = "microformats";
    }
    if (structured.size() < 2) {
      structured = StructuredPosts.fromMicrodata(doc, base);
      method = "microdata";
    }
    doc.select(NOISE).remove();
    Layout layout = new Layout(doc, base, pageUrl);
    Detection detected = layout.detect();
    if (structured.size() >= 2) {
      ScrapeRule rule =
          switch (method) {
            case "microformats" ->
                new ScrapeRule(
                    ".h-entry", ".p-name", ".u-url", ".dt-published", ".p-summary", null);
            case "microdata" ->
                new ScrapeRule(
                    "[itemtype~=(?i)schema.org/(BlogPosting|Article|NewsArticle|TechArticle)]",
                    "[itemprop=headline], [itemprop=name]",
                    "[itemprop=url][href], a[href]",
                    "[itemprop=datePublished]",
                    "[itemprop=description]",
                    null);
            default -> detected.rule();
          };
      return reconcile(structured, rule, method, detected);
    }
    return detected;
  }

  /**
   * Structured data and the layout read together: when the page shows more posts than its
   * structured data names (and shows most of those), the layout's list with gaps filled from the
   * structured data; otherwise the structured posts with gaps filled from what the layout shows.
   */
  private static Detection reconcile(
      List<ParsedEntry> structured, ScrapeRule rule, String method, Detection detected) {
    Map<String, ParsedEntry> shown = new HashMap<>();
    for (ParsedEntry e : detected.posts()) {
      shown.putIfAbsent(Addresses.key(e.url()), e);
    }
    Map<String, ParsedEntry> named = new HashMap<>();
    int covered = 0;
    for (ParsedEntry e : structured) {
      String key = Addresses.key(e.url());
      named.putIfAbsent(key, e);
      if (shown.containsKey(key)) {
        covered++;
      }
    }
    if (detected.posts().size() > structured.size() && covered * 10 >= structured.size() * 8) {
      List<ParsedEntry> posts = new ArrayList<>();
      for (ParsedEntry e : detected.posts()) {
        ParsedEntry s = named.get(Addresses.key(e.url()));
        posts.add(s == null ? e : fill(e, s));
      }
      return new Detection(posts, detected.rule(), detected.candidates(), detected.method());
    }
    List<ParsedEntry> posts = new ArrayList<>();
    for (ParsedEntry e : structured) {
      ParsedEntry d = shown.get(Addresses.key(e.url()));
      posts.add(d == null ? e : fill(e, d));
    }
    return new Detection(posts, rule, detected.candidates(), method);
  }

  private static ParsedEntry fill(ParsedEntry a, ParsedEntry b) {
    ParsedEntry r = a;
    if (r.title() == null) {
      r = r.withTitle(b.title());
    }
    if (r.published() == null
        || (b.published() != null
            && b.published().precision().compareTo(r.published().precision()) > 0
            && b.published().iso().startsWith(r.published().iso()))) {
      r = r.withPublished(b.published() != null ? b.published() : r.published());
    }
    if (r.summaryHtml() == null) {
      r = r.withSummaryHtml(b.summaryHtml());
    }
    if (r.author() == null) {
      r = r.withAuthor(b.author());
    }
    return r;
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

  /** One link that may point at a post. */
  private record Link(Element element, String url, String key, int order, String path) {}

  /** A group of links sharing one structural path, with their containers. */
  private record Group(
      String path,
      List<Link> links,
      List<Element> containers,
      String itemSelector,
      double score,
      List<EntryReader.Read> reads) {}

  /** Most following siblings read as part of a post that its container does not wrap. */
  private static final int MAX_SIBLINGS = 6;

  /** Layout-based detection over one parsed page. */
  private static final class Layout {
    private final Document doc;
    private final String base;
    private final String pageKey;
    private final IdentityHashMap<Element, Integer> order = new IdentityHashMap<>();
    private final List<int[]> yearLabels = new ArrayList<>();
    private final List<DayLabel> dayLabels = new ArrayList<>();
    private final IdentityHashMap<Element, String> urlUnder = new IdentityHashMap<>();
    private final IdentityHashMap<Element, String> signatures = new IdentityHashMap<>();
    private int selectorBudget = SELECTOR_BUDGET;

    Layout(Document doc, String base, String pageUrl) {
      this.doc = doc;
      this.base = base;
      this.pageKey = Addresses.key(pageUrl);
    }

    Detection detect() {
      int i = 0;
      var all = doc.getAllElements();
      selectorBudget = Math.max(6, Math.min(SELECTOR_BUDGET, 600_000 / Math.max(1, all.size())));
      for (Element e : all) {
        if (i >= MAX_ELEMENTS) {
          break;
        }
        order.put(e, i++);
        if (yearLabels.size() < MAX_LABELS && isDateLabel(e)) {
          String text = e.childrenSize() == 0 ? e.ownText() : e.text();
          var m = YEAR_HEADING.matcher(text);
          if (m.matches()) {
            yearLabels.add(new int[] {order.get(e), Integer.parseInt(m.group(1))});
          } else {
            var d = HumanDates.published(text, null);
            if (d.isPresent() && d.get().precision().compareTo(FuzzyDate.Precision.MONTH) >= 0) {
              yearLabels.add(
                  new int[] {
                    order.get(e), d.get().instant().atOffset(java.time.ZoneOffset.UTC).getYear()
                  });
              if (d.get().precision().compareTo(FuzzyDate.Precision.DAY) >= 0) {
                dayLabels.add(new DayLabel(order.get(e), d.get(), e));
              }
            }
          }
        }
      }
      List<Link> links = collectLinks();
      Map<String, List<Link>> byPath = new LinkedHashMap<>();
      for (Link l : links) {
        byPath.computeIfAbsent(l.path(), k -> new ArrayList<>()).add(l);
      }
      List<Group> groups = new ArrayList<>();
      for (List<Link> group : byPath.values()) {
        Set<String> keys = new HashSet<>();
        group.forEach(l -> keys.add(l.key()));
        if (keys.size() >= 2) {
          groups.add(score(group));
        }
      }
      groups.sort(Comparator.comparingDouble(Group::score).reversed());
      List<Candidate> candidates = new ArrayList<>();
      for (Group g : groups) {
        if (candidates.size() >= 10) {
          break;
        }
        List<String> samples = new ArrayList<>();
        for (EntryReader.Read r : g.reads()) {
          if (r.entry().title() != null && samples.size() < 3) {
            samples.add(r.entry().title());
          }
        }
        candidates.add(
            new Candidate(g.itemSelector(), round(g.score()), distinct(g.reads()), samples));
      }
      if (groups.isEmpty() || groups.get(0).score() < 3.0) {
        return new Detection(List.of(), null, candidates, "detected");
      }
      Group best = groups.get(0);
      List<Positioned> entries = new ArrayList<>();
      for (int k = 0; k < best.links().size(); k++) {
        entries.add(new Positioned(best.links().get(k).order(), best.reads().get(k).entry()));
      }
      List<Group> chosen = new ArrayList<>(List.of(best));
      List<List<Element>> extraItems = new ArrayList<>();
      for (int k = 1; k < groups.size() && k < 40; k++) {
        Group g = groups.get(k);
        if (g.score() < 3.0) {
          break;
        }
        if (companion(g, chosen)) {
          chosen.add(g);
          extraItems.add(g.containers());
          for (int j = 0; j < g.links().size(); j++) {
            entries.add(new Positioned(g.links().get(j).order(), g.reads().get(j).entry()));
          }
        }
      }
      for (Element f : addFeatured(chosen, links, entries)) {
        extraItems.add(List.of(f));
      }
      entries.sort(Comparator.comparingInt(Positioned::order));
      List<ParsedEntry> posts = merge(entries);
      return new Detection(posts, rule(best, extraItems), candidates, "detected");
    }

    /** Whether one of the element's own text pieces holds a year, without building its text. */
    private static boolean ownTextHasYearDigits(Element e) {
      int n = Math.min(e.childNodeSize(), 16);
      for (int k = 0; k < n; k++) {
        if (e.childNode(k) instanceof org.jsoup.nodes.TextNode t) {
          String w = t.getWholeText();
          if (w.length() <= 200 && hasYearDigits(w)) {
            return true;
          }
        }
      }
      return false;
    }

    private static boolean hasYearDigits(String t) {
      for (int k = 0; k + 3 < t.length(); k++) {
        char a = t.charAt(k);
        char b = t.charAt(k + 1);
        if (((a == '1' && b == '9') || (a == '2' && b == '0'))
            && Character.isDigit(t.charAt(k + 2))
            && Character.isDigit(t.charAt(k + 3))) {
          return true;
        }
      }
      return false;
    }

    /**
     * A heading, or a short label standing alone, whose text is a year ("2026", "2025 (12)") or a
     * date ("October 2024", "Wednesday, October 9, 2024"): context for the posts after it.
     */
    private static boolean isDateLabel(Element e) {
      if (!PageText.tag(e, YEAR_LABELS)) {
        return false;
      }
      boolean heading = PageText.tag(e, PageText.HEADING_TAGS);
      if (!heading && e.childrenSize() > 4) {
        return false;
      }
      if (e.childrenSize() > 4 || (!heading && !ownTextHasYearDigits(e))) {
        return false;
      }
      String own = e.ownText();
      if (own.length() > 40) {
        return false;
      }
      String text = e.childrenSize() == 0 ? own : e.text();
      if (text.length() > 40 || !hasYearDigits(text)) {
        return false;
      }
      if (!YEAR_HEADING.matcher(text).matches()
          && (PageText.words(text) > 6 || !DATE_LABEL.matcher(text).find())) {
        return false;
      }
      int depth = 0;
      for (Element p = e; p != null && depth < 12; p = p.parent(), depth++) {
        if (PageText.tag(p, NOT_LABELS)) {
          return false;
        }
      }
      return true;
    }

    private static double round(double v) {
      return Math.round(v * 100) / 100.0;
    }

    private static int distinct(List<EntryReader.Read> reads) {
      Set<String> keys = new HashSet<>();
      reads.forEach(r -> keys.add(Addresses.key(r.entry().url())));
      return keys.size();
    }

    private List<Link> collectLinks() {
      List<Link> links = new ArrayList<>();
      for (Element a : doc.select("a[href]")) {
        if (links.size() >= MAX_LINKS) {
          break;
        }
        String url = Addresses.resolve(base, a.attr("href"));
        if (url == null) {
          continue;
        }
        String key = Addresses.key(url);
        String path = Addresses.path(url);
        if (key.equals(pageKey) || path.equals("/") || ASSET.matcher(path).matches()) {
          continue;
        }
        Integer pos = order.get(a);
        if (pos == null) {
          continue;
        }
        links.add(new Link(a, url, key, pos, structuralPath(a)));
        int depth = 0;
        for (Element e = a; e != null && depth < MAX_DEPTH; e = e.parent(), depth++) {
          String seen = urlUnder.get(e);
          if (seen == null) {
            urlUnder.put(e, key);
          } else if (!seen.equals(key)) {
            urlUnder.put(e, "");
          }
        }
      }
      return links;
    }

    private String signature(Element e) {
      return signatures.computeIfAbsent(
          e,
          el -> {
            List<String> classes = new ArrayList<>();
            for (String c : el.classNames()) {
              if (SAFE_CLASS.matcher(c).matches() && !VOLATILE_CLASS.matcher(c).matches()) {
                classes.add(c);
              }
            }
            classes.sort(null);
            StringBuilder sb = new StringBuilder(el.normalName());
            if (el.normalName().equals("td") || el.normalName().equals("th")) {
              // a table's columns are its structure, whatever their classes
              int k = 1;
              for (Element s = el.previousElementSibling();
                  s != null && k < 64;
                  s = s.previousElementSibling()) {
                if (s.normalName().equals(el.normalName())) {
                  k++;
                }
              }
              sb.append(":nth-of-type(").append(k).append(')');
            }
            for (String c : classes) {
              sb.append('.').append(c);
            }
            return sb.toString();
          });
    }

    private String structuralPath(Element a) {
      List<String> parts = new ArrayList<>();
      int depth = 0;
      for (Element e = a;
          e != null
              && !e.normalName().equals("body")
              && !e.normalName().equals("html")
              && depth < MAX_DEPTH;
          e = e.parent(), depth++) {
        parts.add(signature(e));
      }
      StringBuilder sb = new StringBuilder();
      for (int k = parts.size() - 1; k >= 0; k--) {
        if (sb.length() > 0) {
          sb.append(" > ");
        }
        sb.append(parts.get(k));
      }
      return sb.toString();
    }

    /**
     * For containers that are siblings with other elements between them (a {@code <dt>} and its
     * {@code <dd>}, a heading followed by a date line and an excerpt), the elements following each
     * container up to the next one; empty lists when the containers wrap their posts.
     */
    private List<List<Element>> siblingExtras(List<Link> group, List<Element> containers) {
      List<List<Element>> none = new ArrayList<>();
      containers.forEach(c -> none.add(List.of()));
      int n = containers.size();
      if (n < 2) {
        return none;
      }
      Element parent = containers.get(0).parent();
      Set<Element> mine = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      for (Element c : containers) {
        if (c.parent() != parent || parent == null || !mine.add(c)) {
          return none;
        }
      }
      List<List<Element>> out = new ArrayList<>();
      int gaps = 0;
      int typical = 0;
      for (int k = 0; k < n; k++) {
        Element c = containers.get(k);
        String key = group.get(k).key();
        boolean last = k == n - 1;
        List<Element> after = new ArrayList<>();
        Element sib = c.nextElementSibling();
        while (sib != null && !mine.contains(sib) && after.size() < MAX_SIBLINGS) {
          if (!onlyLinksTo(sib, key)) {
            break;
          }
          if (last && after.size() >= typical) {
            break;
          }
          after.add(sib);
          sib = sib.nextElementSibling();
        }
        if (!last) {
          if (sib == null || !mine.contains(sib)) {
            return none;
          }
          if (!after.isEmpty()) {
            gaps++;
          }
          typical = Math.max(typical, after.size());
        }
        out.add(after);
      }
      return gaps * 10 >= (n - 1) * 7 ? out : none;
    }

    /** True when every link under {@code e} points at the post {@code key}. */
    private boolean onlyLinksTo(Element e, String key) {
      String under = urlUnder.get(e);
      if (under != null) {
        return under.equals(key);
      }
      return e.selectFirst("a[href]") == null;
    }

    /**
     * Posts that show no date of their own, grouped under date headings (a blog that prints each
     * day once, above that day's posts), take the date of the heading above them; only when there
     * are two such headings or more, outside the posts.
     */
    private void datesFromDayHeadings(List<Element> containers, List<EntryReader.Read> reads) {
      if (dayLabels.size() < 2) {
        return;
      }
      Set<Element> mine = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      mine.addAll(containers);
      Element region = commonAncestor(containers);
      if (region == null) {
        return;
      }
      Map<Integer, DayLabel> chosen = new HashMap<>();
      Set<DayLabel> used = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      for (int k = 0; k < reads.size(); k++) {
        if (reads.get(k).entry().published() != null) {
          continue;
        }
        Integer pos = order.get(containers.get(k));
        if (pos == null) {
          continue;
        }
        DayLabel label = null;
        int lo = 0;
        int hi = dayLabels.size() - 1;
        while (lo <= hi) {
          int mid = (lo + hi) >>> 1;
          if (dayLabels.get(mid).order() < pos) {
            label = dayLabels.get(mid);
            lo = mid + 1;
          } else {
            hi = mid - 1;
          }
        }
        if (label == null
            || hasAncestorIn(label.element(), mine)
            || !EntryReader.isInside(label.element(), region)) {
          continue;
        }
        chosen.put(k, label);
        used.add(label);
      }
      if (used.size() < 2) {
        return;
      }
      for (var e : chosen.entrySet()) {
        EntryReader.Read r = reads.get(e.getKey());
        reads.set(
            e.getKey(),
            new EntryReader.Read(
                r.entry().withPublished(e.getValue().date()),
                r.titleElement(),
                r.dateElement(),
                r.summaryElement()));
      }
    }

    /** The deepest element holding all the containers (the list), or null. */
    private static Element commonAncestor(List<Element> containers) {
      List<Element> chain = new ArrayList<>();
      int depth = 0;
      for (Element e = containers.get(0); e != null && depth < MAX_DEPTH; e = e.parent(), depth++) {
        chain.add(e);
      }
      IdentityHashMap<Element, Integer> index = new IdentityHashMap<>();
      for (int k = 0; k < chain.size(); k++) {
        index.put(chain.get(k), k);
      }
      int top = 0;
      for (int k = 1; k < containers.size() && k < 2000; k++) {
        Integer at = null;
        depth = 0;
        for (Element e = containers.get(k);
            e != null && depth < MAX_DEPTH;
            e = e.parent(), depth++) {
          at = index.get(e);
          if (at != null) {
            break;
          }
        }
        if (at == null) {
          return null;
        }
        top = Math.max(top, at);
      }
      return chain.get(top);
    }

    /** Within the group, how far up a link's own container reaches. */
    private int reach(Element a, Map<Element, Set<String>> groupUrls) {
      int up = 0;
      Element e = a;
      while (e.parent() != null && up < MAX_DEPTH) {
        Element p = e.parent();
        if (p.normalName().equals("body") || p.normalName().equals("html")) {
          break;
        }
        Set<String> under = groupUrls.get(p);
        if (under != null && under.size() > 1) {
          break;
        }
        e = p;
        up++;
      }
      return up;
    }

    private Group score(List<Link> group) {
      IdentityHashMap<Element, Set<String>> groupUrls = new IdentityHashMap<>();
      for (Link l : group) {
        int depth = 0;
        for (Element e = l.element(); e != null && depth < MAX_DEPTH; e = e.parent(), depth++) {
          Set<String> s = groupUrls.computeIfAbsent(e, x -> new HashSet<>());
          if (s.size() < 2) {
            s.add(l.key());
          }
        }
      }
      int up = Integer.MAX_VALUE;
      for (Link l : group) {
        up = Math.min(up, reach(l.element(), groupUrls));
      }
      List<Element> containers = new ArrayList<>();
      for (Link l : group) {
        Element c = l.element();
        for (int k = 0; k < up && c.parent() != null; k++) {
          c = c.parent();
        }
        containers.add(c);
      }
      List<List<Element>> extras = siblingExtras(group, containers);
      List<EntryReader.Read> reads = new ArrayList<>();
      double itemTotal = 0;
      Map<String, Integer> prefixes = new HashMap<>();
      Set<String> texts = new HashSet<>();
      for (int k = 0; k < group.size(); k++) {
        Link l = group.get(k);
        Element c = containers.get(k);
        Integer year = contextYear(c);
        EntryReader.Read read = EntryReader.read(c, l.element(), l.url(), year);
        if (!extras.get(k).isEmpty()
            && (read.entry().published() == null || read.entry().summaryHtml() == null)) {
          read = EntryReader.read(c, extras.get(k), l.element(), l.url(), year);
        }
        reads.add(read);
        itemTotal += itemScore(l, read);
        prefixes.merge(prefix(l.url()), 1, Integer::sum);
        texts.add(String.valueOf(PageText.clean(l.element().text())).toLowerCase(Locale.ROOT));
      }
      datesFromDayHeadings(containers, reads);
      int n = group.size();
      double score = itemTotal / n;
      int maxPrefix = prefixes.values().stream().max(Integer::compare).orElse(0);
      score += 1.5 * maxPrefix / n;
      score += 0.25 * Math.min(distinct(reads), 8);
      if (n >= 3 && texts.size() * 2 < n) {
        score -= 2;
      }
      score += placement(containers.get(0));
      String itemSelector = selectorFor(containers.get(0));
      return new Group(itemSelector, group, containers, itemSelector, score, reads);
    }

    private double itemScore(Link l, EntryReader.Read read) {
      double s = 0;
      ParsedEntry e = read.entry();
      if (read.titleElement() != null && PageText.tag(read.titleElement(), PageText.HEADING_TAGS)) {
        s += 2;
      }
      if (e.published() != null) {
        s += 1.5;
      }
      if (e.summaryHtml() != null && e.summaryHtml().length() >= 40) {
        s += 1;
      }
      String text = PageText.clean(l.element().text());
      if (text != null && e.title() == null && HumanDates.looksLikeDate(text)) {
        s -= 2;
      }
      if (text == null && read.titleElement() == null && e.summaryHtml() == null) {
        s -= 1;
      } else if (text != null && PageText.isGeneric(text)) {
        s -= 1.5;
      } else if (text != null && PageText.words(text) >= 2 && text.length() >= 8) {
        s += 0.5;
      }
      s += urlScore(l.url());
      return s;
    }

    private static double urlScore(String url) {
      String host = Addresses.host(url);
      if (SOCIAL_HOSTS.contains(host)) {
        return -3;
      }
      String path = Addresses.path(url);
      String[] segments = path.replaceAll("^/+|/+$", "").split("/+");
      for (String seg : segments) {
        if (BAD_SEGMENT.matcher(seg).matches()) {
          return -3;
        }
      }
      if (url.contains("?") && (url.contains("page=") || url.contains("replytocom"))) {
        return -2;
      }
      if (ARCHIVE_PATH.matcher(path).matches()) {
        return -3;
      }
      String last = segments[segments.length - 1].replaceAll("\\.html?$", "");
      if (last.matches("\\d+")
          && segments.length >= 2
          && segments[segments.length - 2].equalsIgnoreCase("page")) {
        return -3;
      }
      double s = 0;
      if (last.split("[-_]").length >= 3 || DATE_PATH.matcher(path + "/").matches()) {
        s += 1;
      } else if (last.split("[-_]").length == 2) {
        s += 0.5;
      }
      return s;
    }

    /** The URL's site and first path segment (digits generalised), shared by posts of a blog. */
    private static String prefix(String url) {
      String path = Addresses.path(url).replaceAll("^/+|/+$", "");
      String[] segs = path.split("/+");
      String first = segs.length >= 2 ? segs[0].replaceAll("^\\d+$", "#") : "";
      return Addresses.host(url) + "/" + first;
    }

    /** Bonus for lists in the main content, penalty for lists in page chrome. */
    private double placement(Element container) {
      double s = 0;
      boolean inMain = false;
      int depth = 0;
      for (Element e = container.parent();
          e != null && depth < MAX_DEPTH;
          e = e.parent(), depth++) {
        String name = e.normalName();
        if (name.equals("body")) {
          break;
        }
        if (name.equals("main") || e.attr("role").equals("main") || name.equals("article")) {
          inMain = true;
        }
        if (isChrome(e)) {
          s -= 3;
          break;
        }
      }
      return s + (inMain ? 1 : 0);
    }

    private static boolean isChrome(Element e) {
      String name = e.normalName();
      if (name.equals("nav")
          || name.equals("header")
          || name.equals("footer")
          || name.equals("aside")) {
        return true;
      }
      String role = e.attr("role");
      if (role.equals("navigation")
          || role.equals("banner")
          || role.equals("contentinfo")
          || role.equals("complementary")) {
        return true;
      }
      return CHROME_CLASS.matcher(e.className()).find() || CHROME_CLASS.matcher(e.id()).find();
    }

    private boolean inChrome(Element e) {
      int depth = 0;
      for (Element p = e; p != null && depth < MAX_DEPTH; p = p.parent(), depth++) {
        if (p.normalName().equals("body")) {
          return false;
        }
        if (isChrome(p)) {
          return true;
        }
      }
      return false;
    }

    private Integer contextYear(Element container) {
      Integer pos = order.get(container);
      if (pos == null) {
        return null;
      }
      int lo = 0;
      int hi = yearLabels.size() - 1;
      int found = -1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (yearLabels.get(mid)[0] < pos) {
          found = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      return found < 0 ? null : yearLabels.get(found)[1];
    }

    /**
     * True when {@code g} is a second list of the same blog's posts next to the chosen ones
     * ("Latest" cards, then "Older posts" rows): same kind of post address, in the content, titled
     * links, and at least one post the chosen lists do not show.
     */
    private boolean companion(Group g, List<Group> chosen) {
      Map<String, Integer> mainPrefixes = new HashMap<>();
      Set<String> keys = new HashSet<>();
      for (Group c : chosen) {
        for (Link l : c.links()) {
          mainPrefixes.merge(prefix(l.url()), 1, Integer::sum);
          keys.add(l.key());
        }
      }
      String mainPrefix =
          mainPrefixes.entrySet().stream()
              .max(Map.Entry.comparingByValue())
              .map(Map.Entry::getKey)
              .orElse("");
      int n = g.links().size();
      int samePrefix = 0;
      int fresh = 0;
      int titled = 0;
      double urls = 0;
      for (int k = 0; k < n; k++) {
        Link l = g.links().get(k);
        if (prefix(l.url()).equals(mainPrefix)) {
          samePrefix++;
        }
        if (!keys.contains(l.key())) {
          fresh++;
        }
        String t = g.reads().get(k).entry().title();
        if (t != null && !PageText.isGeneric(t) && PageText.words(t) >= 2) {
          titled++;
        }
        urls += urlScore(l.url());
      }
      if (fresh == 0 || samePrefix * 10 < n * 8 || titled * 10 < n * 8 || urls <= 0) {
        return false;
      }
      Set<Element> mine = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      Set<Element> theirs = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      mine.addAll(g.containers());
      chosen.forEach(c -> theirs.addAll(c.containers()));
      for (Element c : g.containers()) {
        if (inChrome(c) || hasAncestorIn(c, theirs)) {
          return false;
        }
      }
      for (Element o : theirs) {
        if (hasAncestorIn(o, mine)) {
          return false;
        }
      }
      return true;
    }

    private static boolean hasAncestorIn(Element e, Set<Element> set) {
      int depth = 0;
      for (Element p = e; p != null && depth < MAX_DEPTH; p = p.parent(), depth++) {
        if (set.contains(p)) {
          return true;
        }
      }
      return false;
    }

    /** Adds posts linked outside the chosen group (a featured block), if they look alike. */
    private List<Element> addFeatured(
        List<Group> chosen, List<Link> all, List<Positioned> entries) {
      Map<String, Integer> prefixes = new HashMap<>();
      Set<String> groupElements = new HashSet<>();
      Set<String> seen = new HashSet<>();
      List<Element> chosenContainers = new ArrayList<>();
      for (Group g : chosen) {
        for (Link l : g.links()) {
          prefixes.merge(prefix(l.url()), 1, Integer::sum);
          groupElements.add(l.path());
          seen.add(l.key());
        }
        chosenContainers.addAll(g.containers());
      }
      List<Element> featured = new ArrayList<>();
      Map<String, Integer> firstOrder = new HashMap<>();
      for (Group g : chosen) {
        for (Link l : g.links()) {
          firstOrder.merge(l.key(), l.order(), Math::min);
        }
      }
      for (Link l : all) {
        if (groupElements.contains(l.path())) {
          continue;
        }
        Integer count = prefixes.get(prefix(l.url()));
        if (count == null || count < 2 || urlScore(l.url()) <= 0 || inChrome(l.element())) {
          continue;
        }
        String text = PageText.clean(l.element().text());
        if (text != null && PageText.isGeneric(text)) {
          continue;
        }
        if (chosenContainers.stream().anyMatch(c -> EntryReader.isInside(l.element(), c))) {
          continue;
        }
        Element c = l.element();
        int depth = 0;
        while (c.parent() != null && depth++ < MAX_DEPTH) {
          Element p = c.parent();
          if (p.normalName().equals("body") || !l.key().equals(urlUnder.get(p))) {
            break;
          }
          if (p.select("h1, h2, h3, h4, h5, h6").size()
              > Math.max(1, c.select("h1, h2, h3, h4, h5, h6").size())) {
            break;
          }
          c = p;
        }
        EntryReader.Read read = EntryReader.read(c, l.element(), l.url(), contextYear(c));
        boolean looksLikePost =
            (read.titleElement() != null
                    && PageText.tag(read.titleElement(), PageText.HEADING_TAGS))
                || read.entry().summaryHtml() != null
                || seen.contains(l.key());
        if (!looksLikePost) {
          continue;
        }
        entries.add(new Positioned(l.order(), read.entry()));
        if (!seen.contains(l.key())
            || l.order() < firstOrder.getOrDefault(l.key(), Integer.MAX_VALUE)) {
          featured.add(c);
        }
      }
      return featured;
    }

    private static List<ParsedEntry> merge(List<Positioned> entries) {
      Map<String, ParsedEntry> byKey = new LinkedHashMap<>();
      for (Positioned p : entries) {
        ParsedEntry e = p.entry();
        String key = Addresses.key(e.url());
        ParsedEntry first = byKey.get(key);
        if (first == null) {
          byKey.put(key, e);
        } else {
          byKey.put(key, fill(first, e));
        }
      }
      return new ArrayList<>(byKey.values());
    }

    private String selectorFor(Element target) {
      List<String> parts = new ArrayList<>();
      int depth = 0;
      for (Element e = target;
          e != null && !e.normalName().equals("html") && depth < MAX_DEPTH;
          e = e.parent(), depth++) {
        parts.add(signature(e));
        if (e.normalName().equals("body")) {
          break;
        }
      }
      StringBuilder sb = new StringBuilder();
      for (int k = parts.size() - 1; k >= 0; k--) {
        if (sb.length() > 0) {
          sb.append(" > ");
        }
        sb.append(parts.get(k));
      }
      return sb.toString();
    }

    private String relative(Element container, Element target) {
      if (target == null || target == container || !EntryReader.isInside(target, container)) {
        return null;
      }
      List<String> parts = new ArrayList<>();
      int depth = 0;
      for (Element e = target;
          e != null && e != container && depth < MAX_DEPTH;
          e = e.parent(), depth++) {
        parts.add(signature(e));
      }
      StringBuilder sb = new StringBuilder();
      for (int k = parts.size() - 1; k >= 0; k--) {
        if (sb.length() > 0) {
          sb.append(" > ");
        }
        sb.append(parts.get(k));
      }
      return sb.toString();
    }

    private ScrapeRule rule(Group best, List<List<Element>> extraItems) {
      EntryReader.Read r = best.reads().get(0);
      Element link = best.links().get(0).element();
      List<String> items = new ArrayList<>();
      if (!extraItems.isEmpty()) {
        List<Element> union = new ArrayList<>(best.containers());
        extraItems.forEach(union::addAll);
        Set<Element> want = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        want.addAll(union);
        String one = itemSelector(union);
        if (selectsExactly(one, want)) {
          items.add(one);
          extraItems = List.of();
        }
      }
      for (List<Element> extra : extraItems) {
        String sel = itemSelector(extra);
        if (!items.contains(sel)) {
          items.add(sel);
        }
      }
      if (items.isEmpty() || !extraItems.isEmpty()) {
        String main = itemSelector(best.containers());
        if (!items.contains(main)) {
          items.add(main);
        }
      }
      String item = String.join(", ", items);
      String title =
          r.titleElement() == null || r.titleElement() == link
              ? null
              : relative(best.containers(), r.titleElement());
      if (title != null && !extraItems.isEmpty()) {
        title =
            PageText.tag(r.titleElement(), PageText.HEADING_TAGS) ? "h1, h2, h3, h4, h5, h6" : null;
      }
      return new ScrapeRule(
          item,
          title,
          relative(best.containers(), link),
          relative(best.containers(), r.dateElement()),
          relative(best.containers(), r.summaryElement()),
          null);
    }

    /** Classes usable in a selector, in the order to try them: plain words before hashed names. */
    private static List<String> usableClasses(Element e) {
      List<String> out = new ArrayList<>();
      for (String cl : e.classNames()) {
        if (SAFE_CLASS.matcher(cl).matches() && cl.length() <= 60 && !cl.startsWith("-")) {
          out.add(cl);
        }
      }
      out.sort(
          Comparator.comparing((String cl) -> cl.matches(".*\\d.*"))
              .thenComparing(cl -> -cl.length()));
      return out;
    }

    /** True when {@code selector} picks exactly {@code want} out of the page. */
    private boolean selectsExactly(String selector, Set<Element> want) {
      if (selectorBudget-- <= 0) {
        return false;
      }
      try {
        var found = doc.select(selector);
        if (found.size() != want.size()) {
          return false;
        }
        for (Element e : found) {
          if (!want.contains(e)) {
            return false;
          }
        }
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    }

    /**
     * A short selector that picks exactly these containers: a class they share (with or without the
     * tag), then that under its parent, then longer ancestor paths; the full path otherwise.
     */
    private String itemSelector(List<Element> targets) {
      Element first = targets.get(0);
      String fallback = selectorFor(first);
      try {
        Set<Element> want = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        want.addAll(targets);
        String tag = first.normalName();
        boolean sameTag = want.stream().allMatch(e -> e.normalName().equals(tag));
        List<String> common = new ArrayList<>();
        for (String cl : usableClasses(first)) {
          if (want.size() > 1
              && VOLATILE_CLASS.matcher(cl).matches()
              && !cl.matches(".*[_-][a-zA-Z0-9]{4,}$")) {
            continue;
          }
          if (want.stream().limit(500).allMatch(e -> e.hasClass(cl))) {
            common.add(cl);
          }
          if (common.size() >= 6) {
            break;
          }
        }
        List<String> tries = new ArrayList<>();
        for (String cl : common) {
          tries.add("." + cl);
          if (sameTag) {
            tries.add(tag + "." + cl);
          }
        }
        String own = sameTag ? tag : "*";
        if (common.size() > 1) {
          own = own + "." + String.join(".", common);
          tries.add(own);
        } else if (common.size() == 1) {
          own = own + "." + common.get(0);
        }
        List<String> path = new ArrayList<>();
        Element parent = first.parent();
        boolean oneParent = want.stream().allMatch(e -> e.parent() == parent);
        int depth = 0;
        for (Element a = parent;
            a != null && !a.normalName().equals("html") && depth < 6;
            a = a.parent(), depth++) {
          path.add(0, signature(a));
          tries.add(String.join(" > ", path) + " > " + own);
          if (a.id().length() > 0
              && SAFE_CLASS.matcher(a.id()).matches()
              && !a.id().matches(".*\\d{3,}.*")) {
            tries.add("#" + a.id() + " > " + own);
          }
          if (oneParent && depth == 0) {
            for (String cl : usableClasses(a)) {
              tries.add("." + cl + " > " + own);
            }
          }
        }
        int attempts = 0;
        for (String t : tries) {
          if (++attempts > 40) {
            break;
          }
          if (selectsExactly(t, want)) {
            return t;
          }
        }
        if (selectsExactly(fallback, want)) {
          return fallback;
        }
        if (want.size() == 1) {
          String exact = nthPath(first);
          if (selectsExactly(exact, want)) {
            return exact;
          }
        }
      } catch (RuntimeException e) {
        return fallback;
      }
      return fallback;
    }

    /** A path naming each element by its tag and position among siblings of that tag. */
    private static String nthPath(Element target) {
      List<String> parts = new ArrayList<>();
      int depth = 0;
      for (Element e = target;
          e != null && !e.normalName().equals("html") && depth < MAX_DEPTH;
          e = e.parent(), depth++) {
        if (e.normalName().equals("body")) {
          parts.add("body");
          break;
        }
        int k = 1;
        for (Element s = e.previousElementSibling(); s != null; s = s.previousElementSibling()) {
          if (s.normalName().equals(e.normalName())) {
            k++;
          }
        }
        parts.add(e.normalName() + ":nth-of-type(" + k + ")");
      }
      java.util.Collections.reverse(parts);
      return String.join(" > ", parts);
    }

    /**
     * A selector, relative to the first container, for {@code target}: one of its classes when that
     * finds it and finds something in most other containers, else the path of signatures.
     */
    private String relative(List<Element> containers, Element target) {
      Element container = containers.get(0);
      String path = relative(container, target);
      if (path == null) {
        return null;
      }
      List<String> tries = new ArrayList<>();
      for (String cl : usableClasses(target)) {
        tries.add(target.normalName() + "." + cl);
      }
      tries.add(target.normalName());
      tries.add(path);
      for (String t : tries) {
        try {
          if (container.selectFirst(t) != target) {
            continue;
          }
          int hits = 0;
          int n = Math.min(containers.size(), 200);
          for (int k = 0; k < n; k++) {
            if (containers.get(k).selectFirst(t) != null) {
              hits++;
            }
          }
          if (hits * 10 >= n * 8) {
            return t;
          }
        } catch (RuntimeException e) {
          // try the next
        }
      }
      return path;
    }
  }

  private record Positioned(int order, ParsedEntry entry) {}

  /** A standalone full date in the page ("Wednesday, October 9, 2024" above a day's posts). */
  private record DayLabel(int order, FuzzyDate date, Element element) {}
}
