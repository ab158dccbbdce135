package dev.chorus.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * Feeds every HTML-carrying text of feedparser's sanitize corpus through HtmlCleaner and checks
 * that nothing dangerous survives. Texts are read with a plain regex reader, not FeedParser.
 */
class SanitizeCorpusTest {

  private static final Set<String> ALLOWED_TAGS =
      Set.of(
          "p",
          "br",
          "a",
          "img",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "ul",
          "ol",
          "li",
          "blockquote",
          "pre",
          "code",
          "em",
          "strong",
          "b",
          "i",
          "u",
          "s",
          "sub",
          "sup",
          "table",
          "thead",
          "tbody",
          "tfoot",
          "tr",
          "th",
          "td",
          "caption",
          "colgroup",
          "col",
          "figure",
          "figcaption",
          "hr",
          "dl",
          "dt",
          "dd",
          "abbr",
          "cite",
          "q",
          "span",
          "div",
          "iframe");
  private static final Set<String> URL_ATTRIBUTES =
      Set.of("href", "src", "srcset", "cite", "poster");
  private static final Set<String> VIDEO_HOSTS =
      Set.of(
          "www.youtube.com",
          "youtube.com",
          "www.youtube-nocookie.com",
          "youtube-nocookie.com",
          "player.vimeo.com");
  private static final Pattern ELEMENT =
      Pattern.compile("(?s)<([\\w.:-]+)(?:\\s[^>]*)?>(.*?)</\\1\\s*>");
  private static final Pattern CDATA = Pattern.compile("(?s)<!\\[CDATA\\[(.*?)]]>");
  private static final Pattern DANGEROUS_TAG =
      Pattern.compile(
          "(?i)<\\s*/?\\s*(script|style|base|meta|form|object|embed|svg|math|link|applet|frame|"
              + "frameset|input|button|textarea|select|xml|xss|bgsound|layer|ilayer|html|body|head)\\b");
  private static final Pattern INSIDE_TAG_BAD =
      Pattern.compile(
          "(?i)<[^>]*(\\son\\w+\\s*=|style\\s*=|expression\\s*\\(|url\\s*\\(|javascript:|vbscript:|"
              + "livescript:|data:)");

  private final HtmlCleaner cleaner = new HtmlCleaner();

  /**
   * The search index reads sanitised HTML with a one-pass tag stripper, not a parser: over every
   * sanitised text of the corpus it must see the same characters as a full HTML parse does.
   */
  @Test
  void indexTextOfEverySanitisedTextMatchesAParsersText() throws IOException, URISyntaxException {
    List<String> failures = new ArrayList<>();
    int texts =
        forEachSanitised(
            (file, out) -> {
              String fast = PlainText.ofSanitized(out).replaceAll("\\s+", "");
              String parsed = Jsoup.parseBodyFragment(out).body().text().replaceAll("\\s+", "");
              if (!fast.equals(parsed)) {
                failures.add(file + ": " + fast + " <> " + parsed);
              }
            });
    assertThat(texts).isGreaterThan(1000);
    assertThat(failures).isEmpty();
  }

  /** Sanitises every HTML text of the corpus; returns how many. */
  private int forEachSanitised(java.util.function.BiConsumer<Path, String> check)
      throws IOException, URISyntaxException {
    Path dir = corpusDir();
    int texts = 0;
    for (Path file : corpusFiles()) {
      String xml = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      for (String html : htmlTexts(xml)) {
        texts++;
        check.accept(dir.relativize(file), cleaner.sanitize(html, "http://example.com/feed/"));
      }
    }
    return texts;
  }

  private Path corpusDir() throws URISyntaxException {
    return Path.of(getClass().getResource("/feedparser/tests/wellformed/sanitize").toURI());
  }

  /** The corpus's feed files, each a sanitize case. */
  private List<Path> corpusFiles() throws IOException, URISyntaxException {
    try (Stream<Path> s = Files.list(corpusDir())) {
      return s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    }
  }

  @Test
  void nothingDangerousSurvivesAnySanitizeCase() throws IOException, URISyntaxException {
    List<String> failures = new ArrayList<>();
    int texts =
        forEachSanitised(
            (file, out) -> {
              String problem = problem(out);
              if (problem != null) {
                failures.add(file + ": " + problem + " in " + out);
              }
            });
    int cases = corpusFiles().size();
    System.out.println(
        "Sanitize corpus: "
            + cases
            + " cases, "
            + texts
            + " texts sanitised, "
            + failures.size()
            + " with something dangerous left");
    assertThat(cases).isGreaterThanOrEqualTo(700);
    assertThat(failures).isEmpty();
  }

  /** The raw and the entity-decoded inner text of every element, and every CDATA section. */
  static Set<String> htmlTexts(String xml) {
    Set<String> out = new LinkedHashSet<>();
    Matcher cdata = CDATA.matcher(xml);
    while (cdata.find()) {
      out.add(cdata.group(1));
    }
    String body = xml.replaceFirst("(?s)^\\s*<!--.*?-->", "");
    collect(body, out, 0);
    out.removeIf(String::isBlank);
    return out;
  }

  private static void collect(String xml, Set<String> out, int depth) {
    if (depth > 6) {
      return;
    }
    Matcher m = ELEMENT.matcher(xml);
    while (m.find()) {
      String inner = m.group(2);
      out.add(inner);
      out.add(Parser.unescapeEntities(CDATA.matcher(inner).replaceAll("$1"), false));
      if (inner.contains("<")) {
        collect(inner, out, depth + 1);
      }
    }
  }

  /** What dangerous thing the sanitised output still holds, or null. */
  static String problem(String out) {
    if (DANGEROUS_TAG.matcher(out).find()) {
      return "dangerous tag";
    }
    if (INSIDE_TAG_BAD.matcher(out).find()) {
      return "dangerous attribute text";
    }
    for (Element el : Jsoup.parseBodyFragment(out).body().getAllElements()) {
      if (el.tagName().equals("body")) {
        continue;
      }
      if (!ALLOWED_TAGS.contains(el.tagName())) {
        return "tag " + el.tagName();
      }
      for (Attribute a : el.attributes()) {
        String name = a.getKey().toLowerCase(Locale.ROOT);
        if (name.startsWith("on")
            || name.equals("style")
            || name.equals("class")
            || name.equals("id")) {
          return "attribute " + name;
        }
        if (URL_ATTRIBUTES.contains(name)) {
          for (String url :
              name.equals("srcset") ? a.getValue().split(",") : new String[] {a.getValue()}) {
            String u = url.trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
            boolean ok =
                u.startsWith("http://")
                    || u.startsWith("https://")
                    || (name.equals("href") && u.startsWith("mailto:"));
            if (!ok) {
              return "URL " + u;
            }
          }
        }
      }
      if (el.tagName().equals("iframe")) {
        String src = el.attr("src");
        String host = src.startsWith("https://") ? URI.create(src).getHost() : null;
        if (host == null || !VIDEO_HOSTS.contains(host)) {
          return "iframe from " + src;
        }
      }
    }
    return null;
  }

  @Test
  void theCheckerCatchesWhatItShould() {
    assertThat(problem("<script>x</script>")).isNotNull();
    assertThat(problem("<a href=\"javascript:x\">a</a>")).isNotNull();
    assertThat(problem("<a href=\"jav&#x09;ascript:x\">a</a>")).isNotNull();
    assertThat(problem("<p onclick=\"x\">a</p>")).isNotNull();
    assertThat(problem("<iframe src=\"https://evil.example/\"></iframe>")).isNotNull();
    assertThat(problem("<p>fine <a href=\"https://x.example/\">x</a></p>")).isNull();
  }
}
