package dev.chorus.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.model.ParsedEntry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Runs the detector and post-page reader over copies of real blog sites, as acceptance does. */
class FixtureSitesTest {

  private final Path root;
  private final Map<String, String> hostOfFolder = new HashMap<>();
  private final Map<String, String> folderOfHost = new HashMap<>();

  FixtureSitesTest() throws Exception {
    root = Path.of(FixtureSitesTest.class.getResource("/scrape/sites").toURI());
    try (Stream<Path> dirs = Files.list(root)) {
      int i = 0;
      for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
        String folder = d.getFileName().toString();
        String host = String.format("site%03d.test", i++);
        hostOfFolder.put(folder, host);
        folderOfHost.put(host, folder);
      }
    }
  }

  private String load(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    for (var e : hostOfFolder.entrySet()) {
      text = text.replace("%%" + e.getKey() + "%%", e.getValue());
    }
    return text;
  }

  private String pageFor(String url) throws IOException {
    URI u = URI.create(url);
    String folder = folderOfHost.get(u.getHost());
    if (folder == null) {
      return null;
    }
    String path = u.getPath() == null ? "/" : u.getPath();
    Path file = root.resolve(folder).resolve(path.replaceAll("^/+", "")).resolve("index.html");
    return Files.exists(file) ? load(file) : null;
  }

  private static String norm(String s) {
    return s == null ? null : s.replaceAll("\\s+", " ").trim();
  }

  private static String urlKey(String url) {
    return url == null ? "" : url.replaceAll("/+$", "");
  }

  @Test
  void findsThePostsOfEveryFixtureSite() throws Exception {
    int passed = 0;
    int failed = 0;
    int extras = 0;
    List<String> report = new ArrayList<>();
    for (String folder : hostOfFolder.keySet().stream().sorted().toList()) {
      Path expectedFile = root.resolve(folder).resolve("expected.json");
      if (!Files.exists(expectedFile)) {
        continue;
      }
      String host = hostOfFolder.get(folder);
      String pageUrl = "http://" + host + "/";
      Detection detection = new PostListDetector().detect(load(root.resolve(folder).resolve("index.html")), pageUrl);
      Map<String, ParsedEntry> found = new HashMap<>();
      for (ParsedEntry e : detection.posts()) {
        ParsedEntry full = e;
        if (PostPageReader.needsPostPage(e)) {
          String html = pageFor(e.url());
          if (html != null) {
            full = PostPageReader.fillGaps(e, PostPageReader.read(html, e.url()));
          }
        }
        found.put(urlKey(full.url()), full);
      }
      JsonNode expected = new ObjectMapper().readTree(load(expectedFile));
      int sitePassed = 0;
      int siteFailed = 0;
      List<String> matched = new ArrayList<>();
      for (JsonNode post : expected.get("posts")) {
        String url = URI.create(pageUrl).resolve(post.get("url").asText()).toString();
        ParsedEntry e = found.get(urlKey(url));
        if (e == null) {
          siteFailed += 4;
          report.add(folder + " missing " + url);
          continue;
        }
        matched.add(urlKey(url));
        sitePassed++;
        String title = post.get("title").asText();
        if (title.equals(norm(e.title()))) {
          sitePassed++;
        } else {
          siteFailed++;
          report.add(folder + " title " + url + ": " + e.title() + " != " + title);
        }
        JsonNode date = post.get("date");
        boolean dateOk =
            date == null || date.isNull()
                ? e.published() == null
                : e.published() != null && e.published().iso().startsWith(date.asText());
        if (dateOk) {
          sitePassed++;
        } else {
          siteFailed++;
          report.add(folder + " date " + url + ": " + (e.published() == null ? null : e.published().iso()) + " != " + date);
        }
        JsonNode summary = post.get("summary_starts_with");
        boolean summaryOk =
            summary == null || summary.isNull()
                || (e.summaryHtml() != null && norm(e.summaryHtml()).startsWith(norm(summary.asText())));
        if (summaryOk) {
          sitePassed++;
        } else {
          siteFailed++;
          report.add(folder + " summary " + url + ": " + e.summaryHtml() + " !~ " + summary);
        }
      }
      int siteExtras = 0;
      for (String key : found.keySet()) {
        if (!matched.contains(key)) {
          siteExtras++;
          report.add(folder + " extra " + key);
        }
      }
      System.out.printf("%s (%s): passed %d, failed %d, extra %d, method %s%n",
          folder, host, sitePassed, siteFailed, siteExtras, detection.method());
      passed += sitePassed;
      failed += siteFailed;
      extras += siteExtras;
    }
    report.forEach(System.out::println);
    System.out.printf("total: passed %d, failed %d, extra %d%n", passed, failed, extras);
    assertThat(extras).isZero();
    assertThat((double) passed / (passed + failed)).isGreaterThanOrEqualTo(0.95);
  }
}
