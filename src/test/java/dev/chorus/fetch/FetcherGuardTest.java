package dev.chorus.fetch;

import static dev.chorus.fetch.TestServer.respond;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chorus.fetch.FetchException.Kind;
import dev.chorus.fetch.FetchResult.Fetched;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class FetcherGuardTest {

  private TestServer server;
  private final AtomicInteger hits = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = new TestServer();
    server.handle(
        "/",
        ex -> {
          hits.incrementAndGet();
          respond(ex, 200, "ok".getBytes(UTF_8));
        });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static Function<String, List<InetAddress>> resolver(Map<String, String> names) {
    return host -> {
      String address = names.get(host);
      if (address == null) {
        throw new AssertionError("resolver asked for " + host);
      }
      return List.of(ip(address));
    };
  }

  private static FetchException failing(Fetcher f, String url) {
    return catchThrowableOfType(FetchException.class, () -> f.fetch(FetchRequest.of(url)));
  }

  @Test
  void refusesNameThatResolvesToLoopback() {
    try (Fetcher f =
        new Fetcher(FetchPolicy.defaults(false), resolver(Map.of("public.test", "127.0.0.1")))) {
      FetchException e = failing(f, "http://public.test:" + server.port() + "/");

      assertThat(e.kind()).isEqualTo(Kind.BLOCKED_ADDRESS);
      assertThat(e.getMessage())
          .isEqualTo("refused: public.test resolves to 127.0.0.1, a loopback address");
      assertThat(hits).hasValue(0);
    }
  }

  @Test
  void refusesNameWhenAnyResolvedAddressIsPrivate() {
    Function<String, List<InetAddress>> mixed =
        host -> List.of(ip("93.184.216.34"), ip("10.0.0.5"));
    try (Fetcher f = new Fetcher(FetchPolicy.defaults(false), mixed)) {
      FetchException e = failing(f, "http://example.internal/feed");

      assertThat(e.kind()).isEqualTo(Kind.BLOCKED_ADDRESS);
      assertThat(e.getMessage())
          .isEqualTo("refused: example.internal resolves to 10.0.0.5, a private address");
    }
  }

  @Test
  void refusesIpLiteralHostBeforeConnecting() {
    try (Fetcher f = new Fetcher(FetchPolicy.defaults(false), resolver(Map.of()))) {
      FetchException e = failing(f, server.url("/"));

      assertThat(e.kind()).isEqualTo(Kind.BLOCKED_ADDRESS);
      assertThat(e.getMessage()).isEqualTo("refused: 127.0.0.1 is a loopback address");
      assertThat(hits).hasValue(0);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://2130706433/",
        "http://0x7f.0.0.1/",
        "http://0x7f000001/",
        "http://0177.0.0.1/",
        "http://127.1/",
        "http://127.0.0.1./",
        "http://localhost/",
        "http://localhost./",
        "http://LOCALHOST:8080/",
        "http://app.localhost/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::1]/",
        "http://[0:0:0:0:0:ffff:7f00:1]/",
        "http://0/",
        "http://0.0.0.0/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/",
        "http://[64:ff9b::a9fe:a9fe]/",
        "http://[2002:a9fe:a9fe::]/",
        "https://192.168.0.1/feed"
      })
  void refusesEverySpellingOfANonPublicHost(String url) {
    try (Fetcher f = new Fetcher(FetchPolicy.defaults(false), resolver(Map.of()))) {
      FetchException e = failing(f, url);

      assertThat(e.kind()).as(url).isEqualTo(Kind.BLOCKED_ADDRESS);
      assertThat(e.getMessage()).startsWith("refused: ");
    }
  }

  @Test
  void refusesRedirectFromAnAllowedHostToARefusedOne() throws Exception {
    String base = "http://good.test:" + server.port();
    server.handle(
        "/to-name",
        ex -> respond(ex, 302, null, "Location", "http://evil.test:" + server.port() + "/"));
    server.handle(
        "/to-literal",
        ex -> respond(ex, 301, null, "Location", "http://127.0.0.2:" + server.port() + "/"));
    server.handle(
        "/to-hex",
        ex -> respond(ex, 302, null, "Location", "http://0x7f000002:" + server.port() + "/"));
    server.handle(
        "/to-v6", ex -> respond(ex, 302, null, "Location", "http://[::1]:" + server.port() + "/"));
    server.handle("/to-good", ex -> respond(ex, 302, null, "Location", "/"));
    // Only 127.0.0.1 counts as public here, so good.test is reachable and every other loopback is
    // not.
    Function<InetAddress, String> onlyOneLoopbackAllowed =
        a -> a.equals(ip("127.0.0.1")) ? null : AddressGuard.refusal(a);
    try (Fetcher f =
        new Fetcher(
            FetchPolicy.defaults(false),
            resolver(Map.of("good.test", "127.0.0.1", "evil.test", "127.0.0.2")),
            onlyOneLoopbackAllowed)) {
      Fetched ok = (Fetched) f.fetch(FetchRequest.of(base + "/to-good"));
      assertThat(ok.finalUrl()).isEqualTo(base + "/");

      for (String path : List.of("/to-name", "/to-literal", "/to-hex", "/to-v6")) {
        FetchException e = failing(f, base + path);
        assertThat(e.kind()).as(path).isEqualTo(Kind.BLOCKED_ADDRESS);
      }
      assertThat(failing(f, base + "/to-name").getMessage())
          .isEqualTo("refused: evil.test resolves to 127.0.0.2, a loopback address");
      assertThat(hits).hasValue(1);
    }
  }

  @Test
  void guardedSocketRefusesNonPublicAddressAtConnectTime() throws Exception {
    ConnectGuard guard = new ConnectGuard(false, null, AddressGuard::refusal);
    try (Socket socket = guard.socketFactory().createSocket()) {
      assertThatThrownBy(
              () -> socket.connect(new InetSocketAddress(ip("127.0.0.1"), server.port())))
          .isInstanceOf(AddressRefusedException.class)
          .hasMessage("refused: 127.0.0.1 is a loopback address");
    }
    assertThat(hits).hasValue(0);
  }

  @Test
  void okHttpSkipsTheDnsForIpLiteralsWhichIsWhyLiteralsAreCheckedSeparately() throws Exception {
    List<String> asked = new CopyOnWriteArrayList<>();
    Function<String, List<InetAddress>> recording =
        host -> {
          asked.add(host);
          return List.of(ip("127.0.0.1"));
        };
    try (Fetcher f = new Fetcher(FetchPolicy.defaults(true), recording)) {
      f.fetch(FetchRequest.of(server.url("/")));
      f.fetch(FetchRequest.of("http://named.test:" + server.port() + "/"));
    }
    assertThat(asked).containsExactly("named.test");
  }

  @Test
  void allowsPrivateAddressesWhenThePolicySaysSo() throws Exception {
    try (Fetcher f = new Fetcher(FetchPolicy.defaults(true))) {
      assertThat(f.fetch(FetchRequest.of(server.url("/")))).isInstanceOf(Fetched.class);
      assertThat(f.fetch(FetchRequest.of("http://localhost:" + server.port() + "/")))
          .isInstanceOf(Fetched.class);
    }
  }
}
