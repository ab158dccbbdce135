package dev.chorus.bench;

import java.util.Locale;
import java.util.SplittableRandom;

/** Vocabulary and prose for generated posts: Zipf-ish words, sentences and HTML articles. */
final class Words {
  private Words() {}

  static final String[] TLDS = {"com", "net", "org", "dev", "io", "blog", "me", "co.uk", "de"};
  static final String[] FIRST = {
    "Ada", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis", "Frances", "Edsger", "Radia",
    "Leslie", "Hedy", "Alan", "Katherine", "Donald", "Sophie", "Niklaus", "Annie", "Tim", "Jean",
    "Zoë", "José", "Björn", "Chloé", "Łukasz", "Ngozi", "Hiroshi", "Priya", "Mateo", "Aoife"
  };
  static final String[] LAST = {
    "Lovelace",
    "Hopper",
    "Torvalds",
    "Liskov",
    "Thompson",
    "Hamilton",
    "Ritchie",
    "Allen",
    "Dijkstra",
    "Perlman",
    "Lamport",
    "Lamarr",
    "Kay",
    "Johnson",
    "Knuth",
    "Wilson",
    "Wirth",
    "Easley",
    "Berners-Lee",
    "Sammet",
    "O'Brien",
    "Müller",
    "García",
    "Nakamura",
    "Okafor",
    "Singh"
  };

  /** Common words first: picks favour the start of the list. */
  static final String[] VOCAB =
      ("the of and to a in is it that for on with as was this be by are not at or from but have an"
              + " they which one you all were her can there has been if more when will would who so no"
              + " code system data time people work way first new make like just over also after use two"
              + " how our well only because most even these any through where much those good should"
              + " write read build test design change small simple problem question answer reason idea"
              + " program memory cache queue thread process server client request response latency"
              + " throughput database index query table schema migration transaction commit branch merge"
              + " release version library framework compiler parser language type function method class"
              + " interface module package dependency container cluster network protocol socket packet"
              + " browser editor terminal keyboard garden coffee bicycle mountain river autumn winter"
              + " spring summer weekend morning evening kitchen bread recipe music guitar piano novel"
              + " chapter essay letter journal notebook pencil camera photograph window garden teacher"
              + " student lesson history future past present market economy policy climate energy"
              + " battery solar engine vehicle railway station airport harbour island village city"
              + " neighbourhood community volunteer meeting project deadline estimate budget planning"
              + " refactoring abstraction invariant concurrency backpressure idempotent eventual"
              + " consistency observability telemetry benchmark profiler allocation garbage collector"
              + " heuristic algorithm recursion iteration closure monad functor generic template macro"
              + " kubernetes postgres sqlite rust java kotlin haskell erlang elixir python javascript"
              + " typescript webassembly linux freebsd emacs vim tmux zsh git mercurial make bazel gradle"
              + " maven cargo npm docker nginx caddy varnish redis kafka rabbitmq zookeeper etcd raft paxos"
              + " serendipity quixotic ephemeral labyrinth meridian halcyon petrichor sonder vellichor"
              + " apricity hiraeth lagom hygge wabi sabi kaizen ikigai")
          .split(" ");

  private static final String[] CODE = {
    "for (int i = 0; i < n; i++) {",
    "  if (queue.size() >= limit) return false;",
    "}",
    "let total = items.iter().map(|x| x.len()).sum::<usize>();",
    "SELECT id, title FROM entries WHERE sort_at < ? ORDER BY sort_at DESC LIMIT 30;",
    "def handler(request):",
    "    return Response(status=304)",
    "x := <-ch // wait & see",
    "if a < b && b > c { swap(&a, &c) }",
    "git rebase -i HEAD~3"
  };

  private static final String[] SYLLABLES = {
    "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "da", "fe", "gu", "ha", "jo", "ki", "lu",
    "ma", "no", "pe", "qui", "ra", "si", "tu", "va", "wo", "xe", "yo", "zu", "bri", "dro"
  };

  /** How many distinct rare words there are. */
  static final int RARE_WORDS = SYLLABLES.length * SYLLABLES.length * SYLLABLES.length;

  /** Rare word number {@code i}: names, jargon, the long tail of a real vocabulary. */
  static String rare(int i) {
    int n = SYLLABLES.length;
    return SYLLABLES[i % n] + SYLLABLES[i / n % n] + SYLLABLES[i / n / n % n] + "n";
  }

  static String pick(SplittableRandom r) {
    double u = r.nextDouble();
    return VOCAB[(int) (VOCAB.length * u * u * u)];
  }

  static String capital(String w) {
    return w.isEmpty() ? w : w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
  }

  static String sentence(SplittableRandom r, int words, boolean period) {
    StringBuilder sb = new StringBuilder(words * 7);
    for (int i = 0; i < words; i++) {
      String w =
          r.nextInt(12) == 0 ? rare((int) (RARE_WORDS * Math.pow(r.nextDouble(), 2))) : pick(r);
      sb.append(i == 0 ? capital(w) : w);
      if (i < words - 1) {
        sb.append(r.nextInt(14) == 0 ? ", " : " ");
      }
    }
    if (period) {
      sb.append(r.nextInt(8) == 0 ? "?" : ".");
    }
    return sb.toString();
  }

  /** An HTML article of about {@code chars} characters with the markup blogs really use. */
  static String article(SplittableRandom r, int chars, String host) {
    StringBuilder sb = new StringBuilder(chars + 512);
    paragraph(sb, r, host);
    while (sb.length() < chars) {
      switch (r.nextInt(12)) {
        case 0 ->
            sb.append("<h2 id=\"s")
                .append(sb.length())
                .append("\">")
                .append(sentence(r, 3 + r.nextInt(4), false))
                .append("</h2>\n");
        case 1 -> {
          sb.append("<ul>\n");
          for (int i = 0, n = 2 + r.nextInt(4); i < n; i++) {
            sb.append("  <li>").append(sentence(r, 4 + r.nextInt(10), false)).append("</li>\n");
          }
          sb.append("</ul>\n");
        }
        case 2 -> {
          sb.append("<pre><code class=\"language-java\">");
          for (int i = 0, n = 2 + r.nextInt(6); i < n; i++) {
            sb.append(FeedFarm.xml(CODE[r.nextInt(CODE.length)])).append('\n');
          }
          sb.append("</code></pre>\n");
        }
        case 3 ->
            sb.append("<blockquote><p>")
                .append(sentence(r, 12 + r.nextInt(20), true))
                .append("</p></blockquote>\n");
        case 4 ->
            sb.append("<figure><img src=\"https://")
                .append(host)
                .append("/images/")
                .append(r.nextInt(100_000))
                .append(".jpg\" alt=\"")
                .append(sentence(r, 4, false))
                .append("\" width=\"800\" height=\"")
                .append(300 + r.nextInt(400))
                .append("\" loading=\"lazy\"><figcaption>")
                .append(sentence(r, 6, false))
                .append("</figcaption></figure>\n");
        default -> paragraph(sb, r, host);
      }
    }
    return sb.toString();
  }

  private static void paragraph(StringBuilder sb, SplittableRandom r, String host) {
    sb.append("<p>");
    for (int s = 0, n = 2 + r.nextInt(5); s < n; s++) {
      String text = sentence(r, 8 + r.nextInt(18), true);
      switch (r.nextInt(9)) {
        case 0 ->
            sb.append("<a href=\"https://")
                .append(r.nextInt(3) == 0 ? host : "example.org")
                .append("/")
                .append(pick(r))
                .append("/")
                .append(r.nextInt(1000))
                .append("\">")
                .append(text)
                .append("</a>");
        case 1 -> sb.append("<em>").append(text).append("</em>");
        case 2 -> sb.append("<strong>").append(text).append("</strong>");
        case 3 ->
            sb.append(text, 0, text.length() - 1)
                .append(" &mdash; it&#8217;s <code>")
                .append(pick(r))
                .append("()</code> &amp; more.");
        case 4 -> sb.append(text).append("&nbsp;&hellip;");
        default -> sb.append(text);
      }
      sb.append(' ');
    }
    sb.append("</p>\n");
  }
}
