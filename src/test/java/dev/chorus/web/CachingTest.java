package dev.chorus.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validators, 304s, compression and invalidation on every page and feed. */
class CachingTest {
  @TempDir Path dir;

  @Test
  void everyPageAndFeedAnswers304ToItsOwnEtagAndToIfModifiedSince() throws Exception {
    try (Planet planet = new Planet(dir)) {
      for (String path : planet.paths()) {
        HttpResponse<String> first = planet.get(path);
        assertThat(first.statusCode()).as(path).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(etag).as(path).matches("\"[0-9a-f]{24}\"");
        assertThat(first.headers().firstValue("Vary")).as(path).contains("Accept-Encoding");
        ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME);

        HttpResponse<String> byEtag = planet.get(path, Map.of("If-None-Match", etag));
        assertThat(byEtag.statusCode()).as(path).isEqualTo(304);
        assertThat(byEtag.body()).as(path).isEmpty();
        assertThat(byEtag.headers().firstValue("ETag")).as(path).contains(etag);
        assertThat(
                planet.get(path, Map.of("If-None-Match", "W/" + etag + ", \"other\"")).statusCode())
            .as(path)
            .isEqualTo(304);
        assertThat(planet.get(path, Map.of("If-None-Match", "\"other\"")).statusCode())
            .as(path)
            .isEqualTo(200);

        assertThat(planet.get(path, Map.of("If-Modified-Since", lastModified)).statusCode())
            .as(path)
            .isEqualTo(304);
        String earlier =
            DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .minusSeconds(5));
        assertThat(planet.get(path, Map.of("If-Modified-Since", earlier)).statusCode())
            .as(path)
            .isEqualTo(200);
        // If-None-Match wins over If-Modified-Since (RFC 9110 13.1.3)
        assertThat(
                planet
                    .get(
                        path,
                        Map.of("If-None-Match", "\"other\"", "If-Modified-Since", lastModified))
                    .statusCode())
            .as(path)
            .isEqualTo(200);
      }
    }
  }

  @Test
  void bodiesAreGzippedWhenTheClientAsksAndPlainOtherwise() throws Exception {
    try (Planet planet = new Planet(dir)) {
      for (String path : planet.paths()) {
        HttpResponse<byte[]> plain = planet.bytes(path, Map.of());
        assertThat(plain.headers().firstValue("Content-Encoding")).as(path).isEmpty();
        HttpResponse<byte[]> gz = planet.bytes(path, Map.of("Accept-Encoding", "br, gzip;q=0.8"));
        assertThat(gz.headers().firstValue("Content-Encoding")).as(path).contains("gzip");
        assertThat(gz.headers().firstValue("ETag")).isEqualTo(plain.headers().firstValue("ETag"));
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes();
        assertThat(new String(unzipped, StandardCharsets.UTF_8))
            .as(path)
            .isEqualTo(new String(plain.body(), StandardCharsets.UTF_8));
        if (plain.body().length > 4096) {
          assertThat(gz.body().length).as(path).isLessThan(plain.body().length / 2);
        }
      }
    }
  }

  @Test
  void newDataChangesTheEtagAndTheOldOneNoLongerMatches() throws Exception {
    try (Planet planet = new Planet(dir)) {
      Map<String, String> before = new java.util.HashMap<>();
      for (String path : planet.paths()) {
        before.put(path, planet.get(path).headers().firstValue("ETag").orElseThrow());
      }
      planet.patFeed(Planet.PAT_POSTS + 1, 1);
      planet.app.pollAll(4);
      for (String path : planet.paths()) {
        HttpResponse<String> r = planet.get(path, Map.of("If-None-Match", before.get(path)));
        if (path.startsWith("/authors/ada/") || path.equals("/opml")) {
          assertThat(r.statusCode()).as("%s: unchanged by Pat's new post", path).isEqualTo(304);
          continue;
        }
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.headers().firstValue("ETag").orElseThrow())
            .as(path)
            .isNotEqualTo(before.get(path));
      }
      assertThat(planet.get("/").body()).contains("Post 0 about");
      assertThat(planet.get("/feed.atom").body()).contains("urn:uuid:");
    }
  }

  @Test
  void aPollThatFindsNothingNewKeepsTheFeedsEtag() throws Exception {
    try (Planet planet = new Planet(dir)) {
      String etag = planet.get("/feed.json").headers().firstValue("ETag").orElseThrow();
      planet.app.pollAll(4);
      // the poll is recorded, so the cache renders again, but the same output keeps the same ETag
      HttpResponse<String> again = planet.get("/feed.json", Map.of("If-None-Match", etag));
      assertThat(again.statusCode()).isEqualTo(304);
    }
  }
}
