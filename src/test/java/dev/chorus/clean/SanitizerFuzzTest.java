package dev.chorus.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Seeded random tag soup and mutated corpus texts through the sanitiser: every output must be safe
 * (as SanitizeCorpusTest checks), balanced, and stay in its place when a browser's parser (jsoup)
 * reads it inside a page: in a div, a table cell, a list item and a dd, nothing after it may move.
 */
class SanitizerFuzzTest {

  /** Every element the tag balancer knows, some it does not, and HTML's odd ones. */
  private static final String[] NAMES =
      ("a abbr acronym address applet area article aside audio b base basefont bb bdi bdo"
              + " bgsound big blink blockquote body br button canvas caption center cite code col"
              + " colgroup command content data datagrid datalist dd del details dfn dialog dir"
              + " div dl dt element em embed fieldset figcaption figure font footer form frame"
              + " frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins"
              + " isindex kbd keygen label legend li link listing main map mark marquee menu"
              + " menuitem meta meter multicol nav nobr noembed noframes noscript object ol"
              + " optgroup option output p param picture plaintext pre progress q rp rt rtc ruby"
              + " s samp script section select shadow slot small source spacer span strike strong"
              + " style sub summary sup table tbody td template textarea tfoot th thead time title"
              + " tr track tt u ul var video wbr xmp svg math foo o:p comment image")
          .split(" ");

  /** The elements feeds use most, drawn more often. */
  private static final String[] COMMON =
      ("p b i em strong a span div ul ol li table tr td th tbody thead caption colgroup col dl dt"
              + " dd h1 h2 pre code blockquote br img hr figure figcaption section font u s q"
              + " iframe object noscript script style select option")
          .split(" ");

  private static final String[] ATTRIBUTES = {
    " href=\"/l\"",
    " href=\"javascript:alert(1)\"",
    " src=\"i.png\"",
    " src=\"https://www.youtube.com/embed/v\"",
    " title=\"t\"",
    " onclick=\"alert(1)\"",
    " style=\"x:expression(alert(1))\"",
    " alt",
    " colspan=2",
    " title='\"><script>alert(1)</script>'",
  };

  private static final String[] SNIPPETS = {
    "<script>alert(1)</script>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "&#x0;",
    "\u0000",
    "<iframe src=javascript:alert(1)>",
    "<svg onload=alert(1)>",
    "<style>",
    "</style>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "&#106;avascript:",
    "<img src=x onerror=alert(1)>",
    "<p>",
    "</p>",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "<li>",
    "</ul>",
    "\"",
    "'",
    "<",
    ">",
    "&",
    "<a href=x>",
    "</a>",
    "<object>",
    "<noscript>",
    "<title>",
    "<textarea>",
    "<xmp>",
    "<plaintext>",
    "</ x>",
    "<%",
    "{{",
    "\uD83D\uDE00",
    "\uD800",
    "<br/>",
    "<img src=a.png alt>",
    "<h1>",
    "<dd>",
  };

  private static final Set<String> VOID = Set.of("br", "img", "hr", "col");
  private static final Pattern TAG = Pattern.compile("<(/?)([a-z0-9]+)[^>]*>");

  private final HtmlCleaner cleaner = new HtmlCleaner();

  @Test
  void randomTagSoupComesOutSafeBalancedAndInItsPlace() {
    Random random = new Random(0xC0FFEE);
    List<String> problems = new ArrayList<>();
    int sameAsOwasp = 0;
    int runs = 3_000;
    for (int run = 0; run < runs; run++) {
      StringBuilder in = new StringBuilder();
      for (int t = 1 + random.nextInt(30); t > 0; t--) {
        String name =
            random.nextInt(3) == 0
                ? NAMES[random.nextInt(NAMES.length)]
                : COMMON[random.nextInt(COMMON.length)];
        switch (random.nextInt(6)) {
          case 0, 1 -> {
            in.append('<').append(random.nextInt(5) == 0 ? name.toUpperCase(Locale.ROOT) : name);
            for (int a = random.nextInt(3); a > 0; a--) {
              in.append(ATTRIBUTES[random.nextInt(ATTRIBUTES.length)]);
            }
            in.append('>');
          }
          case 2 -> in.append("</").append(name).append('>');
          case 3 -> in.append(SNIPPETS[random.nextInt(SNIPPETS.length)]);
          default -> in.append("w").append(t).append(random.nextBoolean() ? " " : "\n");
        }
      }
      String html = in.toString();
      String out = check(html, problems);
      if (out.equals(SanitizerDifferentialTest.owasp(html, "https://blog.example.com/"))) {
        sameAsOwasp++;
      }
    }
    System.out.printf(
        "Random tag soup: %d inputs, %d problems, %d byte-identical to OWASP's%n",
        runs, problems.size(), sameAsOwasp);
    assertThat(problems).isEmpty();
  }

  @Test
  void mutatedCorpusTextsComeOutSafeBalancedAndInTheirPlace() throws Exception {
    List<String> texts = new ArrayList<>();
    for (SanitizerDifferentialTest.Input i : SanitizerDifferentialTest.corpusTexts("sanitize")) {
      texts.add(i.html());
    }
    Random random = new Random(0xFEED);
    List<String> problems = new ArrayList<>();
    int runs = 3_000;
    for (int run = 0; run < runs; run++) {
      String html = texts.get(random.nextInt(texts.size()));
      for (int m = 1 + random.nextInt(3); m > 0; m--) {
        int at = html.isEmpty() ? 0 : random.nextInt(html.length());
        html =
            switch (random.nextInt(4)) {
              case 0 -> html.substring(0, at);
              case 1 ->
                  html.substring(0, at)
                      + SNIPPETS[random.nextInt(SNIPPETS.length)]
                      + html.substring(at);
              case 2 -> {
                String other = texts.get(random.nextInt(texts.size()));
                yield html.substring(0, at) + other.substring(random.nextInt(other.length()));
              }
              default ->
                  html.substring(0, at)
                      + html.substring(Math.min(html.length(), at + random.nextInt(20)));
            };
      }
      check(html, problems);
    }
    System.out.printf("Mutated corpus texts: %d inputs, %d problems%n", runs, problems.size());
    assertThat(problems).isEmpty();
  }

  @Test
  void theChecksCatchWhatTheyShould() {
    // what the OWASP sanitizer wrote for <u><td>x</td></u> ends the page's cell
    assertThat(escapes("<u></u><td><u>x</u></td>")).isEqualTo("out of a table cell");
    assertThat(escapes("<dd>x</dd>")).isEqualTo("out of a dd");
    assertThat(escapes("<li>x</li>")).isEqualTo("out of a list item");
    assertThat(escapes("</div>x")).isEqualTo("out of a div");
    assertThat(escapes("<table><tbody><tr><td>x</td></tr></tbody></table>")).isNull();
    assertThat(unbalanced("<b><i>x</b></i>")).isEqualTo("end tag b");
    assertThat(unbalanced("<br></br>")).isEqualTo("end tag br");
    assertThat(unbalanced("<p><b>x</b>")).isEqualTo("unclosed [p]");
    assertThat(unbalanced("<p><b>x</b><br /></p>")).isNull();
  }

  /** Sanitises html and adds what is wrong with the output to problems; returns the output. */
  private String check(String html, List<String> problems) {
    String out = cleaner.sanitize(html, "https://blog.example.com/");
    String problem = SanitizeCorpusTest.problem(out);
    if (problem == null) {
      problem = unbalanced(out);
    }
    if (problem == null) {
      problem = escapes(out);
    }
    if (problem != null && problems.size() < 20) {
      problems.add(problem + " in " + out + " from " + html);
    }
    return out;
  }

  /** What is unbalanced in the tags of out, or null. */
  static String unbalanced(String out) {
    Deque<String> open = new ArrayDeque<>();
    Matcher tag = TAG.matcher(out);
    while (tag.find()) {
      String name = tag.group(2);
      if (tag.group(1).isEmpty()) {
        if (!VOID.contains(name)) {
          open.push(name);
        }
      } else if (VOID.contains(name) || !name.equals(open.poll())) {
        return "end tag " + name;
      }
    }
    return open.isEmpty() ? null : "unclosed " + open;
  }

  /** Where out, read by jsoup inside a page, moves what the page has after it; or null. */
  static String escapes(String out) {
    Document d = parse("<div id=slot>" + out + "</div><p id=next>n</p>");
    if (!siblings(d, "slot", "next") || !d.body().equals(d.getElementById("slot").parent())) {
      return "out of a div";
    }
    d =
        parse(
            "<table><tbody><tr><td id=slot>"
                + out
                + "</td><td id=next>n</td></tr>"
                + "<tr id=row><td>r</td></tr></tbody></table><p id=after>a</p>");
    if (!siblings(d, "slot", "next")
        || d.getElementById("row") == null
        || !d.getElementById("slot").parent().parent().equals(d.getElementById("row").parent())
        || !d.body().equals(d.getElementById("after").parent())) {
      return "out of a table cell";
    }
    d = parse("<ul><li id=slot>" + out + "</li><li id=next>n</li></ul><p id=after>a</p>");
    if (!siblings(d, "slot", "next") || !d.body().equals(d.getElementById("after").parent())) {
      return "out of a list item";
    }
    d = parse("<dl><dd id=slot>" + out + "</dd><dd id=next>n</dd></dl><p id=after>a</p>");
    if (!siblings(d, "slot", "next") || !d.body().equals(d.getElementById("after").parent())) {
      return "out of a dd";
    }
    return null;
  }

  private static Document parse(String body) {
    return Jsoup.parse("<!DOCTYPE html><html><body>" + body + "</body></html>");
  }

  /**
   * Whether the element next directly follows slot (jsoup's nodes are equal only to themselves).
   */
  private static boolean siblings(Document d, String slot, String next) {
    Element s = d.getElementById(slot);
    Element n = d.getElementById(next);
    return s != null && n != null && n.equals(s.nextSibling()); // same parent, no node between
  }
}
