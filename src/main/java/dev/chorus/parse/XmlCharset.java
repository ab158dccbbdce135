package dev.chorus.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns feed bytes into text: BOM first, then the HTTP charset, then the XML declaration, then
 * UTF-8, with undeclared windows-1252 recognised and undecodable bytes replaced.
 */
final class XmlCharset {

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
  private static final Charset UTF_32LE = Charset.forName("UTF-32LE");
  private static final Pattern HTTP_CHARSET =
      Pattern.compile("(?i)charset\\s*=\\s*[\"']?([A-Za-z0-9._:+-]+)");
  private static final Pattern DECL_ENCODING =
      Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:+-]+)[\"']");

  private XmlCharset() {}

  /** The decoded text, without a byte-order mark. */
  static String decode(byte[] b, String contentType) {
    int n = b.length;
    // 1. Byte-order marks.
    if (n >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF) {
      return lenient(b, 4, UTF_32BE);
    }
    if (n >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0) {
      return lenient(b, 4, UTF_32LE);
    }
    if (n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      return utf8(b, 3);
    }
    if (n >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      return lenient(b, 2, StandardCharsets.UTF_16BE);
    }
    if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      return lenient(b, 2, StandardCharsets.UTF_16LE);
    }
    // 2. Wide encodings without BOM, recognised by how '<' is laid out.
    if (n >= 4) {
      if (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == '<') {
        return lenient(b, 0, UTF_32BE);
      }
      if (b[0] == '<' && b[1] == 0 && b[2] == 0 && b[3] == 0) {
        return lenient(b, 0, UTF_32LE);
      }
      if (b[0] == 0 && b[1] == '<' && b[2] == 0 && b[3] != 0) {
        return lenient(b, 0, StandardCharsets.UTF_16BE);
      }
      if (b[0] == '<' && b[1] == 0 && b[2] != 0 && b[3] == 0) {
        return lenient(b, 0, StandardCharsets.UTF_16LE);
      }
    }
    // 3. HTTP charset (RFC 3023: it overrides the XML declaration), 4. XML declaration.
    Charset cs = httpCharset(contentType);
    if (cs == null) {
      cs = declaredCharset(b);
    }
    if (cs == null || cs.equals(StandardCharsets.UTF_8)) {
      return utf8(b, 0);
    }
    String name = cs.name();
    if (name.equals("US-ASCII") || name.equals("ISO-8859-1")) {
      cs = WINDOWS_1252; // what browsers do, and a superset of both
    }
    return lenient(b, 0, cs);
  }

  static Charset httpCharset(String contentType) {
    if (contentType == null) {
      return null;
    }
    Matcher m = HTTP_CHARSET.matcher(contentType);
    return m.find() ? single(m.group(1)) : null;
  }

  private static Charset declaredCharset(byte[] b) {
    int len = Math.min(b.length, 512);
    String head = new String(b, 0, len, StandardCharsets.ISO_8859_1);
    Matcher m = DECL_ENCODING.matcher(head);
    return m.find() ? single(m.group(1)) : null;
  }

  /** A charset usable for 8-bit text; wide encodings declared over 8-bit bytes are ignored. */
  private static Charset single(String name) {
    try {
      Charset cs = Charset.forName(name.trim().toLowerCase(Locale.ROOT));
      String n = cs.name();
      if (n.startsWith("UTF-16") || n.startsWith("UTF-32")) {
        return null; // bytes were not laid out as UTF-16/32 (checked above)
      }
      return cs;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String utf8(byte[] b, int offset) {
    // Fast path: the JDK's intrinsic decoder; without U+FFFD in its output the bytes were valid
    // UTF-8 and the text equals the strict decoding below.
    String fast = new String(b, offset, b.length - offset, StandardCharsets.UTF_8);
    if (fast.indexOf('\uFFFD') < 0) {
      return fast;
    }
    CharsetDecoder strict =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return strict.decode(ByteBuffer.wrap(b, offset, b.length - offset)).toString();
    } catch (CharacterCodingException e) {
      if (!hasValidMultibyteUtf8(b, offset)) {
        return new String(b, offset, b.length - offset, WINDOWS_1252);
      }
      return new String(b, offset, b.length - offset, StandardCharsets.UTF_8);
    }
  }

  /** True when the bytes hold at least one well-formed multi-byte UTF-8 sequence. */
  private static boolean hasValidMultibyteUtf8(byte[] b, int i) {
    int n = b.length;
    while (i < n) {
      int c = b[i] & 0xFF;
      int len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 1;
      if (len > 1 && c < 0xF5 && i + len <= n) {
        boolean ok = true;
        for (int k = 1; k < len; k++) {
          if ((b[i + k] & 0xC0) != 0x80) {
            ok = false;
            break;
          }
        }
        if (ok) {
          return true;
        }
      }
      i++;
    }
    return false;
  }

  private static String lenient(byte[] b, int offset, Charset cs) {
    CharsetDecoder d =
        cs.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try {
      CharBuffer out = d.decode(ByteBuffer.wrap(b, offset, b.length - offset));
      return out.toString();
    } catch (CharacterCodingException e) {
      return new String(b, offset, b.length - offset, StandardCharsets.UTF_8);
    }
  }
}
