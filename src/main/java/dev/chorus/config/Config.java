package dev.chorus.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A validated {@code feeds.yml}.
 *
 * @param file the file it was read from
 * @param title shown on the page and in the merged feeds
 * @param database the SQLite file, resolved against the config file's folder
 * @param poll the default polling of sources
 * @param fetch fetch settings
 * @param sources the blogs to follow, in file order
 */
public record Config(
    Path file,
    String title,
    Path database,
    PollSettings poll,
    FetchSettings fetch,
    List<SourceConfig> sources) {

  public Config {
    sources = List.copyOf(sources);
  }

  public Optional<SourceConfig> source(String id) {
    return sources.stream().filter(s -> s.id().equals(id)).findFirst();
  }
}
