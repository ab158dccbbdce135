package dev.chorus.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A made-up blog on 127.0.0.1:0 whose pages and feeds tests set and change while it runs. */
final class Site implements AutoCloseable {
  private record Page(String type, byte[] body) {}

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final Map<String, Page> pages = new ConcurrentHashMap<>();

  Site() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void put(String path, String type, String body) {
    pages.put(path, new Page(type, body.getBytes(StandardCharsets.UTF_8)));
  }

  private void handle(HttpExchange ex) throws IOException {
    Page p = pages.get(ex.getRequestURI().getPath());
    byte[] body = p == null ? "not found".getBytes(StandardCharsets.UTF_8) : p.body();
    ex.getResponseHeaders().set("Content-Type", p == null ? "text/plain" : p.type());
    ex.sendResponseHeaders(p == null ? 404 : 200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
