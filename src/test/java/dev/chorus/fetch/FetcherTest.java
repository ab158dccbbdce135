package dev.chorus.fetch;

import static dev.chorus.fetch.TestServer.respond;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chorus.fetch.FetchException.Kind;
import dev.chorus.fetch.FetchResult.Fetched;
import dev.chorus.fetch.FetchResult.NotModified;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class FetcherTest {

  private static final String RSS =
      "<rss version=\"2.0\"><channel><title>t</title></channel></rss>";

  private TestServer server;
  private Fetcher fetcher;

  @BeforeEach
  void start() throws IOException {
    server = new TestServer();
    fetcher = new Fetcher(FetchPolicy.defaults(true));
  }

  @AfterEach
  void stop() {
    fetcher.close();
    server.close();
  }

  private static FetchPolicy policy(long maxBytes, Duration timeout, int maxRedirects) {
    return new FetchPolicy(maxBytes, timeout, maxRedirects, true, FetchPolicy.USER_AGENT, 2, 64);
  }

  private FetchException failing(Fetcher f, String url) {
    return catchThrowableOfType(FetchException.class, () -> f.fetch(FetchRequest.of(url)));
  }

  private FetchException failing(String url) {
    return failing(fetcher, url);
  }

  @Test
  void returnsBodyAndResponseMetadataAndSendsDescriptiveHeaders() throws Exception {
    Map<String, String> seen = new ConcurrentHashMap<>();
    server.handle(
        "/feed",
        ex -> {
          ex.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(Locale.ROOT), v.get(0)));
          respond(
              ex,
              200,
              RSS.getBytes(UTF_8),
              "Content-Type",
              "application/rss+xml; charset=utf-8",
              "ETag",
              "\"v1\"",
              "Last-Modified",
              "Tue, 01 Oct 2024 10:00:00 GMT",
              "Cache-Control",
              "public, max-age=900");
        });

    FetchResult result = fetcher.fetch(FetchRequest.of(server.url("/feed")));

    assertThat(result).isInstanceOf(Fetched.class);
    Fetched f = (Fetched) result;
    assertThat(new String(f.body(), UTF_8)).isEqualTo(RSS);
    assertThat(f.status()).isEqualTo(200);
    assertThat(f.requestedUrl()).isEqualTo(server.url("/feed"));
    assertThat(f.finalUrl()).isEqualTo(server.url("/feed"));
    assertThat(f.contentType()).isEqualTo("application/rss+xml; charset=utf-8");
    assertThat(f.etag()).isEqualTo("\"v1\"");
    assertThat(f.lastModified()).isEqualTo("Tue, 01 Oct 2024 10:00:00 GMT");
    assertThat(f.maxAge()).isEqualTo(Duration.ofSeconds(900));
    assertThat(f.permanentUrl()).isNull();
    assertThat(seen.get("user-agent")).isEqualTo(FetchPolicy.USER_AGENT);
    assertThat(seen.get("accept")).contains("application/atom+xml", "text/html");
    assertThat(seen.get("accept-encoding")).isEqualTo("gzip");
    assertThat(seen).doesNotContainKeys("if-none-match", "if-modified-since");
  }

  @Test
  void roundTripsValidatorsIntoNotModified() throws Exception {
    Map<String, String> seen = new ConcurrentHashMap<>();
    server.handle(
        "/feed",
        ex -> {
          String inm = ex.getRequestHeaders().getFirst("If-None-Match");
          String ims = ex.getRequestHeaders().getFirst("If-Modified-Since");
          if (inm != null) {
            seen.put("inm", inm);
            seen.put("ims", ims);
          }
          if ("\"v1\"".equals(inm)) {
            respond(ex, 304, null, "Cache-Control", "max-age=60");
          } else {
            respond(
                ex,
                200,
                RSS.getBytes(UTF_8),
                "ETag",
                "\"v1\"",
                "Last-Modified",
                "Tue, 01 Oct 2024 10:00:00 GMT");
          }
        });
    Fetched first = (Fetched) fetcher.fetch(FetchRequest.of(server.url("/feed")));

    FetchResult second =
        fetcher.fetch(
            new FetchRequest(server.url("/feed"), first.etag(), first.lastModified(), null));

    assertThat(second).isEqualTo(new NotModified(server.url("/feed"), Duration.ofSeconds(60)));
    assertThat(seen)
        .containsEntry("inm", "\"v1\"")
        .containsEntry("ims", "Tue, 01 Oct 2024 10:00:00 GMT");
  }

  @Test
  void refusesBodyWhoseContentLengthExceedsTheCap() throws Exception {
    server.handle("/big", ex -> respond(ex, 200, new byte[2048]));
    try (Fetcher small = new Fetcher(policy(1024, Duration.ofSeconds(5), 5))) {
      FetchException e = failing(small, server.url("/big"));
      assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
      assertThat(e.getMessage()).startsWith("response larger than 1 KiB");
    }
  }

  @Test
  void refusesChunkedBodyThatGrowsPastTheCap() throws Exception {
    server.handle(
        "/stream",
        ex -> {
          ex.sendResponseHeaders(200, 0); // chunked, no length
          try (OutputStream out = ex.getResponseBody()) {
            for (int i = 0; i < 100; i++) {
              out.write(new byte[1024]);
            }
          } catch (IOException expected) {
            // client gave up
          }
        });
    try (Fetcher small = new Fetcher(policy(10_000, Duration.ofSeconds(5), 5))) {
      assertThat(failing(small, server.url("/stream")).kind()).isEqualTo(Kind.TOO_LARGE);
    }
  }

  @Test
  void acceptsBodyExactlyAtTheCap() throws Exception {
    server.handle("/exact", ex -> respond(ex, 200, new byte[1024]));
    try (Fetcher small = new Fetcher(policy(1024, Duration.ofSeconds(5), 5))) {
      Fetched f = (Fetched) small.fetch(FetchRequest.of(server.url("/exact")));
      assertThat(f.body()).hasSize(1024);
    }
  }

  @Test
  void stopsGzipBombAtTheCapQuickly() throws Exception {
    byte[] bomb = gzip(100L * 1024 * 1024);
    server.handle("/bomb", ex -> respond(ex, 200, bomb, "Content-Encoding", "gzip"));

    long start = System.nanoTime();
    FetchException e = failing(server.url("/bomb"));

    assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
    assertThat(e.getMessage()).startsWith("response larger than 10 MiB");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void decompressesGzipAndDeflateBodies() throws Exception {
    byte[] plain = RSS.getBytes(UTF_8);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gz)) {
      out.write(plain);
    }
    ByteArrayOutputStream zlib = new ByteArrayOutputStream();
    try (OutputStream out = new DeflaterOutputStream(zlib)) {
      out.write(plain);
    }
    server.handle("/gz", ex -> respond(ex, 200, gz.toByteArray(), "Content-Encoding", "gzip"));
    server.handle("/zz", ex -> respond(ex, 200, zlib.toByteArray(), "Content-Encoding", "deflate"));

    assertThat(((Fetched) fetcher.fetch(FetchRequest.of(server.url("/gz")))).body())
        .isEqualTo(plain);
    assertThat(((Fetched) fetcher.fetch(FetchRequest.of(server.url("/zz")))).body())
        .isEqualTo(plain);
  }

  @Test
  void reportsCorruptGzipAsNetworkError() throws Exception {
    server.handle(
        "/bad",
        ex -> respond(ex, 200, "not gzip at all".getBytes(UTF_8), "Content-Encoding", "gzip"));

    FetchException e = failing(server.url("/bad"));

    assertThat(e.kind()).isEqualTo(Kind.NETWORK);
    assertThat(e.getMessage()).startsWith("corrupt compressed body");
  }

  @Test
  void timesOutOnServerTricklingOneBytePerSecond() throws Exception {
    server.handle(
        "/slow",
        ex -> {
          ex.sendResponseHeaders(200, 0);
          try (OutputStream out = ex.getResponseBody()) {
            for (int i = 0; i < 60; i++) {
              out.write('x');
              out.flush();
              Thread.sleep(1000);
            }
          } catch (IOException | InterruptedException expected) {
            // client gave up
          }
        });
    try (Fetcher quick = new Fetcher(policy(1 << 20, Duration.ofSeconds(2), 5))) {
      long start = System.nanoTime();
      FetchException e = failing(quick, server.url("/slow"));

      assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
      assertThat(e.getMessage()).startsWith("timed out after 2 s");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofMillis(1900), Duration.ofMillis(3500));
    }
  }

  @Test
  void detectsRedirectLoop() throws Exception {
    server.handle("/a", ex -> respond(ex, 302, null, "Location", "/b"));
    server.handle("/b", ex -> respond(ex, 302, null, "Location", server.url("/a")));

    FetchException e = failing(server.url("/a"));

    assertThat(e.kind()).isEqualTo(Kind.TOO_MANY_REDIRECTS);
    assertThat(e.getMessage()).startsWith("redirect loop");
  }

  @Test
  void refusesMoreRedirectsThanThePolicyAllows() throws Exception {
    server.handle(
        "/hop",
        ex -> {
          int n = Integer.parseInt(ex.getRequestURI().getQuery());
          respond(ex, 301, null, "Location", "/hop?" + (n + 1));
        });

    FetchException e = failing(server.url("/hop?0"));

    assertThat(e.kind()).isEqualTo(Kind.TOO_MANY_REDIRECTS);
    assertThat(e.getMessage()).startsWith("too many redirects (6)");
  }

  @Test
  void reportsPermanentUrlWhenEveryHopIsPermanent() throws Exception {
    server.handle("/old", ex -> respond(ex, 301, null, "Location", "/older"));
    server.handle("/older", ex -> respond(ex, 308, null, "Location", "new/feed.xml"));
    server.handle("/new/feed.xml", ex -> respond(ex, 200, RSS.getBytes(UTF_8)));

    Fetched f = (Fetched) fetcher.fetch(FetchRequest.of(server.url("/old")));

    assertThat(f.requestedUrl()).isEqualTo(server.url("/old"));
    assertThat(f.finalUrl()).isEqualTo(server.url("/new/feed.xml"));
    assertThat(f.permanentUrl()).isEqualTo(server.url("/new/feed.xml"));
  }

  @Test
  void leavesPermanentUrlNullWhenAnyHopIsTemporary() throws Exception {
    server.handle("/moved", ex -> respond(ex, 301, null, "Location", "/temp"));
    server.handle("/temp", ex -> respond(ex, 302, null, "Location", "/feed"));
    server.handle("/feed", ex -> respond(ex, 200, RSS.getBytes(UTF_8)));

    Fetched viaTemp = (Fetched) fetcher.fetch(FetchRequest.of(server.url("/temp")));
    Fetched viaBoth = (Fetched) fetcher.fetch(FetchRequest.of(server.url("/moved")));

    assertThat(viaTemp.finalUrl()).isEqualTo(server.url("/feed"));
    assertThat(viaTemp.permanentUrl()).isNull();
    assertThat(viaBoth.permanentUrl()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///etc/passwd",
        "ftp://127.0.0.1/feed",
        "gopher://127.0.0.1:70/_x",
        "feed.xml"
      })
  void refusesUrlsThatAreNotHttp(String url) {
    FetchException e = failing(url);
    assertThat(e.kind()).isEqualTo(Kind.BAD_URL);
    assertThat(e.url()).isEqualTo(url);
  }

  @Test
  void refusesRedirectToAnotherScheme() throws Exception {
    server.handle("/r", ex -> respond(ex, 302, null, "Location", "file:///etc/passwd"));
    assertThat(failing(server.url("/r")).kind()).isEqualTo(Kind.BAD_URL);
  }

  @Test
  void reportsRateLimitWithRetryAfterSeconds() throws Exception {
    server.handle("/busy", ex -> respond(ex, 429, null, "Retry-After", "600"));

    Instant before = Instant.now();
    FetchException e = failing(server.url("/busy"));

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.retryAfter()).isBetween(before.plusSeconds(599), Instant.now().plusSeconds(601));
  }

  @Test
  void clampsRetryAfterBetweenOneMinuteAndOneDay() throws Exception {
    String farDate =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            Instant.now().plus(Duration.ofDays(30)).atOffset(ZoneOffset.UTC));
    String nearDate =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            Instant.now().plusSeconds(5).atOffset(ZoneOffset.UTC));
    server.handle("/far", ex -> respond(ex, 429, null, "Retry-After", farDate));
    server.handle("/near", ex -> respond(ex, 429, null, "Retry-After", nearDate));
    server.handle("/soon", ex -> respond(ex, 503, null, "Retry-After", "3"));

    Instant before = Instant.now();
    Instant far = failing(server.url("/far")).retryAfter();
    Instant near = failing(server.url("/near")).retryAfter();
    FetchException soon = failing(server.url("/soon"));
    Instant after = Instant.now();

    assertThat(far).isBetween(before.plus(Duration.ofHours(24)), after.plus(Duration.ofHours(24)));
    assertThat(near).isBetween(before.plusSeconds(60), after.plusSeconds(60));
    assertThat(soon.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(soon.retryAfter()).isBetween(before.plusSeconds(60), after.plusSeconds(60));
  }

  @Test
  void reports503WithoutRetryAfterAsRateLimitedWithNoTime() throws Exception {
    server.handle("/down", ex -> respond(ex, 503, null));

    FetchException e = failing(server.url("/down"));

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.retryAfter()).isNull();
  }

  @Test
  void reports410AsGone() throws Exception {
    server.handle("/gone", ex -> respond(ex, 410, null));
    FetchException e = failing(server.url("/gone"));
    assertThat(e.kind()).isEqualTo(Kind.GONE);
    assertThat(e.status()).isEqualTo(410);
  }

  @Test
  void reportsOtherErrorStatusesWithStatusAndPlainMessage() throws Exception {
    server.handle("/missing", ex -> respond(ex, 404, "nope".getBytes(UTF_8)));
    server.handle("/broken", ex -> respond(ex, 500, null));

    FetchException missing = failing(server.url("/missing"));
    FetchException broken = failing(server.url("/broken"));

    assertThat(missing.kind()).isEqualTo(Kind.HTTP_STATUS);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.getMessage()).isEqualTo("HTTP 404 Not Found for " + server.url("/missing"));
    assertThat(missing.url()).isEqualTo(server.url("/missing"));
    assertThat(broken.kind()).isEqualTo(Kind.HTTP_STATUS);
    assertThat(broken.status()).isEqualTo(500);
  }

  @Test
  void reportsConnectionResetMidBodyAsNetworkError() throws Exception {
    try (ServerSocket raw = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Thread t =
          new Thread(
              () -> {
                try (Socket s = raw.accept()) {
                  s.getInputStream().read(new byte[4096]);
                  OutputStream out = s.getOutputStream();
                  out.write(
                      "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 10000\r\n\r\n"
                          .getBytes(UTF_8));
                  out.write(new byte[100]);
                  out.flush();
                  Thread.sleep(200);
                  s.setSoLinger(true, 0);
                } catch (IOException | InterruptedException ignored) {
                  // test ends
                }
              });
      t.start();

      FetchException e = failing("http://127.0.0.1:" + raw.getLocalPort() + "/feed");

      assertThat(e.kind()).isEqualTo(Kind.NETWORK);
      t.join();
    }
  }

  @Test
  void reportsRefusedConnectionAsConnect() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    assertThat(failing("http://127.0.0.1:" + port + "/feed").kind()).isEqualTo(Kind.CONNECT);
  }

  @Test
  void reportsUnknownHostAsDns() {
    try (Fetcher f = new Fetcher(FetchPolicy.defaults(true), host -> List.of())) {
      FetchException e = failing(f, "http://nowhere.test/feed");
      assertThat(e.kind()).isEqualTo(Kind.DNS);
      assertThat(e.getMessage()).contains("nowhere.test");
    }
  }

  @Test
  void resolvesNamesThroughTheGivenResolver() throws Exception {
    server.handle("/feed", ex -> respond(ex, 200, RSS.getBytes(UTF_8)));
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (Fetcher f = new Fetcher(FetchPolicy.defaults(true), host -> List.of(loopback))) {
      Fetched r = (Fetched) f.fetch(FetchRequest.of("http://blog.test:" + server.port() + "/feed"));
      assertThat(r.finalUrl()).isEqualTo("http://blog.test:" + server.port() + "/feed");
    }
  }

  private static byte[] gzip(long zeros) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] chunk = new byte[1 << 16];
    try (OutputStream out = new GZIPOutputStream(bytes, 1 << 16)) {
      for (long left = zeros; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    }
    return bytes.toByteArray();
  }
}
