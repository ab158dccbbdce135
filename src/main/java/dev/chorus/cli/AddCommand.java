package dev.chorus.cli;

import dev.chorus.config.Config;
import dev.chorus.config.ConfigEditor;
import dev.chorus.config.ConfigEditor.NewSource;
import dev.chorus.config.ConfigException;
import dev.chorus.config.ConfigLoader;
import dev.chorus.fetch.FetchException;
import dev.chorus.fetch.Fetcher;
import dev.chorus.parse.FeedParseException;
import dev.chorus.refresh.Prober;
import dev.chorus.refresh.Prober.Probe;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Adds a blog to feeds.yml after checking Chorus can read it (a feed, or posts on the page). */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Add a blog to feeds.yml.")
final class AddCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Parameters(index = "0", description = "the blog's home or list page, or its feed")
  String url;

  @Option(names = "--name", description = "the author's or blog's name")
  String name;

  @Option(names = "--tag", description = "a tag (repeatable)")
  List<String> tags = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Config cfg;
    try {
      cfg =
          Files.exists(config.file)
              ? ConfigLoader.load(config.file)
              : ConfigLoader.parse("sources: []\n", config.file);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    Probe p;
    try (Fetcher fetcher =
            new Fetcher(dev.chorus.fetch.FetchPolicy.defaults(cfg.fetch().allowPrivateNetworks()));
        Prober prober = new Prober(fetcher)) {
      p = prober.probe(url, true, false);
    } catch (FetchException | FeedParseException e) {
      System.err.println("add: cannot read " + url + ": " + e.getMessage());
      return 1;
    }
    if (p.feedUrl() == null && p.posts().isEmpty()) {
      System.err.println(
          "add: "
              + url
              + " has no feed and no post list Chorus can find; not added."
              + " Try `chorus detect "
              + url
              + "` or add it with a scrape: block.");
      return 1;
    }
    String n = name != null ? name : p.title();
    String feed = p.feedUrl() != null && !p.feedUrl().equals(p.pageUrl()) ? p.feedUrl() : null;
    try {
      List<NewSource> added =
          ConfigEditor.append(config.file, List.of(new NewSource(null, n, url, feed, tags)));
      if (added.isEmpty()) {
        System.out.println(url + " is already in " + config.file);
        return 0;
      }
      System.out.printf(
          "Added %s to %s: %s%n",
          added.get(0).id(),
          config.file,
          p.feedUrl() != null
              ? "feed " + p.feedUrl()
              : p.posts().size() + " posts found on the page (scraped)");
      return 0;
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
  }
}
