package dev.chorus.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A loopback HTTP server for tests, one handler per path, handling requests concurrently. */
final class TestServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;

  TestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "test-server");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.start();
  }

  TestServer handle(String path, HttpHandler handler) {
    server.createContext(path, handler);
    return this;
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Sends a complete response; {@code headers} are name, value pairs. */
  static void respond(HttpExchange ex, int status, byte[] body, String... headers)
      throws IOException {
    for (int i = 0; i < headers.length; i += 2) {
      ex.getResponseHeaders().add(headers[i], headers[i + 1]);
    }
    boolean empty = body == null || body.length == 0;
    ex.sendResponseHeaders(status, empty ? -1 : body.length);
    if (!empty) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
