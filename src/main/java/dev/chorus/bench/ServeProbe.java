package dev.chorus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chorus.App;
import dev.chorus.config.ConfigLoader;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The serve benchmark's child JVM: serves a polled database, starts beside it a Javalin app that
 * answers each endpoint's gzipped bytes as a fixed response (the ceiling), loads both with the same
 * closed-loop client and prints a RESULT line.
 */
public final class ServeProbe {
  private ServeProbe() {}

  /** Arguments: config file, milliseconds per endpoint, connections, warm-up milliseconds. */
  public static void main(String[] args) throws Exception {
    Duration measure = Duration.ofMillis(Integer.parseInt(args[1]));
    int connections = Integer.parseInt(args[2]);
    Duration warmup = Duration.ofMillis(Integer.parseInt(args[3]));
    ObjectNode out = new ObjectMapper().createObjectNode();
    try (App app = new App(ConfigLoader.load(Path.of(args[0])), Clock.systemUTC())) {
      int port = app.serve("127.0.0.1", 0, false);
      String[] paths = {"/", "/feed.atom", "/api/entries"};
      java.util.Map<String, byte[]> bodies = new java.util.HashMap<>();
      for (String path : paths) {
        bodies.put(path, gzipOf(port, path));
      }
      Javalin ceiling =
          Javalin.create(
              c -> {
                c.http.compressionStrategy = CompressionStrategy.NONE;
                c.http.generateEtags = false;
                c.startup.showJavalinBanner = false;
                c.jetty.host = "127.0.0.1";
                c.jetty.port = 0;
                c.routes.get(
                    "/fixed/{n}",
                    ctx -> {
                      ctx.header("Content-Encoding", "gzip");
                      ctx.contentType("text/html; charset=utf-8")
                          .result(bodies.get(paths[Integer.parseInt(ctx.pathParam("n"))]));
                    });
              });
      ceiling.start();
      try {
        for (int i = 0; i < paths.length; i++) { // let the JIT see every path before measuring any
          LoadClient.run(ceiling.port(), "/fixed/" + i, connections, Duration.ZERO, warmup);
          LoadClient.run(port, paths[i], connections, Duration.ZERO, warmup);
        }
        for (int i = 0; i < paths.length; i++) {
          load(
              out,
              "ceiling " + paths[i],
              ceiling.port(),
              "/fixed/" + i,
              connections,
              warmup,
              measure);
          load(out, paths[i], port, paths[i], connections, warmup, measure);
        }
      } finally {
        ceiling.stop();
      }
      out.put("hwmKb", Probes.vmHwmKb());
    }
    System.out.println("RESULT " + out);
    System.exit(0);
  }

  private static void load(
      ObjectNode out,
      String name,
      int port,
      String path,
      int connections,
      Duration warmup,
      Duration measure)
      throws InterruptedException {
    LoadClient.Result r = LoadClient.run(port, path, connections, warmup, measure);
    ObjectNode o = out.putObject(name);
    o.put("rps", r.perSecond());
    o.put("p50Ms", r.p50Ms());
    o.put("p99Ms", r.p99Ms());
    o.put("errors", r.errors());
    o.put("bytes", r.bytes());
  }

  private static byte[] gzipOf(int port, String path) throws Exception {
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept-Encoding", "gzip")
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200
        || !"gzip".equals(r.headers().firstValue("Content-Encoding").orElse(""))) {
      throw new IllegalStateException(
          "GET " + path + " answered " + r.statusCode() + " without gzip");
    }
    return r.body();
  }
}
