package dev.chorus.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An opaque keyset position (sort instant, id) that survives new arrivals. */
public record Cursor(long sortAt, long id) {
  /** The cursor as an URL-safe token. */
  public String token() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((sortAt + "." + id).getBytes(StandardCharsets.US_ASCII));
  }

  /** Reads a token made by {@link #token()}; throws IllegalArgumentException on anything else. */
  public static Cursor parse(String token) {
    if (token == null || token.length() > 64) {
      throw new IllegalArgumentException("invalid cursor");
    }
    try {
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
      int dot = s.indexOf('.');
      if (dot < 1 || !s.matches("-?\\d{1,19}\\.\\d{1,19}")) {
        throw new IllegalArgumentException("invalid cursor");
      }
      return new Cursor(Long.parseLong(s.substring(0, dot)), Long.parseLong(s.substring(dot + 1)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid cursor", e);
    }
  }
}
