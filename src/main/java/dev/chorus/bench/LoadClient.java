package dev.chorus.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP/1.1 load generator on raw keep-alive sockets: each connection sends one GET,
 * reads the whole response, and sends the next; latencies go into a 1%-resolution histogram.
 */
final class LoadClient {
  private static final double STEP = Math.log(1.01);
  private static final int BUCKETS = 2200;

  /**
   * What one load run measured.
   *
   * @param requests responses read during the measured window
   * @param errors failed requests (non-2xx or I/O errors)
   * @param seconds length of the measured window
   * @param p50Ms median latency
   * @param p99Ms 99th percentile latency
   * @param bytes body bytes of the last response (to check what was served)
   */
  record Result(
      long requests, long errors, double seconds, double p50Ms, double p99Ms, long bytes) {
    double perSecond() {
      return requests / seconds;
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "%.0f req/s, p50 %.2f ms, p99 %.2f ms, %d errors, %d-byte body",
          perSecond(),
          p50Ms,
          p99Ms,
          errors,
          bytes);
    }
  }

  private LoadClient() {}

  static Result run(int port, String path, int connections, Duration warmup, Duration measure)
      throws InterruptedException {
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long end = measureFrom + measure.toNanos();
    long[][] hist = new long[connections][BUCKETS];
    AtomicLong errors = new AtomicLong();
    AtomicLong lastBytes = new AtomicLong();
    byte[] request =
        ("GET "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\nAccept-Encoding: gzip\r\nUser-Agent: chorus-bench\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < connections; t++) {
      long[] h = hist[t];
      Thread th =
          new Thread(
              () -> connectionLoop(port, request, measureFrom, end, h, errors, lastBytes),
              "load-" + t);
      th.setDaemon(true);
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join(Duration.ofNanos(end - System.nanoTime()).toMillis() + 30_000);
    }
    long[] all = new long[BUCKETS];
    long total = 0;
    for (long[] h : hist) {
      for (int i = 0; i < BUCKETS; i++) {
        all[i] += h[i];
        total += h[i];
      }
    }
    return new Result(
        total,
        errors.get(),
        measure.toNanos() / 1e9,
        percentile(all, total, 0.50),
        percentile(all, total, 0.99),
        lastBytes.get());
  }

  private static void connectionLoop(
      int port,
      byte[] request,
      long measureFrom,
      long end,
      long[] hist,
      AtomicLong errors,
      AtomicLong lastBytes) {
    Socket socket = null;
    BufferedInputStream in = null;
    try {
      while (System.nanoTime() < end) {
        try {
          if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
          }
          long t0 = System.nanoTime();
          OutputStream out = socket.getOutputStream();
          out.write(request);
          out.flush();
          Response r = Response.read(in);
          long t1 = System.nanoTime();
          if (t0 >= measureFrom && t1 <= end) {
            if (r.status < 200 || r.status >= 300) {
              errors.incrementAndGet();
            } else {
              hist[bucket((t1 - t0) / 1000.0)]++;
              lastBytes.set(r.bodyBytes);
            }
          }
          if (r.close) {
            socket.close();
            socket = null;
          }
        } catch (IOException e) {
          errors.incrementAndGet();
          close(socket);
          socket = null;
        }
      }
    } finally {
      close(socket);
    }
  }

  private static void close(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // done with it
      }
    }
  }

  static int bucket(double micros) {
    if (micros <= 1) {
      return 0;
    }
    return Math.min(BUCKETS - 1, (int) Math.ceil(Math.log(micros) / STEP));
  }

  static double percentile(long[] hist, long total, double q) {
    if (total == 0) {
      return Double.NaN;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < hist.length; i++) {
      seen += hist[i];
      if (seen >= rank) {
        return Math.exp(i * STEP) / 1000.0;
      }
    }
    return Double.NaN;
  }

  /** The parts of a response the load loop needs. */
  private static final class Response {
    int status;
    long bodyBytes;
    boolean close;

    static Response read(InputStream in) throws IOException {
      Response r = new Response();
      String statusLine = line(in);
      if (statusLine == null) {
        throw new IOException("connection closed");
      }
      r.status = Integer.parseInt(statusLine.split(" ")[1]);
      long length = -1;
      boolean chunked = false;
      String l;
      while ((l = line(in)) != null && !l.isEmpty()) {
        int colon = l.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = l.substring(colon + 1).trim();
        switch (name) {
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          case "connection" -> r.close = value.equalsIgnoreCase("close");
          default -> {}
        }
      }
      if (chunked) {
        while (true) {
          String size = line(in);
          if (size == null) {
            throw new IOException("truncated chunk");
          }
          int semi = size.indexOf(';');
          long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
          if (n == 0) {
            while ((l = line(in)) != null && !l.isEmpty()) {
              // trailers
            }
            break;
          }
          skip(in, n);
          r.bodyBytes += n;
          line(in);
        }
      } else if (length >= 0) {
        skip(in, length);
        r.bodyBytes = length;
      } else if (r.status != 204 && r.status != 304) {
        r.close = true;
        r.bodyBytes = in.transferTo(OutputStream.nullOutputStream());
      }
      return r;
    }

    private static void skip(InputStream in, long n) throws IOException {
      long left = n;
      while (left > 0) {
        long k = in.skip(left);
        if (k <= 0) {
          if (in.read() < 0) {
            throw new IOException("truncated body");
          }
          k = 1;
        }
        left -= k;
      }
    }

    private static String line(InputStream in) throws IOException {
      StringBuilder sb = new StringBuilder(64);
      int c;
      while ((c = in.read()) >= 0) {
        if (c == '\n') {
          int len = sb.length();
          return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
        }
        sb.append((char) c);
      }
      return sb.length() == 0 ? null : sb.toString();
    }
  }
}
