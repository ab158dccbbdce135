package dev.chorus.bench;

import dev.chorus.bench.FeedFarm.Feed;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves a {@link FeedFarm} on 127.0.0.1 from one NIO thread, spread over several ports (one port
 * stands for one host), with ETag/Last-Modified, 304s, gzip and a fixed added latency per request
 * that costs no thread while it waits.
 */
public final class FarmServer implements AutoCloseable {
  private static final int MAX_REQUEST = 16 * 1024;

  private final List<Feed> feeds;
  private final Map<String, Feed> byPath = new HashMap<>();
  private final long latencyNanos;
  private final Selector selector;
  private final List<ServerSocketChannel> listeners = new ArrayList<>();
  private final int[] ports;
  private final PriorityQueue<Conn> due =
      new PriorityQueue<>((a, b) -> Long.compare(a.dueAt, b.dueAt));
  private final Thread thread;
  private volatile boolean running = true;
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong notModified = new AtomicLong();
  private final AtomicLong notFound = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  /** Binds {@code hosts} loopback ports and starts serving. */
  public FarmServer(FeedFarm farm, int hosts, Duration latency) throws IOException {
    this.feeds = farm.feeds();
    for (Feed f : feeds) {
      byPath.put(f.path(), f);
    }
    this.latencyNanos = latency.toNanos();
    this.selector = Selector.open();
    int n = Math.max(1, hosts);
    this.ports = new int[n];
    try {
      for (int i = 0; i < n; i++) {
        ServerSocketChannel ch = ServerSocketChannel.open();
        ch.bind(new InetSocketAddress("127.0.0.1", 0), 1024);
        ch.configureBlocking(false);
        ch.register(selector, SelectionKey.OP_ACCEPT);
        listeners.add(ch);
        ports[i] = ((InetSocketAddress) ch.getLocalAddress()).getPort();
      }
    } catch (IOException e) {
      close();
      throw e;
    }
    this.thread = new Thread(this::loop, "feed-farm");
    thread.setDaemon(true);
    thread.start();
  }

  /** The URL of feed {@code i}; feed i lives on host (port) i mod hosts. */
  public String url(int i) {
    return "http://127.0.0.1:" + ports[i % ports.length] + feeds.get(i).path();
  }

  public int hosts() {
    return ports.length;
  }

  /** Requests answered so far: [200, 304, 404, body bytes]. */
  public long[] counts() {
    return new long[] {ok.get(), notModified.get(), notFound.get(), bytes.get()};
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    if (thread != null) {
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (ServerSocketChannel ch : listeners) {
      try {
        ch.close();
      } catch (IOException e) {
        // closing
      }
    }
    for (SelectionKey k : selector.keys()) {
      try {
        k.channel().close();
      } catch (IOException e) {
        // closing
      }
    }
    try {
      selector.close();
    } catch (IOException e) {
      // closing
    }
  }

  /** One client connection: the bytes read so far and the response being written. */
  private static final class Conn {
    final SocketChannel ch;
    SelectionKey key;
    ByteBuffer in = ByteBuffer.allocate(2048);
    ByteBuffer[] out;
    boolean closeAfter;
    long dueAt;

    Conn(SocketChannel ch) {
      this.ch = ch;
    }
  }

  private void loop() {
    try {
      while (running) {
        long wait = 1000;
        Conn next = due.peek();
        if (next != null) {
          wait = Math.max(1, (next.dueAt - System.nanoTime() + 999_999) / 1_000_000);
        }
        selector.select(wait);
        var it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
          SelectionKey k = it.next();
          it.remove();
          try {
            if (!k.isValid()) {
              continue;
            }
            if (k.isAcceptable()) {
              accept((ServerSocketChannel) k.channel());
            } else if (k.isReadable()) {
              read((Conn) k.attachment());
            } else if (k.isWritable()) {
              write((Conn) k.attachment());
            }
          } catch (IOException | RuntimeException e) {
            drop(k);
          }
        }
        long now = System.nanoTime();
        while (!due.isEmpty() && due.peek().dueAt - now <= 0) {
          Conn c = due.poll();
          try {
            write(c);
          } catch (IOException e) {
            drop(c.key);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("feed farm stopped: " + e);
    }
  }

  private void accept(ServerSocketChannel server) throws IOException {
    for (int i = 0; i < 64; i++) {
      SocketChannel ch = server.accept();
      if (ch == null) {
        return;
      }
      ch.configureBlocking(false);
      ch.socket().setTcpNoDelay(true);
      Conn c = new Conn(ch);
      c.key = ch.register(selector, SelectionKey.OP_READ, c);
    }
  }

  private static void drop(SelectionKey k) {
    if (k == null) {
      return;
    }
    k.cancel();
    try {
      k.channel().close();
    } catch (IOException e) {
      // already gone
    }
  }

  private void read(Conn c) throws IOException {
    int n = c.ch.read(c.in);
    if (n < 0) {
      drop(c.key);
      return;
    }
    handleBuffered(c);
  }

  /** Answers the request in the buffer, if one is complete. */
  private void handleBuffered(Conn c) throws IOException {
    int end = headerEnd(c.in);
    if (end < 0) {
      if (!c.in.hasRemaining()) {
        if (c.in.capacity() >= MAX_REQUEST) {
          drop(c.key);
          return;
        }
        ByteBuffer bigger = ByteBuffer.allocate(c.in.capacity() * 2);
        c.in.flip();
        bigger.put(c.in);
        c.in = bigger;
      }
      return;
    }
    String head = new String(c.in.array(), 0, end, StandardCharsets.ISO_8859_1);
    c.in.flip();
    c.in.position(end + 4);
    c.in.compact();
    respond(c, head);
    c.key.interestOps(0);
    if (latencyNanos > 0) {
      c.dueAt = System.nanoTime() + latencyNanos;
      due.add(c);
    } else {
      write(c);
    }
  }

  private static int headerEnd(ByteBuffer in) {
    byte[] a = in.array();
    int off = in.arrayOffset();
    for (int i = 3; i < in.position(); i++) {
      int j = off + i;
      if (a[j] == '\n' && a[j - 1] == '\r' && a[j - 2] == '\n' && a[j - 3] == '\r') {
        return i - 3;
      }
    }
    return -1;
  }

  private void respond(Conn c, String head) {
    String[] lines = head.split("\r\n");
    String[] first = lines[0].split(" ");
    String method = first[0];
    String target = first.length > 1 ? first[1] : "/";
    Map<String, String> h = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        h.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    c.closeAfter =
        "close".equalsIgnoreCase(h.get("connection"))
            || (first.length > 2 && first[2].equals("HTTP/1.0"));
    int q = target.indexOf('?');
    Feed f = byPath.get(q < 0 ? target : target.substring(0, q));
    StringBuilder r = new StringBuilder(256);
    byte[] body = null;
    if (f == null) {
      notFound.incrementAndGet();
      body = "not found\n".getBytes(StandardCharsets.US_ASCII);
      r.append("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n");
    } else if (notModified(f, h)) {
      notModified.incrementAndGet();
      r.append("HTTP/1.1 304 Not Modified\r\n");
      validators(r, f);
    } else {
      ok.incrementAndGet();
      boolean gzip = h.getOrDefault("accept-encoding", "").contains("gzip");
      body = gzip ? f.gzip() : f.body();
      r.append("HTTP/1.1 200 OK\r\nContent-Type: ").append(f.contentType()).append("\r\n");
      if (gzip) {
        r.append("Content-Encoding: gzip\r\n");
      }
      r.append("Vary: Accept-Encoding\r\n");
      validators(r, f);
    }
    r.append("Server: chorus-feed-farm\r\nContent-Length: ")
        .append(body == null ? 0 : body.length)
        .append("\r\n");
    if (c.closeAfter) {
      r.append("Connection: close\r\n");
    }
    r.append("\r\n");
    ByteBuffer headBuf = ByteBuffer.wrap(r.toString().getBytes(StandardCharsets.ISO_8859_1));
    boolean withBody = body != null && !method.equals("HEAD");
    if (withBody) {
      bytes.addAndGet(body.length);
    }
    c.out =
        withBody ? new ByteBuffer[] {headBuf, ByteBuffer.wrap(body)} : new ByteBuffer[] {headBuf};
  }

  private static boolean notModified(Feed f, Map<String, String> h) {
    String inm = h.get("if-none-match");
    if (inm != null) {
      return f.etag() != null && (inm.contains(f.etag()) || inm.equals("*"));
    }
    String ims = h.get("if-modified-since");
    if (ims == null) {
      return false;
    }
    try {
      var fmt = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME;
      return !java.time.ZonedDateTime.parse(f.lastModified(), fmt)
          .isAfter(java.time.ZonedDateTime.parse(ims, fmt));
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  private static void validators(StringBuilder r, Feed f) {
    if (f.etag() != null) {
      r.append("ETag: ").append(f.etag()).append("\r\n");
    }
    r.append("Last-Modified: ").append(f.lastModified()).append("\r\n");
  }

  private void write(Conn c) throws IOException {
    if (!c.key.isValid()) {
      return;
    }
    c.ch.write(c.out);
    if (c.out[c.out.length - 1].hasRemaining()) {
      c.key.interestOps(SelectionKey.OP_WRITE);
      return;
    }
    c.out = null;
    if (c.closeAfter) {
      drop(c.key);
      return;
    }
    c.key.interestOps(SelectionKey.OP_READ);
    if (c.in.position() > 0) {
      handleBuffered(c);
    }
  }
}
