package dev.chorus;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A raw-socket HTTP/1.1 server on 127.0.0.1:0 whose answers are scripted per path, including the
 * faults a real server can't be asked for: a reset or a close in the middle of the body, a hang.
 */
public final class FaultyServer implements AutoCloseable {

  /** What goes wrong while the body is sent. */
  public enum Fault {
    NONE,
    /** sends half of the body, then a TCP reset */
    RESET_MID_BODY,
    /** sends half of the body, then closes cleanly (a short read) */
    CLOSE_MID_BODY,
    /** sends the headers, then nothing until the client gives up */
    HANG
  }

  /** One scripted answer. */
  public record Reply(int status, Map<String, String> headers, byte[] body, Fault fault) {

    public static Reply ok(String contentType, String body) {
      return ok(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply ok(String contentType, byte[] body) {
      Map<String, String> h = new LinkedHashMap<>();
      if (contentType != null) {
        h.put("Content-Type", contentType);
      }
      return new Reply(200, h, body, Fault.NONE);
    }

    public static Reply status(int status, String... headerPairs) {
      Map<String, String> h = new LinkedHashMap<>();
      for (int i = 0; i + 1 < headerPairs.length; i += 2) {
        h.put(headerPairs[i], headerPairs[i + 1]);
      }
      return new Reply(status, h, new byte[0], Fault.NONE);
    }

    public Reply with(String header, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(header, value);
      return new Reply(status, h, body, fault);
    }

    public Reply with(Fault f) {
      return new Reply(status, headers, body, f);
    }
  }

  /** A request as the handler sees it; header names are lower case. */
  public record Request(String method, String path, Map<String, String> headers) {}

  private final ServerSocket socket;
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "faulty-server");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private volatile boolean open = true;

  public FaultyServer() throws IOException {
    socket = new ServerSocket(0, 200, InetAddress.getByName("127.0.0.1"));
    pool.execute(this::accept);
  }

  public String base() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  public String url(String path) {
    return base() + path;
  }

  /** Answers {@code path} with {@code reply} from now on. */
  public FaultyServer route(String path, Reply reply) {
    routes.put(path, r -> reply);
    return this;
  }

  /** Answers {@code path} with whatever {@code handler} returns for each request. */
  public FaultyServer route(String path, Function<Request, Reply> handler) {
    routes.put(path, handler);
    return this;
  }

  /** How many requests {@code path} has had. */
  public int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  private void accept() {
    while (open) {
      try {
        Socket s = socket.accept();
        pool.execute(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setSoTimeout(10_000);
      InputStream in = new BufferedInputStream(s.getInputStream());
      String head = readHead(in);
      if (head == null) {
        return;
      }
      String[] lines = head.split("\r\n");
      String[] first = lines[0].split(" ");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(
              lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
              lines[i].substring(colon + 1).trim());
        }
      }
      String target = first.length > 1 ? first[1] : "/";
      String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      Function<Request, Reply> handler = routes.get(path);
      Reply reply =
          handler == null
              ? new Reply(
                  404,
                  Map.of("Content-Type", "text/plain"),
                  "not found".getBytes(StandardCharsets.UTF_8),
                  Fault.NONE)
              : handler.apply(new Request(first[0], path, headers));
      write(s, reply);
    } catch (IOException e) {
      // the client went away: nothing to do
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int state = 0;
    while (b.size() < 64 * 1024) {
      int c = in.read();
      if (c < 0) {
        return null;
      }
      b.write(c);
      state =
          (c == '\r' && (state == 0 || state == 2))
              ? state + 1
              : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
      if (state == 4) {
        return b.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static void write(Socket s, Reply reply) throws IOException {
    OutputStream out = s.getOutputStream();
    StringBuilder h =
        new StringBuilder("HTTP/1.1 ")
            .append(reply.status())
            .append(' ')
            .append(reason(reply.status()))
            .append("\r\n");
    reply.headers().forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
    byte[] body = reply.body() == null ? new byte[0] : reply.body();
    boolean noBody = reply.status() == 304 || reply.status() == 204;
    if (!noBody) {
      h.append("Content-Length: ").append(body.length).append("\r\n");
    }
    h.append("Connection: close\r\n\r\n");
    out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
    switch (reply.fault()) {
      case NONE -> {
        if (!noBody) {
          out.write(body);
        }
        out.flush();
      }
      case RESET_MID_BODY -> {
        out.write(body, 0, body.length / 2);
        out.flush();
        sleep(100);
        try {
          s.setSoLinger(true, 0);
        } catch (SocketException e) {
          // already gone
        }
      }
      case CLOSE_MID_BODY -> {
        out.write(body, 0, body.length / 2);
        out.flush();
        s.shutdownOutput();
      }
      case HANG -> {
        out.flush();
        sleep(8_000);
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 304 -> "Not Modified";
      case 404 -> "Not Found";
      case 410 -> "Gone";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }

  @Override
  public void close() {
    open = false;
    try {
      socket.close();
    } catch (IOException e) {
      // closing
    }
    pool.shutdownNow();
  }
}
