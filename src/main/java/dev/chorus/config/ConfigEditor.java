package dev.chorus.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Adds sources to {@code feeds.yml} as text, keeping its comments and layout; the result is
 * validated before it replaces the file.
 */
public final class ConfigEditor {
  private ConfigEditor() {}

  /** A source to add: url required, the rest optional. */
  public record NewSource(String id, String name, String url, String feed, List<String> tags) {
    public NewSource {
      tags = tags == null ? List.of() : List.copyOf(tags);
    }
  }

  /**
   * Appends the sources not already present (by URL or feed) and returns those added.
   *
   * @throws ConfigException when the file is invalid before or after the edit (nothing is written)
   */
  public static List<NewSource> append(Path file, List<NewSource> sources)
      throws ConfigException, IOException {
    String text =
        Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "sources: []\n";
    Config before = ConfigLoader.parse(text, file);
    Set<String> known =
        before.sources().stream()
            .flatMap(s -> java.util.stream.Stream.of(s.url(), s.feed()))
            .filter(u -> u != null)
            .collect(Collectors.toSet());
    Set<String> ids = before.sources().stream().map(SourceConfig::id).collect(Collectors.toSet());
    List<NewSource> added = new ArrayList<>();
    StringBuilder block = new StringBuilder();
    for (NewSource s : sources) {
      if (known.contains(s.url()) || (s.feed() != null && known.contains(s.feed()))) {
        continue;
      }
      String base = s.id() != null ? s.id() : Slugs.of(s.name(), s.url());
      String id = base;
      for (int n = 2; ids.contains(id); n++) {
        id = base + "-" + n;
      }
      ids.add(id);
      known.add(s.url());
      block.append("  - id: ").append(id).append('\n');
      if (s.name() != null && !s.name().isBlank()) {
        block.append("    name: ").append(quote(s.name())).append('\n');
      }
      block.append("    url: ").append(quote(s.url())).append('\n');
      if (s.feed() != null) {
        block.append("    feed: ").append(quote(s.feed())).append('\n');
      }
      if (!s.tags().isEmpty()) {
        block
            .append("    tags: [")
            .append(s.tags().stream().map(ConfigEditor::quote).collect(Collectors.joining(", ")))
            .append("]\n");
      }
      added.add(new NewSource(id, s.name(), s.url(), s.feed(), s.tags()));
    }
    if (added.isEmpty()) {
      return added;
    }
    String next = insert(text, block.toString());
    ConfigLoader.parse(next, file);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, next, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return added;
  }

  /** Puts the block at the end of the top-level {@code sources:} list. */
  static String insert(String text, String block) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("sources:")) {
        start = i;
        if (l.replaceAll("#.*", "").strip().equals("sources: []")) {
          lines.set(i, "sources:");
        }
        break;
      }
    }
    if (start < 0) {
      String sep = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
      return text + sep + "sources:\n" + block;
    }
    int end = start + 1;
    int lastContent = start;
    while (end < lines.size()) {
      String l = lines.get(end);
      boolean topLevel = !l.isEmpty() && !Character.isWhitespace(l.charAt(0)) && !l.startsWith("#");
      if (topLevel) {
        break;
      }
      if (!l.isBlank() && !l.strip().startsWith("#")) {
        lastContent = end;
      }
      end++;
    }
    lines.add(
        lastContent + 1, block.endsWith("\n") ? block.substring(0, block.length() - 1) : block);
    return String.join("\n", lines);
  }

  private static String quote(String s) {
    if (s.matches("[A-Za-z0-9][A-Za-z0-9 ._/:?=&%+-]*") && !s.contains(": ") && !s.contains(" #")) {
      return s;
    }
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
