package dev.chorus.fetch;

import static dev.chorus.fetch.TestServer.respond;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.fetch.FetchException.Kind;
import dev.chorus.fetch.FetchResult.Fetched;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class FetcherConcurrencyTest {

  private TestServer server;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final ExecutorService callers = Executors.newFixedThreadPool(6);

  @BeforeEach
  void start() throws IOException {
    server = new TestServer();
    server.handle(
        "/slow",
        ex -> {
          peak.accumulateAndGet(active.incrementAndGet(), Math::max);
          try {
            Thread.sleep(300);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            active.decrementAndGet();
          }
          respond(ex, 200, "ok".getBytes(UTF_8));
        });
  }

  @AfterEach
  void stop() {
    callers.shutdownNow();
    server.close();
  }

  private static FetchPolicy policy(int perHost, int total, Duration timeout) {
    return new FetchPolicy(1 << 20, timeout, 5, true, FetchPolicy.USER_AGENT, perHost, total);
  }

  private List<Future<FetchResult>> fetchInParallel(Fetcher f, List<String> urls) {
    List<Future<FetchResult>> futures = new ArrayList<>();
    for (String url : urls) {
      futures.add(callers.submit(() -> f.fetch(FetchRequest.of(url))));
    }
    return futures;
  }

  @Test
  void neverSendsMoreThanMaxPerHostConcurrentRequestsToOneHost() throws Exception {
    try (Fetcher f = new Fetcher(policy(2, 64, Duration.ofSeconds(10)))) {
      List<Future<FetchResult>> futures =
          fetchInParallel(
              f,
              List.of(
                  server.url("/slow"),
                  server.url("/slow"),
                  server.url("/slow"),
                  server.url("/slow"),
                  server.url("/slow")));
      for (Future<FetchResult> future : futures) {
        assertThat(future.get()).isInstanceOf(Fetched.class);
      }
    }
    assertThat(peak.get()).isEqualTo(2);
  }

  @Test
  void limitsPerHostByHostNameSoDifferentHostsRunTogether() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (Fetcher f = new Fetcher(policy(1, 64, Duration.ofSeconds(10)), h -> List.of(loopback))) {
      String a = "http://a.test:" + server.port() + "/slow";
      String b = "http://b.test:" + server.port() + "/slow";
      for (Future<FetchResult> future : fetchInParallel(f, List.of(a, b, a, b))) {
        assertThat(future.get()).isInstanceOf(Fetched.class);
      }
    }
    assertThat(peak.get()).isEqualTo(2);
  }

  @Test
  void neverExceedsMaxTotalAcrossHosts() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (Fetcher f = new Fetcher(policy(2, 1, Duration.ofSeconds(10)), h -> List.of(loopback))) {
      String a = "http://a.test:" + server.port() + "/slow";
      String b = "http://b.test:" + server.port() + "/slow";
      for (Future<FetchResult> future : fetchInParallel(f, List.of(a, b, a))) {
        assertThat(future.get()).isInstanceOf(Fetched.class);
      }
    }
    assertThat(peak.get()).isEqualTo(1);
  }

  @Test
  void countsTimeWaitingForASlotTowardTheDeadline() throws Exception {
    try (Fetcher f = new Fetcher(policy(1, 64, Duration.ofMillis(500)))) {
      List<Future<FetchResult>> futures =
          fetchInParallel(f, List.of(server.url("/slow"), server.url("/slow")));
      int timedOut = 0;
      for (Future<FetchResult> future : futures) {
        try {
          future.get();
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(((FetchException) e.getCause()).kind()).isEqualTo(Kind.TIMEOUT);
          timedOut++;
        }
      }
      assertThat(timedOut)
          .as("the fetch that waited for the slot ran out of time")
          .isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void reusesOneConnectionPerServerAcrossItsFetches() throws Exception {
    // servers on many ports, so that their connections land in different pools
    List<TestServer> servers = new ArrayList<>();
    List<Set<Integer>> clientPorts = new ArrayList<>();
    try (Fetcher f = new Fetcher(policy(2, 64, Duration.ofSeconds(10)))) {
      for (int i = 0; i < 24; i++) {
        Set<Integer> ports = ConcurrentHashMap.newKeySet();
        clientPorts.add(ports);
        servers.add(
            new TestServer()
                .handle(
                    "/feed",
                    ex -> {
                      ports.add(ex.getRemoteAddress().getPort());
                      respond(ex, 200, "ok".getBytes(UTF_8));
                    }));
      }
      for (int round = 0; round < 3; round++) {
        for (TestServer s : servers) {
          assertThat(f.fetch(FetchRequest.of(s.url("/feed"))))
              .isInstanceOf(FetchResult.Fetched.class);
        }
      }
      for (Set<Integer> ports : clientPorts) {
        assertThat(ports).as("connections one server saw over three fetches").hasSize(1);
      }
    } finally {
      servers.forEach(TestServer::close);
    }
  }
}
