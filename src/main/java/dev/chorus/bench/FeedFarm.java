package dev.chorus.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * N deterministic, realistic blog feeds in memory: RSS 2.0 and Atom 1.0 mixed, 10–50 entries and
 * 18–230 KB each, with HTML content, {@code content:encoded}, {@code dc:creator}, CDATA and
 * entities. The same seed and index always give the same bytes.
 */
public final class FeedFarm {
  static final int MIN_BYTES = 18 * 1024;
  static final int MAX_BYTES = 230 * 1024;
  static final Instant BASE = Instant.parse("2025-06-01T12:00:00Z");
  private static final DateTimeFormatter RFC_822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final int[] INTERVAL_DAYS = {1, 2, 3, 5, 7, 7, 14, 14, 30, 60};

  /**
   * One generated feed.
   *
   * @param index its number in the farm
   * @param atom true for Atom 1.0, false for RSS 2.0
   * @param body the document
   * @param gzip the document gzipped
   * @param etag a strong validator, or null when the feed's server sends none
   * @param lastModified the newest entry's date as an HTTP date
   * @param entries how many entries it holds
   */
  public record Feed(
      int index,
      boolean atom,
      byte[] body,
      byte[] gzip,
      String etag,
      String lastModified,
      int entries) {

    public String contentType() {
      return atom ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8";
    }

    public String path() {
      return "/feeds/" + index + (atom ? ".atom" : ".xml");
    }
  }

  private final List<Feed> feeds;

  private FeedFarm(List<Feed> feeds) {
    this.feeds = feeds;
  }

  /** Generates {@code count} feeds (in parallel; the output does not depend on it). */
  public static FeedFarm generate(int count, long seed) {
    return new FeedFarm(IntStream.range(0, count).parallel().mapToObj(i -> feed(i, seed)).toList());
  }

  public List<Feed> feeds() {
    return feeds;
  }

  public long totalBytes() {
    return feeds.stream().mapToLong(f -> f.body().length).sum();
  }

  public long totalGzipBytes() {
    return feeds.stream().mapToLong(f -> f.gzip().length).sum();
  }

  public int totalEntries() {
    return feeds.stream().mapToInt(Feed::entries).sum();
  }

  static Feed feed(int index, long seed) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + index);
    boolean atom = r.nextInt(5) < 2;
    int target =
        (int)
            Math.exp(
                Math.log(MIN_BYTES) + r.nextDouble() * Math.log((double) MAX_BYTES / MIN_BYTES));
    int entries = Math.max(10, Math.min(10 + r.nextInt(41), target / 1400));
    int perEntry = (target - 1200) / entries - 900;
    Duration every = Duration.ofDays(INTERVAL_DAYS[r.nextInt(INTERVAL_DAYS.length)]);
    Instant newest = BASE.minus(Duration.ofHours(r.nextInt(72)));
    Blog blog = new Blog(index, r, atom);
    StringBuilder sb = new StringBuilder(target + 4096);
    blog.head(sb, newest);
    for (int k = 0; k < entries; k++) {
      Instant at = newest.minus(every.multipliedBy(k)).minus(Duration.ofMinutes(r.nextInt(600)));
      blog.entry(
          sb, k, at, Math.max(300, perEntry + r.nextInt(Math.max(1, perEntry / 3)) - perEntry / 6));
    }
    blog.tail(sb);
    byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
    String etag = r.nextInt(5) == 0 ? null : "\"" + digest(body) + "\"";
    return new Feed(index, atom, body, gzip(body), etag, RFC_1123.format(newest), entries);
  }

  private static String digest(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3);
    try (GZIPOutputStream gz =
        new GZIPOutputStream(out, 8192) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        }) {
      gz.write(body);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /** Writes one blog's feed: its author, host and habits. */
  private static final class Blog {
    private final int index;
    private final SplittableRandom r;
    private final boolean atom;
    private final String host;
    private final String author;
    private final String title;
    private final boolean cdata;
    private final boolean sloppy;

    Blog(int index, SplittableRandom r, boolean atom) {
      this.index = index;
      this.r = r;
      this.atom = atom;
      this.host = "blog-" + index + "." + Words.TLDS[r.nextInt(Words.TLDS.length)];
      this.author =
          Words.FIRST[r.nextInt(Words.FIRST.length)]
              + " "
              + Words.LAST[r.nextInt(Words.LAST.length)];
      this.title =
          Words.capital(Words.pick(r)) + " & " + Words.capital(Words.pick(r)) + " — " + author;
      this.cdata = r.nextInt(4) != 0;
      this.sloppy = r.nextInt(20) == 0;
    }

    void head(StringBuilder sb, Instant newest) {
      sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
      if (atom) {
        sb.append("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n")
            .append("  <title type=\"text\">")
            .append(xml(title))
            .append("</title>\n")
            .append("  <subtitle>Notes on ")
            .append(Words.pick(r))
            .append(" and ")
            .append(Words.pick(r))
            .append("</subtitle>\n")
            .append("  <link rel=\"alternate\" type=\"text/html\" href=\"https://")
            .append(host)
            .append("/\"/>\n")
            .append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"https://")
            .append(host)
            .append("/feed.atom\"/>\n")
            .append("  <id>tag:")
            .append(host)
            .append(",2009:/</id>\n")
            .append("  <updated>")
            .append(newest)
            .append("</updated>\n")
            .append("  <author><name>")
            .append(xml(author))
            .append("</name></author>\n")
            .append("  <generator uri=\"https://gohugo.io/\" version=\"0.121\">Hugo</generator>\n");
      } else {
        sb.append("<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"")
            .append(" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"")
            .append(" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n")
            .append("  <title>")
            .append(xml(title))
            .append("</title>\n")
            .append("  <link>https://")
            .append(host)
            .append("/</link>\n")
            .append("  <atom:link href=\"https://")
            .append(host)
            .append("/feed/\" rel=\"self\" type=\"application/rss+xml\"/>\n")
            .append("  <description>Notes on ")
            .append(Words.pick(r))
            .append(" &amp; ")
            .append(Words.pick(r))
            .append("</description>\n")
            .append("  <language>en-US</language>\n")
            .append("  <lastBuildDate>")
            .append(RFC_822.format(newest))
            .append("</lastBuildDate>\n")
            .append("  <generator>https://wordpress.org/?v=6.4.2</generator>\n");
      }
    }

    void entry(StringBuilder sb, int k, Instant at, int contentChars) {
      String postTitle = Words.sentence(r, 3 + r.nextInt(7), false);
      if (r.nextInt(4) == 0) {
        postTitle = postTitle + ": " + Words.pick(r) + " & " + Words.pick(r);
      }
      String slug = postTitle.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + k;
      String link =
          "https://"
              + host
              + "/"
              + at.toString().substring(0, 7).replace('-', '/')
              + "/"
              + slug
              + "/";
      String summary = Words.sentence(r, 25 + r.nextInt(30), true);
      String content = Words.article(r, contentChars, host);
      String titleXml = xml(postTitle).replace("'", "&#8217;");
      if (sloppy && k % 7 == 0) {
        titleXml = titleXml + "&nbsp;(draft)";
      }
      if (atom) {
        sb.append("  <entry>\n")
            .append("    <title type=\"html\">")
            .append(titleXml)
            .append("</title>\n")
            .append("    <link rel=\"alternate\" type=\"text/html\" href=\"")
            .append(link)
            .append("\"/>\n")
            .append("    <id>tag:")
            .append(host)
            .append(",")
            .append(at.toString(), 0, 10)
            .append(":/")
            .append(slug)
            .append("</id>\n")
            .append("    <published>")
            .append(at)
            .append("</published>\n")
            .append("    <updated>")
            .append(at.plus(Duration.ofHours(r.nextInt(48))))
            .append("</updated>\n")
            .append("    <author><name>")
            .append(xml(author))
            .append("</name></author>\n")
            .append("    <category term=\"")
            .append(Words.pick(r))
            .append("\"/>\n")
            .append("    <summary type=\"html\">")
            .append(xml("<p>" + summary + "</p>"))
            .append("</summary>\n");
        if (cdata) {
          sb.append("    <content type=\"html\"><![CDATA[")
              .append(content)
              .append("]]></content>\n");
        } else {
          sb.append("    <content type=\"html\" xml:base=\"https://")
              .append(host)
              .append("/\">")
              .append(xml(content))
              .append("</content>\n");
        }
        sb.append("  </entry>\n");
      } else {
        sb.append("  <item>\n")
            .append("    <title>")
            .append(titleXml)
            .append("</title>\n")
            .append("    <link>")
            .append(link)
            .append("</link>\n")
            .append("    <dc:creator><![CDATA[")
            .append(author)
            .append("]]></dc:creator>\n")
            .append("    <pubDate>")
            .append(RFC_822.format(at))
            .append("</pubDate>\n")
            .append("    <category><![CDATA[")
            .append(Words.pick(r))
            .append("]]></category>\n")
            .append("    <guid isPermaLink=\"false\">https://")
            .append(host)
            .append("/?p=")
            .append(index * 1000 + k)
            .append("</guid>\n")
            .append("    <description>")
            .append(xml("<p>" + summary + " […]</p>"))
            .append("</description>\n");
        if (cdata) {
          sb.append("    <content:encoded><![CDATA[")
              .append(content)
              .append("]]></content:encoded>\n");
        } else {
          sb.append("    <content:encoded>").append(xml(content)).append("</content:encoded>\n");
        }
        sb.append("  </item>\n");
      }
    }

    void tail(StringBuilder sb) {
      sb.append(atom ? "</feed>\n" : "</channel>\n</rss>\n");
    }
  }

  static String xml(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
