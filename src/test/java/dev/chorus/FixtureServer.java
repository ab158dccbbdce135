package dev.chorus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A static site on 127.0.0.1:0 served from test resources, with {@code HOST} in files replaced by
 * its own host:port, strong ETags and 304s, and counters for what it answered.
 */
public final class FixtureServer implements AutoCloseable {
  private final HttpServer server;
  private final String root;
  private final Map<String, String> overrides = new ConcurrentHashMap<>();
  public final AtomicInteger notModified = new AtomicInteger();
  public final AtomicInteger ok = new AtomicInteger();

  public FixtureServer(String resourceRoot) throws IOException {
    this.root = resourceRoot.endsWith("/") ? resourceRoot : resourceRoot + "/";
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Serves {@code body} at {@code path} instead of the file. */
  public void override(String path, String body) {
    overrides.put(path, body);
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String body = overrides.get(path);
    if (body != null && ex.getRequestMethod().equals("GET")) {
      ok.incrementAndGet();
      send(ex, 200, "text/html; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), null);
      return;
    }
    if (body == null) {
      String file = path.endsWith("/") ? path + "index.html" : path;
      try (InputStream in = FixtureServer.class.getResourceAsStream(root + file.substring(1))) {
        if (in == null || path.contains("..")) {
          send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8), null);
          return;
        }
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    byte[] bytes =
        body.replace("HOST", base().substring("http://".length())).getBytes(StandardCharsets.UTF_8);
    String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(bytes)) + "\"";
    if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
      notModified.incrementAndGet();
      ex.getResponseHeaders().set("ETag", etag);
      ex.sendResponseHeaders(304, -1);
      ex.close();
      return;
    }
    String type =
        path.endsWith(".xml")
            ? "application/xml"
            : path.endsWith(".json") ? "application/feed+json" : "text/html; charset=utf-8";
    ok.incrementAndGet();
    send(ex, 200, type, bytes, etag);
  }

  private static void send(HttpExchange ex, int status, String type, byte[] bytes, String etag)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    if (etag != null) {
      ex.getResponseHeaders().set("ETag", etag);
    }
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
