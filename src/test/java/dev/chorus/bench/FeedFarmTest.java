package dev.chorus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.bench.FeedFarm.Feed;
import dev.chorus.model.ParsedFeed;
import dev.chorus.parse.FeedParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FeedFarmTest {

  @Test
  void feedsAreDeterministicRealisticAndParse() throws Exception {
    FeedFarm farm = FeedFarm.generate(40, 7);
    FeedFarm again = FeedFarm.generate(40, 7);
    FeedParser parser = new FeedParser();
    int atom = 0;
    for (Feed f : farm.feeds()) {
      assertThat(f.body()).isEqualTo(again.feeds().get(f.index()).body());
      assertThat(f.body().length)
          .isBetween(FeedFarm.MIN_BYTES * 9 / 10, FeedFarm.MAX_BYTES * 11 / 10);
      assertThat(f.entries()).isBetween(10, 50);
      ParsedFeed parsed = parser.parse(f.body(), f.contentType(), "http://127.0.0.1/feed");
      assertThat(parsed.entries()).hasSize(f.entries());
      assertThat(parsed.entries())
          .allSatisfy(
              e -> {
                assertThat(e.title()).isNotBlank();
                assertThat(e.url()).startsWith("https://blog-" + f.index() + ".");
                assertThat(e.author()).isNotBlank();
                assertThat(e.published()).isNotNull();
                assertThat(e.contentHtml()).contains("<p>");
              });
      atom += f.atom() ? 1 : 0;
    }
    assertThat(atom).isBetween(5, 35);
    assertThat(FeedFarm.generate(3, 8).feeds().get(0).body())
        .isNotEqualTo(farm.feeds().get(0).body());
  }

  @Test
  void serverAnswersWithValidatorsAndNotModified() throws Exception {
    FeedFarm farm = FeedFarm.generate(6, 1);
    HttpClient http = HttpClient.newHttpClient();
    try (FarmServer server = new FarmServer(farm, 3, Duration.ofMillis(20))) {
      for (Feed f : farm.feeds()) {
        HttpResponse<byte[]> r =
            http.send(
                HttpRequest.newBuilder(URI.create(server.url(f.index()))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(f.body());
        assertThat(r.headers().firstValue("Last-Modified")).contains(f.lastModified());
        HttpRequest.Builder again = HttpRequest.newBuilder(URI.create(server.url(f.index())));
        if (f.etag() != null) {
          again.header("If-None-Match", f.etag());
        } else {
          again.header("If-Modified-Since", f.lastModified());
        }
        long start = System.nanoTime();
        HttpResponse<byte[]> nm = http.send(again.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(nm.statusCode()).isEqualTo(304);
        assertThat(nm.body()).isEmpty();
        assertThat(System.nanoTime() - start)
            .isGreaterThanOrEqualTo(Duration.ofMillis(19).toNanos());
      }
      HttpResponse<String> missing =
          http.send(
              HttpRequest.newBuilder(URI.create(server.url(0) + "x")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(server.counts()[0]).isEqualTo(6);
      assertThat(server.counts()[1]).isEqualTo(6);
      assertThat(server.hosts()).isEqualTo(3);
    }
  }
}
