package dev.chorus.fetch;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** Decides whether an address is on the public internet, and parses numeric URL host spellings. */
public final class AddressGuard {

  private AddressGuard() {}

  /** True only for globally routable unicast addresses; every special-purpose range is refused. */
  public static boolean isPublic(InetAddress a) {
    return refusal(a) == null;
  }

  /**
   * Why {@code a} is refused, as a noun phrase ("a loopback address"), or null when it is public.
   */
  static String refusal(InetAddress a) {
    byte[] b = a.getAddress();
    return b.length == 4 ? refusal4(b, 0) : refusal6(b);
  }

  private static String refusal4(byte[] b, int off) {
    int a0 = b[off] & 0xff;
    int a1 = b[off + 1] & 0xff;
    int a2 = b[off + 2] & 0xff;
    if (a0 == 0) {
      return "an unspecified address";
    }
    if (a0 == 127) {
      return "a loopback address";
    }
    if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
      return "a private address";
    }
    if (a0 == 169 && a1 == 254) {
      return "a link-local address";
    }
    if (a0 == 100 && (a1 & 0xc0) == 64) {
      return "a carrier-grade NAT address";
    }
    if (a0 == 192 && a1 == 0 && a2 == 0) {
      return "a protocol-assignment address";
    }
    if ((a0 == 192 && a1 == 0 && a2 == 2)
        || (a0 == 198 && a1 == 51 && a2 == 100)
        || (a0 == 203 && a1 == 0 && a2 == 113)) {
      return "a documentation address";
    }
    if (a0 == 192 && a1 == 88 && a2 == 99) {
      return "a 6to4 relay address";
    }
    if (a0 == 198 && (a1 & 0xfe) == 18) {
      return "a benchmarking address";
    }
    if ((a0 & 0xf0) == 224) {
      return "a multicast address";
    }
    if (a0 == 255 && a1 == 255 && a2 == 255 && (b[off + 3] & 0xff) == 255) {
      return "a broadcast address";
    }
    if ((a0 & 0xf0) == 240) {
      return "a reserved address";
    }
    return null;
  }

  private static String refusal6(byte[] b) {
    int w0 = word(b, 0);
    int w1 = word(b, 2);
    boolean first80Zero =
        w0 == 0 && w1 == 0 && word(b, 4) == 0 && word(b, 6) == 0 && word(b, 8) == 0;
    int w5 = word(b, 10);
    if (first80Zero && w5 == 0 && word(b, 12) == 0) {
      int last = word(b, 14);
      if (last == 0) {
        return "an unspecified address";
      }
      if (last == 1) {
        return "a loopback address";
      }
    }
    if (first80Zero && (w5 == 0 || w5 == 0xffff)) {
      // IPv4-compatible ::a.b.c.d and IPv4-mapped ::ffff:a.b.c.d
      return embedded(b, 12);
    }
    if (w0 == 0
        && w1 == 0
        && word(b, 4) == 0
        && word(b, 6) == 0
        && word(b, 8) == 0xffff
        && w5 == 0) {
      // IPv4-translated ::ffff:0:a.b.c.d (SIIT)
      return embedded(b, 12);
    }
    if (w0 == 0x64 && w1 == 0xff9b) {
      if (word(b, 4) == 0 && word(b, 6) == 0 && word(b, 8) == 0 && w5 == 0) {
        return embedded(b, 12); // NAT64 64:ff9b::/96
      }
      if (word(b, 4) == 1) {
        return "a local NAT64 address"; // 64:ff9b:1::/48
      }
    }
    if (w0 == 0x2002) {
      return embedded(b, 2); // 6to4
    }
    if (w0 == 0x2001 && w1 == 0) {
      // Teredo: server IPv4 in bits 32..63, client IPv4 inverted in the last 32 bits.
      String server = embedded(b, 4);
      if (server != null) {
        return server;
      }
      byte[] client = new byte[4];
      for (int i = 0; i < 4; i++) {
        client[i] = (byte) ~b[12 + i];
      }
      return embedded(client, 0);
    }
    if (w0 == 0x2001 && w1 == 0x0db8) {
      return "a documentation address";
    }
    if (w0 == 0x0100 && w1 == 0 && word(b, 4) == 0 && word(b, 6) == 0) {
      return "a discard-only address";
    }
    if ((w0 & 0xfe00) == 0xfc00) {
      return "a unique local address";
    }
    if ((w0 & 0xffc0) == 0xfe80) {
      return "a link-local address";
    }
    if ((w0 & 0xffc0) == 0xfec0) {
      return "a site-local address";
    }
    if ((w0 & 0xff00) == 0xff00) {
      return "a multicast address";
    }
    if ((w0 & 0xe000) != 0x2000) {
      return "a reserved address"; // outside global unicast 2000::/3
    }
    return null;
  }

  private static String embedded(byte[] b, int off) {
    String r = refusal4(b, off);
    return r == null ? null : r.replace(" address", " address embedded in IPv6");
  }

  private static int word(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }

  /**
   * Parses a host written as an IPv4 number the way inet_aton does: one to four dot-separated
   * parts, each decimal, octal (leading 0) or hex (0x), the last part filling the remaining bytes.
   * Returns null when {@code host} is not such a number. A single trailing dot is ignored.
   */
  static InetAddress parseNumericIpv4(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (h.isEmpty()) {
      return null;
    }
    String[] parts = h.split("\\.", -1);
    if (parts.length > 4) {
      return null;
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      long v = parsePart(parts[i].toLowerCase(Locale.ROOT));
      if (v < 0) {
        return null;
      }
      values[i] = v;
    }
    long address = 0;
    for (int i = 0; i < values.length - 1; i++) {
      if (values[i] > 0xff) {
        return null;
      }
      address |= values[i] << (8 * (3 - i));
    }
    long last = values[values.length - 1];
    int lastBytes = 4 - (values.length - 1);
    if (last >= (1L << (8 * lastBytes))) {
      return null;
    }
    address |= last;
    byte[] bytes = {
      (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address
    };
    try {
      return Inet4Address.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new AssertionError(e); // four bytes are always valid
    }
  }

  private static long parsePart(String p) {
    int radix = 10;
    String digits = p;
    if (p.startsWith("0x")) {
      radix = 16;
      digits = p.substring(2);
      if (digits.isEmpty()) {
        return 0; // "0x" alone is zero for inet_aton
      }
    } else if (p.length() > 1 && p.startsWith("0")) {
      radix = 8;
      digits = p.substring(1);
    }
    if (digits.isEmpty() || digits.length() > 12) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = Character.digit(digits.charAt(i), radix);
      if (d < 0) {
        return -1;
      }
      v = v * radix + d;
    }
    return v;
  }

  /** True for "localhost" and names under ".localhost" (RFC 6761), ignoring trailing dots. */
  static boolean isLocalhostName(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.equals("localhost") || h.endsWith(".localhost");
  }
}
