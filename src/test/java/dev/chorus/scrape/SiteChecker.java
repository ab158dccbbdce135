package dev.chorus.scrape;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the detector and the post-page reader over a folder of copied sites (the layout of the
 * shared fixture sites: one folder per origin, {@code %%NAME%%} host placeholders, an expected.json
 * per blog), the way acceptance does, without a network: post pages are read from the copied files.
 * Counts the same checks as acceptance: found, title, date prefix, summary prefix per expected
 * post, and one failure per extra entry.
 */
final class SiteChecker {

  /** The outcome over all sites. */
  record Result(int passed, int failed, int extras, int ruleMismatches, List<String> report) {
    double ratio() {
      return passed + failed == 0 ? 0 : (double) passed / (passed + failed);
    }
  }

  private final Path root;
  private final java.util.function.UnaryOperator<String> reskin;
  private final Map<String, String> hostOfFolder = new LinkedHashMap<>();
  private final Map<String, String> folderOfHost = new HashMap<>();

  SiteChecker(String resource) throws Exception {
    this(resource, html -> html);
  }

  /** As {@link #SiteChecker(String)}, with every list page rewritten by {@code reskin} first. */
  SiteChecker(String resource, java.util.function.UnaryOperator<String> reskin) throws Exception {
    this.reskin = reskin;
    root = Path.of(SiteChecker.class.getResource(resource).toURI());
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

  /**
   * The page with every class name replaced by a hash (as CSS modules do), list and card tags
   * swapped ({@code li/ul/ol -> div}, {@code article -> section}, {@code h2 -> h3}): what is left
   * is structure, not naming.
   */
  static String hashClassesAndSwapTags(String html) {
    var classes =
        java.util.regex.Pattern.compile("class=([\"'])(.*?)\\1", java.util.regex.Pattern.DOTALL);
    String out =
        classes
            .matcher(html)
            .replaceAll(
                m -> {
                  StringBuilder sb = new StringBuilder();
                  for (String token : m.group(2).trim().split("\\s+")) {
                    if (!token.isEmpty()) {
                      sb.append(sb.length() > 0 ? " " : "")
                          .append(String.format("k%05x", token.hashCode() & 0xfffff));
                    }
                  }
                  return java.util.regex.Matcher.quoteReplacement(
                      "class=" + m.group(1) + sb + m.group(1));
                });
    int body = Math.max(0, out.indexOf("<body"));
    String head = out.substring(0, body);
    String rest = out.substring(body);
    String[][] swaps = {
      {"li", "div"}, {"ul", "div"}, {"ol", "div"}, {"article", "section"}, {"h2", "h3"}
    };
    for (String[] sw : swaps) {
      rest = rest.replaceAll("<(/?)" + sw[0] + "\\b", "<$1" + sw[1]);
    }
    return head + rest;
  }

  private static String norm(String s) {
    return s == null ? null : s.replaceAll("\\s+", " ").trim();
  }

  private static String urlKey(String url) {
    return url == null ? "" : url.replaceAll("/+$", "");
  }

  Result run() throws Exception {
    int passed = 0;
    int failed = 0;
    int extras = 0;
    int ruleMismatches = 0;
    List<String> report = new ArrayList<>();
    for (String folder : hostOfFolder.keySet()) {
      Path expectedFile = root.resolve(folder).resolve("expected.json");
      if (!Files.exists(expectedFile)) {
        continue;
      }
      String host = hostOfFolder.get(folder);
      String pageUrl = "http://" + host + "/";
      String html = reskin.apply(load(root.resolve(folder).resolve("index.html")));
      Detection detection = new PostListDetector().detect(html, pageUrl);
      Map<String, ParsedEntry> found = new LinkedHashMap<>();
      for (ParsedEntry e : detection.posts()) {
        ParsedEntry full = e;
        if (PostPageReader.needsPostPage(e)) {
          String page = pageFor(e.url());
          if (page != null) {
            full = PostPageReader.fillGaps(e, PostPageReader.read(page, e.url()));
          }
        }
        found.put(urlKey(full.url()), full);
      }
      if ("detected".equals(detection.method()) && detection.rule() != null) {
        List<String> again =
            SelectorScraper.apply(detection.rule(), html, pageUrl).stream()
                .map(p -> urlKey(p.url()))
                .sorted()
                .toList();
        List<String> direct =
            detection.posts().stream().map(p -> urlKey(p.url())).sorted().toList();
        if (!again.equals(direct)) {
          ruleMismatches++;
          report.add(
              folder
                  + " rule "
                  + detection.rule()
                  + " selects "
                  + again.size()
                  + " posts, not "
                  + direct.size());
        }
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
            (date == null || date.isNull())
                ? e.published() == null
                : e.published() != null && e.published().iso().startsWith(date.asText());
        if (dateOk) {
          sitePassed++;
        } else {
          siteFailed++;
          report.add(
              folder
                  + " date "
                  + url
                  + ": "
                  + (e.published() == null ? null : e.published().iso())
                  + " != "
                  + date);
        }
        JsonNode summary = post.get("summary_starts_with");
        boolean summaryOk =
            summary == null
                || summary.isNull()
                || (e.summaryHtml() != null
                    && norm(e.summaryHtml()).startsWith(norm(summary.asText())));
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
          siteFailed++;
          report.add(folder + " extra " + key);
        }
      }
      System.out.printf(
          "%s (%s): passed %d, failed %d, extra %d, method %s, rule %s%n",
          folder, host, sitePassed, siteFailed, siteExtras, detection.method(), detection.rule());
      passed += sitePassed;
      failed += siteFailed;
      extras += siteExtras;
    }
    report.forEach(System.out::println);
    System.out.printf(
        "total: passed %d, failed %d, extra %d, rule mismatches %d%n",
        passed, failed, extras, ruleMismatches);
    return new Result(passed, failed, extras, ruleMismatches, report);
  }
}
