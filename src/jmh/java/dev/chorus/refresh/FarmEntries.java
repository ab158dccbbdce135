package dev.chorus.refresh;

import dev.chorus.bench.FeedFarm;
import dev.chorus.bench.FeedFarm.Feed;
import dev.chorus.clean.HtmlCleaner;
import dev.chorus.model.ParsedEntry;
import dev.chorus.parse.FeedParseException;
import dev.chorus.parse.FeedParser;
import dev.chorus.store.NewEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmarks' input: farm feeds (seed 1) as the parser reads them, and as the poll stores them.
 */
public final class FarmEntries {
  static final String FEED_URL = "http://127.0.0.1/feed";

  private FarmEntries() {}

  /** Each feed's entries as parsed. */
  static List<List<ParsedEntry>> parsed(int feeds) throws FeedParseException {
    FeedParser parser = new FeedParser();
    List<List<ParsedEntry>> out = new ArrayList<>();
    for (Feed f : FeedFarm.generate(feeds, 1).feeds()) {
      out.add(parser.parse(f.body(), f.contentType(), FEED_URL).entries());
    }
    return out;
  }

  /** Each feed's entries as the poll cleans them before storing. */
  public static List<List<NewEntry>> cleaned(int feeds) throws FeedParseException {
    EntryCleaner cleaner = new EntryCleaner(new HtmlCleaner());
    List<List<NewEntry>> out = new ArrayList<>();
    for (List<ParsedEntry> entries : parsed(feeds)) {
      out.add(cleaner.clean(entries, FEED_URL));
    }
    return out;
  }
}
