package dev.chorus.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a {@code feeds.yml} that follows the first N feeds of a running farm. */
final class FarmConfig {
  private FarmConfig() {}

  static Path write(Path dir, FarmServer server, int n) throws IOException {
    Files.createDirectories(dir);
    StringBuilder sb = new StringBuilder(n * 160 + 256);
    sb.append("title: Chorus bench\n")
        .append("database: chorus.db\n")
        .append("poll_every: 30m\n")
        .append("fetch:\n  allow_private_networks: true\n")
        .append("sources:\n");
    for (int i = 0; i < n; i++) {
      String feed = server.url(i);
      String home = feed.substring(0, feed.indexOf("/feeds/") + 1);
      sb.append("  - id: blog-")
          .append(i)
          .append('\n')
          .append("    name: Blog ")
          .append(i)
          .append('\n')
          .append("    url: ")
          .append(home)
          .append('\n')
          .append("    feed: ")
          .append(feed)
          .append('\n');
      if (i % 10 == 0) {
        sb.append("    tags: [bench]\n");
      }
    }
    Path file = dir.resolve("feeds.yml");
    Files.writeString(file, sb, StandardCharsets.UTF_8);
    return file;
  }
}
