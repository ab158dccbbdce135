package dev.chorus.store;

import dev.chorus.model.ParsedEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A 128-bit fingerprint of what an entry shows, to tell a changed post from an unchanged one
 * without comparing every field. Not a security measure: a publisher who forges a collision only
 * hides an edit of their own post. MurmurHash3's x64 128-bit mixing over the fields' UTF-16 units,
 * four per word; each field is preceded by its length (null is -1), so ("ab", "c") and ("a", "bc")
 * differ. Written as {@value #PREFIX} and 32 hex digits; fingerprints stored before this format (a
 * SHA-256 prefix, 32 hex digits) are recognised by their lack of the prefix.
 */
final class EntryHash {
  static final String PREFIX = "m3:";

  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;

  private long h1 = 0x9e3779b97f4a7c15L;
  private long h2 = 0x632be59bd9b4e019L;
  private long pending;
  private boolean hasPending;
  private long words;
  private final char[] chunk = new char[256];

  private EntryHash() {}

  /** The fingerprint of the fields an entry shows. */
  static String of(ParsedEntry e) {
    EntryHash h = new EntryHash();
    h.field(e.guid());
    h.field(e.url());
    h.field(e.title());
    h.field(e.author());
    h.field(e.published() == null ? null : e.published().iso());
    h.field(e.updated() == null ? null : e.updated().toString());
    h.field(e.summaryHtml());
    h.field(e.contentHtml());
    return h.finish();
  }

  /** Whether {@code stored} (in either format) fingerprints the same fields as {@code current}. */
  static boolean same(String stored, String current, ParsedEntry e) {
    if (stored == null) {
      return false;
    }
    return stored.startsWith(PREFIX) ? stored.equals(current) : stored.equals(legacy(e));
  }

  /** Whether a stored fingerprint predates this format (and is worth rewriting). */
  static boolean isLegacy(String stored) {
    return stored != null && !stored.startsWith(PREFIX);
  }

  private void field(String s) {
    if (s == null) {
      word(-1);
      return;
    }
    int n = s.length();
    word(n);
    // copied out a chunk at a time: String.charAt costs a call per character under C1
    char[] c = chunk;
    for (int from = 0; from < n; from += c.length) {
      int len = Math.min(c.length, n - from);
      s.getChars(from, from + len, c, 0);
      int i = 0;
      if (hasPending && i + 4 <= len) { // pair the pending word first, so that pairs start here
        word(c[i] | (long) c[i + 1] << 16 | (long) c[i + 2] << 32 | (long) c[i + 3] << 48);
        i += 4;
      }
      // two words a turn, mixed in line: under C1 a call per word was a fifth of the fingerprint
      long a = h1;
      long b = h2;
      int pairs = 0;
      for (; i + 8 <= len; i += 8) {
        long k1 = c[i] | (long) c[i + 1] << 16 | (long) c[i + 2] << 32 | (long) c[i + 3] << 48;
        long k2 = c[i + 4] | (long) c[i + 5] << 16 | (long) c[i + 6] << 32 | (long) c[i + 7] << 48;
        a ^= Long.rotateLeft(k1 * C1, 31) * C2;
        a = Long.rotateLeft(a, 27) + b;
        a = a * 5 + 0x52dce729;
        b ^= Long.rotateLeft(k2 * C2, 33) * C1;
        b = Long.rotateLeft(b, 31) + a;
        b = b * 5 + 0x38495ab5;
        pairs++;
      }
      h1 = a;
      h2 = b;
      words += 2L * pairs;
      for (; i + 4 <= len; i += 4) {
        word(c[i] | (long) c[i + 1] << 16 | (long) c[i + 2] << 32 | (long) c[i + 3] << 48);
      }
      if (i < len) { // only in the last chunk: a chunk's length is a multiple of four
        long w = 0;
        for (int shift = 0; i < len; i++, shift += 16) {
          w |= (long) c[i] << shift;
        }
        word(w);
      }
    }
  }

  private void word(long w) {
    words++;
    if (!hasPending) {
      pending = w;
      hasPending = true;
      return;
    }
    hasPending = false;
    mix(pending, w);
  }

  /**
   * One MurmurHash3 round over two words. {@link #field} repeats these steps in its loop (C1 would
   * not inline this method there); a change here must be made there too, and the pinned
   * fingerprints of {@code EntryHashTest} tell when the two disagree.
   */
  private void mix(long k1, long k2) {
    h1 ^= Long.rotateLeft(k1 * C1, 31) * C2;
    h1 = Long.rotateLeft(h1, 27) + h2;
    h1 = h1 * 5 + 0x52dce729;
    h2 ^= Long.rotateLeft(k2 * C2, 33) * C1;
    h2 = Long.rotateLeft(h2, 31) + h1;
    h2 = h2 * 5 + 0x38495ab5;
  }

  private String finish() {
    if (hasPending) {
      mix(pending, 0);
    }
    h1 ^= words;
    h2 ^= words;
    h1 += h2;
    h2 += h1;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 += h2;
    h2 += h1;
    HexFormat hex = HexFormat.of();
    return PREFIX + hex.toHexDigits(h1) + hex.toHexDigits(h2);
  }

  private static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  /** The fingerprint as first stored: SHA-256 of the fields, its first 16 bytes in hex. */
  static String legacy(ParsedEntry e) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Object field :
          new Object[] {
            e.guid(),
            e.url(),
            e.title(),
            e.author(),
            e.published() == null ? null : e.published().iso(),
            e.updated(),
            e.summaryHtml(),
            e.contentHtml()
          }) {
        md.update(String.valueOf(field).getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest(), 0, 16);
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
