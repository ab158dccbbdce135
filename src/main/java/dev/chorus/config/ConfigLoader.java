package dev.chorus.config;

import dev.chorus.config.SourceConfig.ContentMode;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads and validates {@code feeds.yml}, reporting every problem with file, line and field. */
public final class ConfigLoader {
  private static final Set<String> TOP_KEYS =
      Set.of("title", "database", "poll_every", "poll_max", "adaptive", "fetch", "sources");
  private static final Set<String> FETCH_KEYS =
      Set.of("allow_private_networks", "max_bytes", "timeout", "max_redirects");
  private static final Set<String> SOURCE_KEYS =
      Set.of(
          "id",
          "name",
          "url",
          "feed",
          "tags",
          "poll_every",
          "poll_max",
          "adaptive",
          "scrape",
          "content");
  private static final Set<String> SCRAPE_KEYS =
      Set.of("item", "title", "link", "date", "summary", "date_format");
  private static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
  private static final int MAX_CHARS = 1 << 20;

  private final List<String> problems = new ArrayList<>();
  private final String fileName;

  private ConfigLoader(String fileName) {
    this.fileName = fileName;
  }

  /** Loads and validates the file. */
  public static Config load(Path file) throws ConfigException {
    String text;
    try {
      if (Files.isDirectory(file)) {
        throw new ConfigException(List.of(file + ": cannot read: it is a folder, not a file"));
      }
      if (Files.size(file) > MAX_CHARS * 4L) {
        throw new ConfigException(
            List.of(file + ":1: the file is larger than 1 MiB; is it the right file?"));
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(List.of(file + ": cannot read: no such file"));
    } catch (AccessDeniedException e) {
      throw new ConfigException(List.of(file + ": cannot read: permission denied"));
    } catch (CharacterCodingException e) {
      throw new ConfigException(List.of(file + ": cannot read: not UTF-8 text"));
    } catch (IOException e) {
      throw new ConfigException(List.of(file + ": cannot read: " + e.getMessage()));
    }
    return parse(text, file);
  }

  /** Validates config text as if read from {@code file}. */
  public static Config parse(String text, Path file) throws ConfigException {
    if (text.length() > MAX_CHARS) {
      // SnakeYAML scans a multi-megabyte scalar for seconds; no real feeds.yml comes near this
      throw new ConfigException(
          List.of(file + ":1: the file is larger than 1 MiB; is it the right file?"));
    }
    ConfigLoader loader = new ConfigLoader(file.toString());
    Config config = loader.read(text, file);
    if (!loader.problems.isEmpty()) {
      throw new ConfigException(loader.problems);
    }
    return config;
  }

  private Config read(String text, Path file) {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      options.setMaxAliasesForCollections(20);
      options.setCodePointLimit(4 * 1024 * 1024);
      root = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      problems.add(fileName + ":" + line + ": invalid YAML: " + e.getProblem());
      return null;
    } catch (YAMLException e) {
      problems.add(fileName + ": invalid YAML: " + e.getMessage());
      return null;
    }
    if (!(root instanceof MappingNode top)) {
      problems.add(fileName + ":1: the file must be a mapping with a 'sources' list");
      return null;
    }
    Map<String, Node> fields = fields(top, TOP_KEYS, "");
    String title = scalar(fields, "title", "");
    if (title == null || title.isBlank()) {
      title = "Chorus";
    }
    String db = scalar(fields, "database", "");
    Path base = file.toAbsolutePath().getParent();
    Path database = base.resolve(db == null || db.isBlank() ? "chorus.db" : db).normalize();
    PollSettings poll = poll(fields, "", PollSettings.DEFAULTS);
    FetchSettings fetch = fetchSettings(fields.get("fetch"));
    List<SourceConfig> sources = sources(fields.get("sources"), poll);
    return new Config(file, title.strip(), database, poll, fetch, sources);
  }

  /** The polling keys at one level; what is not written there comes from {@code inherited}. */
  private PollSettings poll(Map<String, Node> f, String where, PollSettings inherited) {
    int before = problems.size();
    Duration every = duration(f, "poll_every", where, inherited.every());
    Duration max = duration(f, "poll_max", where, null);
    boolean adaptive = bool(f, "adaptive", where, inherited.adaptive());
    if (max == null || problems.size() > before) {
      // an inherited ceiling gives way to a longer poll_every, so files written before poll_max
      // stay valid
      max = inherited.max().compareTo(every) < 0 ? every : inherited.max();
    } else if (max.compareTo(every) < 0) {
      String got = scalar(f, "poll_max", where);
      error(
          f.get("poll_max"),
          where + "poll_max",
          "must be at least poll_every, " + Durations.format(every) + " (got '" + got + "')");
      max = every;
    }
    return new PollSettings(every, max, adaptive);
  }

  private FetchSettings fetchSettings(Node node) {
    FetchSettings d = FetchSettings.defaults();
    if (node == null) {
      return d;
    }
    if (!(node instanceof MappingNode m)) {
      error(node, "fetch", "must be a mapping");
      return d;
    }
    Map<String, Node> f = fields(m, FETCH_KEYS, "fetch.");
    boolean allow = bool(f, "allow_private_networks", "fetch.", false);
    long maxBytes = number(f, "max_bytes", "fetch.", d.maxBytes(), 1024, 1L << 31);
    Duration timeout = duration(f, "timeout", "fetch.", d.timeout());
    int redirects = (int) number(f, "max_redirects", "fetch.", d.maxRedirects(), 0, 20);
    return new FetchSettings(allow, maxBytes, timeout, redirects);
  }

  private List<SourceConfig> sources(Node node, PollSettings defaultPoll) {
    List<SourceConfig> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (!(node instanceof SequenceNode seq)) {
      error(node, "sources", "must be a list of sources");
      return out;
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      Node item = seq.getValue().get(i);
      String where = "sources[" + i + "].";
      if (!(item instanceof MappingNode m)) {
        error(item, "sources[" + i + "]", "must be a mapping with at least a 'url'");
        continue;
      }
      SourceConfig s = source(m, where, defaultPoll);
      if (s == null) {
        continue;
      }
      if (!ids.add(s.id())) {
        error(item, where + "id", "duplicate id '" + s.id() + "'");
        continue;
      }
      out.add(s);
    }
    return out;
  }

  private SourceConfig source(MappingNode m, String where, PollSettings defaultPoll) {
    int before = problems.size();
    Map<String, Node> f = fields(m, SOURCE_KEYS, where);
    if (!f.containsKey("url")) {
      error(m, where + "url", "is required: the blog's home or list page");
    }
    String url = url(f, "url", where, true);
    String feed = url(f, "feed", where, false);
    String name = scalar(f, "name", where);
    String id = scalar(f, "id", where);
    if (id != null && !id.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
      error(
          f.get("id"), where + "id", "must be a slug of a-z, 0-9, '-' and '_' (got '" + id + "')");
    }
    List<String> tags = tags(f.get("tags"), where + "tags");
    PollSettings poll = poll(f, where, defaultPoll);
    ScrapeConfig scrape = scrape(f.get("scrape"), where + "scrape");
    ContentMode content = ContentMode.FULL;
    String c = scalar(f, "content", where);
    if (c != null) {
      try {
        content = ContentMode.valueOf(c.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        error(f.get("content"), where + "content", "must be 'full' or 'summary' (got '" + c + "')");
      }
    }
    if (problems.size() > before || url == null) {
      return null;
    }
    if (name == null || name.isBlank()) {
      name = URI.create(url).getHost();
    }
    if (id == null) {
      id = Slugs.of(name, url);
    }
    return new SourceConfig(
        id, name.strip(), url, feed, tags, poll, scrape, content, m.getStartMark().getLine() + 1);
  }

  private ScrapeConfig scrape(Node node, String where) {
    if (node == null) {
      return null;
    }
    if (!(node instanceof MappingNode m)) {
      error(node, where, "must be a mapping of CSS selectors");
      return null;
    }
    Map<String, Node> f = fields(m, SCRAPE_KEYS, where + ".");
    String item = scalar(f, "item", where + ".");
    if (item == null || item.isBlank()) {
      error(node, where + ".item", "is required: the CSS selector of each post");
      return null;
    }
    return new ScrapeConfig(
        item,
        scalar(f, "title", where + "."),
        scalar(f, "link", where + "."),
        scalar(f, "date", where + "."),
        scalar(f, "summary", where + "."),
        scalar(f, "date_format", where + "."));
  }

  private List<String> tags(Node node, String where) {
    List<String> tags = new ArrayList<>();
    if (node == null) {
      return tags;
    }
    List<Node> items =
        node instanceof SequenceNode s
            ? s.getValue()
            : node instanceof ScalarNode ? List.of(node) : null;
    if (items == null) {
      error(node, where, "must be a list of words");
      return tags;
    }
    for (Node t : items) {
      if (!(t instanceof ScalarNode sc) || sc.getValue().isBlank()) {
        error(t, where, "each tag must be a word");
        continue;
      }
      String tag = sc.getValue().strip().toLowerCase(Locale.ROOT);
      if (!tag.matches("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,39}")) {
        error(t, where, "tag '" + tag + "' must be letters, digits, '-', '_' or '.'");
        continue;
      }
      if (!tags.contains(tag)) {
        tags.add(tag);
      }
    }
    return tags;
  }

  private Map<String, Node> fields(MappingNode m, Set<String> allowed, String where) {
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        error(t.getKeyNode(), where, "keys must be plain words");
        continue;
      }
      if (!allowed.contains(k.getValue())) {
        error(
            k,
            where + k.getValue(),
            "unknown key (expected one of "
                + String.join(", ", allowed.stream().sorted().toList())
                + ")");
        continue;
      }
      if (out.put(k.getValue(), t.getValueNode()) != null) {
        error(k, where + k.getValue(), "duplicate key");
      }
    }
    return out;
  }

  private String scalar(Map<String, Node> f, String key, String where) {
    Node n = f.get(key);
    if (n == null) {
      return null;
    }
    if (n instanceof ScalarNode s) {
      return "null".equals(s.getTag().getValue().replace("tag:yaml.org,2002:", ""))
          ? null
          : s.getValue();
    }
    error(n, where + key, "must be a single value");
    return null;
  }

  private String url(Map<String, Node> f, String key, String where, boolean required) {
    String v = scalar(f, key, where);
    if (v == null || v.isBlank()) {
      if (required && f.containsKey(key)) {
        error(f.get(key), where + key, "is required: the blog's home or list page");
      }
      return null;
    }
    String u = v.strip();
    try {
      URI uri = new URI(u);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
        error(f.get(key), where + key, "must be an absolute http(s) URL (got '" + u + "')");
        return null;
      }
      return uri.toString();
    } catch (URISyntaxException e) {
      error(f.get(key), where + key, "is not a valid URL: " + e.getReason() + " (got '" + u + "')");
      return null;
    }
  }

  private Duration duration(Map<String, Node> f, String key, String where, Duration dflt) {
    String v = scalar(f, key, where);
    if (v == null) {
      return dflt;
    }
    Duration d = Durations.parse(v);
    if (d == null) {
      error(
          f.get(key), where + key, "must be a duration like 30m, 1h, 90s or 2d (got '" + v + "')");
      return dflt;
    }
    if ((key.equals("poll_every") || key.equals("poll_max")) && d.compareTo(MIN_INTERVAL) < 0) {
      error(f.get(key), where + key, "must be at least 1m (got '" + v + "')");
      return dflt;
    }
    return d;
  }

  private boolean bool(Map<String, Node> f, String key, String where, boolean dflt) {
    String v = scalar(f, key, where);
    if (v == null) {
      return dflt;
    }
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> {
        error(f.get(key), where + key, "must be true or false (got '" + v + "')");
        yield dflt;
      }
    };
  }

  private long number(
      Map<String, Node> f, String key, String where, long dflt, long min, long max) {
    String v = scalar(f, key, where);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.strip().replace("_", ""));
      if (n < min || n > max) {
        error(
            f.get(key), where + key, "must be between " + min + " and " + max + " (got " + n + ")");
        return dflt;
      }
      return n;
    } catch (NumberFormatException e) {
      error(f.get(key), where + key, "must be a whole number (got '" + v + "')");
      return dflt;
    }
  }

  private void error(Node at, String field, String message) {
    int line = at == null ? 1 : at.getStartMark().getLine() + 1;
    problems.add(fileName + ":" + line + ": " + field + ": " + message);
  }
}
