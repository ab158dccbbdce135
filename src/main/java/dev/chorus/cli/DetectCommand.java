package dev.chorus.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chorus.config.Config;
import dev.chorus.config.ConfigException;
import dev.chorus.fetch.FetchException;
import dev.chorus.fetch.FetchPolicy;
import dev.chorus.fetch.Fetcher;
import dev.chorus.model.ParsedEntry;
import dev.chorus.parse.FeedParseException;
import dev.chorus.refresh.Prober;
import dev.chorus.refresh.Prober.Probe;
import dev.chorus.scrape.Candidate;
import dev.chorus.scrape.ScrapeRule;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Shows what post-list detection finds on a page, and the equivalent {@code scrape:} block. */
@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description = "Show the posts detection finds on a page and a scrape: block for feeds.yml.")
final class DetectCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "the page URL")
  String url;

  @Option(names = "--json", description = "print JSON for scripts")
  boolean json;

  @Option(
      names = "--no-post-pages",
      description = "do not read post pages to fill missing titles and dates")
  boolean noPostPages;

  @Option(
      names = "--allow-private-networks",
      description = "allow loopback/private addresses (trusted use only)")
  boolean allowPrivate;

  @Option(
      names = {"-c", "--config"},
      description = "take fetch settings from this config")
  Path config;

  @Override
  public Integer call() throws Exception {
    boolean allow = allowPrivate;
    if (config != null) {
      try {
        Config cfg = dev.chorus.config.ConfigLoader.load(config);
        allow |= cfg.fetch().allowPrivateNetworks();
      } catch (ConfigException e) {
        System.err.println(e.getMessage());
        return 2;
      }
    }
    try (Fetcher fetcher = new Fetcher(FetchPolicy.defaults(allow));
        Prober prober = new Prober(fetcher)) {
      Probe p = prober.probe(url, false, !noPostPages);
      if (json) {
        System.out.println(toJson(p));
      } else {
        print(p);
      }
      return p.posts().isEmpty() ? 1 : 0;
    } catch (FetchException | FeedParseException e) {
      System.err.println("detect: " + e.getMessage());
      return 1;
    }
  }

  private static void print(Probe p) {
    if (p.detection() == null) {
      System.out.println(
          p.pageUrl() + " is a feed (" + p.posts().size() + " entries); no scraping needed.");
      return;
    }
    System.out.printf(
        "%d posts found on %s (method: %s)%n%n",
        p.posts().size(), p.pageUrl(), p.detection().method());
    int i = 1;
    for (ParsedEntry e : p.posts()) {
      System.out.printf(
          "%3d. %s%n     %s%n     %s%s%n",
          i++,
          e.title() == null ? "(no title)" : e.title(),
          e.url(),
          e.published() == null ? "no date" : e.published().iso(),
          e.summaryHtml() == null ? "" : " · " + abbreviate(e.summaryHtml(), 80));
    }
    ScrapeRule r = p.detection().rule();
    if (r != null) {
      System.out.println("\nTo pin this choice, add to the source in feeds.yml:\n");
      System.out.println(scrapeBlock(r));
    }
    if (!p.detection().candidates().isEmpty()) {
      System.out.println("Candidates (best first):");
      for (Candidate c : p.detection().candidates()) {
        System.out.printf(
            "  %6.2f  %3d links  %s%n          e.g. %s%n",
            c.score(),
            c.count(),
            c.selector(),
            String.join(
                " | ", c.sampleTitles().stream().limit(3).map(t -> abbreviate(t, 40)).toList()));
      }
    }
  }

  static String scrapeBlock(ScrapeRule r) {
    StringBuilder b = new StringBuilder("    scrape:\n");
    field(b, "item", r.item());
    field(b, "title", r.title());
    field(b, "link", r.link());
    field(b, "date", r.date());
    field(b, "summary", r.summary());
    field(b, "date_format", r.dateFormat());
    return b.toString();
  }

  private static void field(StringBuilder b, String name, String value) {
    if (value != null) {
      b.append("      ")
          .append(name)
          .append(": \"")
          .append(value.replace("\\", "\\\\").replace("\"", "\\\""))
          .append("\"\n");
    }
  }

  private static String toJson(Probe p) throws Exception {
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = m.createObjectNode();
    root.put("page", p.pageUrl());
    root.put("feed", p.feedUrl());
    ArrayNode posts = root.putArray("posts");
    for (ParsedEntry e : p.posts()) {
      ObjectNode o = posts.addObject();
      o.put("title", e.title());
      o.put("url", e.url());
      o.put("published", e.published() == null ? null : e.published().iso());
      o.put("summary", e.summaryHtml());
    }
    if (p.detection() != null) {
      root.put("method", p.detection().method());
      ScrapeRule r = p.detection().rule();
      if (r != null) {
        ObjectNode s = root.putObject("scrape");
        s.put("item", r.item());
        s.put("title", r.title());
        s.put("link", r.link());
        s.put("date", r.date());
        s.put("summary", r.summary());
        s.put("date_format", r.dateFormat());
      } else {
        root.putNull("scrape");
      }
      ArrayNode cands = root.putArray("candidates");
      for (Candidate c : p.detection().candidates()) {
        ObjectNode o = cands.addObject();
        o.put("score", c.score());
        o.put("selector", c.selector());
        o.put("count", c.count());
        ArrayNode t = o.putArray("sampleTitles");
        c.sampleTitles().forEach(t::add);
      }
    }
    return m.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  private static String abbreviate(String s, int max) {
    String t = s.replaceAll("\\s+", " ").strip();
    return t.length() <= max ? t : t.substring(0, max - 1) + "…";
  }
}
