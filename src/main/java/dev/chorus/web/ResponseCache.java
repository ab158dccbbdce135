package dev.chorus.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Rendered output, kept with its gzip form and validators until the data's version changes, so
 * repeated requests cost a map lookup and 304s cost nothing.
 */
final class ResponseCache {
  private static final int MAX_ENTRIES = 1000;
  private final Map<String, Rendered> cache = new ConcurrentHashMap<>();

  /** One rendered response. */
  record Rendered(long version, byte[] body, byte[] gzip, String etag, Instant lastModified) {}

  Rendered get(String key, long version, Instant lastModified, Supplier<byte[]> render) {
    Rendered r = cache.get(key);
    if (r != null && r.version() == version) {
      return r;
    }
    byte[] body = render.get();
    r = new Rendered(version, body, gzip(body), etag(body), lastModified);
    if (cache.size() >= MAX_ENTRIES) {
      cache.clear();
    }
    cache.put(key, r);
    return r;
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  private static String etag(byte[] body) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
