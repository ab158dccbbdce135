package dev.chorus.clean;

import java.util.Set;

/**
 * A single-pass allowlist HTML sanitiser. It tokenises the input as HTML5 does, keeps the open
 * elements balanced as browsers would nest them ({@link HtmlElement}), and writes only what the
 * {@link Policy} allows: element and attribute names from the policy's constants, attribute values
 * the policy accepted, always double-quoted and escaped, and text decoded then re-escaped. Content
 * of script, style and the like is dropped; comments and declarations are dropped. Nothing of the
 * input is copied to the output unexamined.
 */
final class AllowlistSanitizer {

  /** What to keep. The sanitiser knows HTML; the policy knows what is safe to show. */
  interface Policy {

    /** The elements that may be written, lower case. */
    Set<String> elements();

    /** Every attribute name that may be written on some element, lower case. */
    Set<String> attributes();

    /**
     * The value to write for an attribute of an allowed element (names lower case, value with its
     * character references decoded), or null to drop the attribute.
     */
    String attribute(String element, String name, String value, String base);

    /** Whether to write the element with the attributes kept; may add attributes. */
    boolean keep(String element, Attributes attributes);
  }

  /** The attributes kept for a start tag, in the order read. */
  static final class Attributes {
    private String[] names = new String[8];
    private String[] values = new String[8];
    private int size;

    void add(String name, String value) {
      if (size == names.length) {
        names = java.util.Arrays.copyOf(names, size * 2);
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      names[size] = name;
      values[size++] = value;
    }

    boolean has(String name) {
      for (int i = 0; i < size; i++) {
        if (names[i].equals(name)) {
          return true;
        }
      }
      return false;
    }

    boolean isEmpty() {
      return size == 0;
    }

    private void clear() {
      size = 0;
    }
  }

  /**
   * Elements nested deeper are neither written nor tracked, and text in them is dropped (as the
   * OWASP sanitizer did): browsers restructure such trees anyway.
   */
  static final int MAX_DEPTH = 256;

  /** How each ASCII character is escaped in text and attribute values (null: as is). */
  private static final char[][] ESCAPES = new char[0x80][];

  private static final char[] NOTHING = {};
  private static final char[] SPLIT_BRACES_IN_TEXT = "{<!-- -->".toCharArray();
  private static final char[] SPLIT_BRACES_IN_VALUE = "{\u200B".toCharArray();
  private static final char[] GREEK_VARIA = "&#8175;".toCharArray(); // normalises to a backtick

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPES[c] = c == '\t' || c == '\n' || c == '\r' ? null : NOTHING; // other controls dropped
    }
    ESCAPES['&'] = "&amp;".toCharArray();
    ESCAPES['<'] = "&lt;".toCharArray();
    ESCAPES['>'] = "&gt;".toCharArray();
    ESCAPES['"'] = "&#34;".toCharArray();
    ESCAPES['\''] = "&#39;".toCharArray();
    // as the OWASP sanitizer: characters special in attributes, UTF-7 and old IE
    ESCAPES['='] = "&#61;".toCharArray();
    ESCAPES['+'] = "&#43;".toCharArray();
    ESCAPES['@'] = "&#64;".toCharArray();
    ESCAPES['`'] = "&#96;".toCharArray();
  }

  private final Policy policy;
  private final boolean[] allowed = new boolean[HtmlElement.count()];
  private final String[] attributeNames;

  /** The state of a pass, reused by the next pass on the same thread. */
  private final ThreadLocal<Pass> passes = ThreadLocal.withInitial(Pass::new);

  AllowlistSanitizer(Policy policy) {
    this.policy = policy;
    for (String name : policy.elements()) {
      HtmlElement e = HtmlElement.get(name);
      // browsers do not read the content of raw-text elements as escaped text (a script's is
      // run); the content of an iframe is never written
      if (e == null || !e.tracked || (e.content != HtmlElement.MARKUP && !name.equals("iframe"))) {
        throw new IllegalArgumentException("cannot allow element " + name);
      }
      allowed[e.id] = true;
    }
    attributeNames = policy.attributes().toArray(new String[0]);
    if (attributeNames.length > 64) {
      throw new IllegalArgumentException("more than 64 attribute names");
    }
  }

  /** The sanitised HTML; URLs in it are resolved against base by the policy. */
  String sanitize(String html, String base) {
    return passes.get().run(html, base);
  }

  /** One sanitising pass over one input at a time. */
  private final class Pass {
    /** Buffers grown beyond this many characters are not kept for the next pass. */
    private static final int KEEP = 1 << 16;

    private char[] in = new char[1024];
    private int n;
    private String base;

    /** The output so far, in out[0, length). */
    private char[] out = new char[1024];

    private int length;

    /** The open elements, innermost last, and whether each was written. */
    private final HtmlElement[] open = new HtmlElement[MAX_DEPTH];

    private final boolean[] written = new boolean[MAX_DEPTH];
    private int depth;
    private int openLinks;

    /** Formatting elements an end tag closed early, to reopen before what follows (last first). */
    private HtmlElement[] reopen = new HtmlElement[8];

    private int reopenCount;

    private final Attributes attributes = new Attributes();
    private final Attributes noAttributes = new Attributes();

    /** The policy's attribute names seen on the current tag, by index. */
    private long seen;

    private CharacterReferences decoded = new CharacterReferences();

    String run(String html, String base) {
      n = html.length();
      if (in.length < n) {
        in = new char[n];
      }
      html.getChars(0, n, in, 0);
      this.base = base;
      length = 0;
      depth = 0;
      openLinks = 0;
      reopenCount = 0;
      try {
        scan();
        return new String(out, 0, length);
      } finally {
        this.base = null;
        // what a huge input grew is not kept for the thread's next pass
        if (in.length > KEEP) {
          in = new char[1024];
        }
        if (out.length > KEEP) {
          out = new char[1024];
        }
        if (decoded.chars().length > KEEP) {
          decoded = new CharacterReferences();
        }
        if (reopen.length > MAX_DEPTH) {
          reopen = new HtmlElement[8];
        }
      }
    }

    private void scan() {
      int textStart = 0;
      boolean dirty = false; // the text holds references to decode or characters to drop
      for (int i = 0; i < n; i++) {
        char c = in[i];
        if (c != '<') {
          // references, or perhaps characters to drop (checked here without a call: a hot loop)
          dirty |= c == '&' || (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c >= 0xD800;
          continue;
        }
        int next = i + 1 < n ? in[i + 1] : -1;
        if (isAsciiLetter(next)
            || next == '!'
            || next == '?'
            || (next == '/' && i + 2 < n)) { // "</" at the very end is text
          text(textStart, i, true, dirty);
          textStart = markup(i);
          i = textStart - 1;
          dirty = false;
        } // else a '<' that starts no markup is text
      }
      text(textStart, n, true, dirty);
      while (depth > 0) {
        closeTop(false);
      }
    }

    /** Reads the markup at in[lt] ('<'); returns where the text after it starts. */
    private int markup(int lt) {
      char c = in[lt + 1];
      if (c == '/') {
        char d = in[lt + 2];
        if (isAsciiLetter(d)) {
          return endTag(lt);
        }
        return d == '>' ? lt + 3 : after('>', lt + 2); // "</>" and bogus comments are dropped
      }
      if (c == '!') {
        return lt + 3 < n && in[lt + 2] == '-' && in[lt + 3] == '-'
            ? commentEnd(lt + 4)
            : after('>', lt + 2); // <!DOCTYPE>, <![CDATA[...]>: bogus comments
      }
      if (c == '?') {
        return after('>', lt + 2);
      }
      return startTag(lt);
    }

    private int startTag(int lt) {
      int nameEnd = nameEnd(lt + 1);
      HtmlElement e = HtmlElement.lookup(in, lt + 1, nameEnd);
      boolean allowedElement = e != null && allowed[e.id];
      attributes.clear();
      seen = 0;
      int end = attributes(nameEnd, allowedElement ? e : null);
      if (end < 0) {
        return n; // a tag cut off by the end of the input is dropped, as browsers do
      }
      if (e == null) {
        return end;
      }
      if (e.tracked) {
        open(e, allowedElement);
      }
      return e.content == HtmlElement.MARKUP ? end : rawText(e, end);
    }

    private int endTag(int lt) {
      int nameEnd = nameEnd(lt + 2);
      HtmlElement e = HtmlElement.lookup(in, lt + 2, nameEnd);
      int end = attributes(nameEnd, null);
      if (end < 0) {
        return n;
      }
      if (e != null && e.tracked) {
        close(e);
      }
      return end;
    }

    /**
     * Reads a tag's attributes from i up to its '>', handing those of an allowed element to the
     * policy; returns the index after the '>', or -1 when the input ends first.
     */
    private int attributes(int i, HtmlElement element) {
      while (true) {
        while (i < n && (isSpace(in[i]) || in[i] == '/')) {
          i++;
        }
        if (i == n) {
          return -1;
        }
        if (in[i] == '>') {
          return i + 1;
        }
        int nameStart = i++; // the first character is part of the name, even '='
        while (i < n && !endsAttributeName(in[i])) {
          i++;
        }
        int nameEnd = i;
        while (i < n && isSpace(in[i])) {
          i++;
        }
        int valueStart = -1;
        int valueEnd = -1;
        if (i < n && in[i] == '=') {
          i++;
          while (i < n && isSpace(in[i])) {
            i++;
          }
          if (i == n) {
            return -1;
          }
          char q = in[i];
          if (q == '"' || q == '\'') {
            valueStart = i + 1;
            valueEnd = find(q, valueStart);
            if (valueEnd < 0) {
              return -1;
            }
            i = valueEnd + 1;
          } else {
            valueStart = i;
            while (i < n && !isSpace(in[i]) && in[i] != '>') {
              i++;
            }
            valueEnd = i;
          }
        }
        if (element != null) {
          attribute(element, nameStart, nameEnd, valueStart, valueEnd);
        }
      }
    }

    private void attribute(
        HtmlElement element, int nameStart, int nameEnd, int valueStart, int valueEnd) {
      int k = attributeIndex(nameStart, nameEnd);
      if (k < 0 || (seen & (1L << k)) != 0) {
        return; // not in the policy, or a repeat: the first one counts, as in browsers
      }
      seen |= 1L << k;
      String value = valueStart < 0 ? "" : attributeValue(valueStart, valueEnd);
      String kept = policy.attribute(element.name, attributeNames[k], value, base);
      if (kept != null) {
        attributes.add(attributeNames[k], kept);
      }
    }

    private int attributeIndex(int from, int to) {
      for (int k = 0; k < attributeNames.length; k++) {
        String a = attributeNames[k];
        if (a.length() == to - from
            && a.charAt(0) == HtmlElement.lower(in[from])
            && HtmlElement.isName(a, in, from, to)) {
          return k;
        }
      }
      return -1;
    }

    /** The raw text of e from start: dropped or written as text. Returns where it ends. */
    private int rawText(HtmlElement e, int start) {
      int end = e.content == HtmlElement.PLAIN_TEXT ? n : endTagOf(e, start);
      text(start, end, e.content == HtmlElement.ESCAPABLE_RAW_TEXT, true);
      return end;
    }

    /** Where e's end tag starts at or after from, or n. */
    private int endTagOf(HtmlElement e, int from) {
      int len = e.name.length();
      for (int i = from; (i = find('<', i)) >= 0; i++) {
        int after = i + 2 + len;
        if (after < n
            && in[i + 1] == '/'
            && endsName(in[after])
            && HtmlElement.isName(e.name, in, i + 2, after)) {
          return i;
        }
      }
      return n;
    }

    /** A start tag: the element goes where it fits, written if the policy keeps it. */
    private void open(HtmlElement e, boolean allowedElement) {
      makeRoomFor(e);
      if (depth == MAX_DEPTH) {
        return;
      }
      boolean write = allowedElement && fits(e) && policy.keep(e.name, attributes);
      if (write) {
        startTag(e, attributes);
      }
      if (!e.isVoid) {
        push(e, write);
      }
    }

    /**
     * Whether e may be written where it would go now, so that browsers nest it as written and it
     * cannot end an element of the page around the sanitised HTML: table parts and list items only
     * directly in a written element of their table or list, nothing else directly in a written
     * table, row group, row or column group, and no heading directly in a written heading (which
     * browsers would end, and then match a later end tag with an element further out).
     */
    private boolean fits(HtmlElement e) {
      HtmlElement parent = writtenParent();
      if (e.needsParent()) {
        return parent != null && e.belongsIn(parent);
      }
      return parent == null || !(parent.holdsOnlyTableParts || (e.heading && parent.heading));
    }

    /** The innermost open element that was written, or null. */
    private HtmlElement writtenParent() {
      for (int i = depth - 1; i >= 0; i--) {
        if (written[i]) {
          return open[i];
        }
      }
      return null;
    }

    /** Opens an element the input implies (a table row, a list item, a reopened {@code <b>}). */
    private void openImplied(HtmlElement e) {
      if (depth == MAX_DEPTH) {
        return;
      }
      noAttributes.clear();
      boolean write = allowed[e.id] && fits(e) && policy.keep(e.name, noAttributes);
      if (write) {
        startTag(e, noAttributes);
      }
      push(e, write);
    }

    private void push(HtmlElement e, boolean write) {
      open[depth] = e;
      written[depth++] = write;
      if (e == HtmlElement.LINK) {
        openLinks++;
      }
    }

    /**
     * Before a child (null: text) is added: closes the open elements that cannot hold it (or the
     * wrapper it needs: a table for a row...), opens its wrappers, and reopens formatting elements
     * closed early that can hold it. Links do not nest: an open one is closed first.
     */
    private void makeRoomFor(HtmlElement child) {
      HtmlElement[] wrappers;
      while (true) {
        HtmlElement top = depth > 0 ? open[depth - 1] : HtmlElement.BODY;
        wrappers = top.wrappersFor(child);
        if (depth == 0 || top.canContain(wrappers.length > 0 ? wrappers[0] : child)) {
          break;
        }
        closeTop(top != child);
      }
      for (HtmlElement w : wrappers) {
        openImplied(w);
      }
      while (depth > 0) {
        HtmlElement top = open[depth - 1];
        if (top.canContain(child) && !(child == HtmlElement.LINK && openLinks > 0)) {
          break;
        }
        closeTop(top != child);
      }
      while (reopenCount > 0) {
        HtmlElement r = reopen[reopenCount - 1];
        if ((depth == 0 || open[depth - 1].canContain(r)) && r.canContain(child)) {
          reopenCount--;
          openImplied(r);
        } else {
          break;
        }
      }
    }

    /** An end tag: closes the element and those opened in it, unless a scope hides it. */
    private void close(HtmlElement e) {
      int at = depth - 1;
      for (; at >= 0; at--) {
        HtmlElement o = open[at];
        if (o == e || (e.heading && o.heading)) { // any heading's end tag ends a heading
          break;
        }
        if ((o.blocks & e.endTagBlockedBy) != 0) {
          return;
        }
      }
      if (at < 0) {
        return;
      }
      while (depth - 1 > at) {
        closeTop(true);
      }
      closeTop(false);
    }

    private void closeTop(boolean mayReopen) {
      HtmlElement e = open[--depth];
      if (e == HtmlElement.LINK) {
        openLinks--;
      }
      if (written[depth]) {
        put(e.endTag);
      }
      if (mayReopen && e.reopens) {
        if (reopenCount == reopen.length) {
          reopen = java.util.Arrays.copyOf(reopen, reopenCount * 2);
        }
        reopen[reopenCount++] = e;
      }
    }

    /**
     * A run of text, with its character references decoded unless raw; dirty when it may hold
     * references or characters to drop.
     */
    private void text(int from, int to, boolean decode, boolean dirty) {
      if (from >= to) {
        return;
      }
      char[] s = in;
      if (dirty) {
        s = clean(from, to, decode, false);
        from = 0;
        to = decoded.length();
      }
      boolean space = isSpace(s, from, to);
      if (space) {
        if (depth > 0 && (!open[depth - 1].holdsText || open[depth - 1].list)) {
          return; // space between the rows of a table or the items of a list
        }
      } else {
        makeRoomFor(null);
      }
      if (depth == MAX_DEPTH) {
        return;
      }
      if (depth > 0) {
        HtmlElement t = open[depth - 1];
        if (written[depth - 1] ? !t.holdsReadableText : t.hidesText) {
          return;
        }
        HtmlElement parent = writtenParent();
        if (parent != null && parent.holdsOnlyTableParts && !space) {
          return; // browsers would move it out of the table
        }
      }
      escape(s, from, to, false);
    }

    /** An attribute value with its character references decoded. */
    private String attributeValue(int from, int to) {
      for (int i = from; i < to; i++) {
        char c = in[i];
        if (c == '&' || ((c < 0x20 || c >= 0xD800) && isDropped(c))) {
          return new String(clean(from, to, true, true), 0, decoded.length());
        }
      }
      return new String(in, from, to - from);
    }

    /**
     * in[from, to) with character references decoded (when decode is set) and without the code
     * units the OWASP sanitizer dropped from text and values: C0 controls but tab, line feed and
     * carriage return; lone surrogates; U+FFFE and U+FFFF. In decoded.chars()[0, length()).
     */
    private char[] clean(int from, int to, boolean decode, boolean inAttribute) {
      decoded.decode(in, from, to, decode, inAttribute);
      char[] d = decoded.chars();
      if (!decoded.mayHoldControls() && !mayHoldDropped(in, from, to)) {
        return d;
      }
      int len = decoded.length();
      int k = 0;
      for (int i = 0; i < len; i++) {
        char c = d[i];
        if ((c < 0x20 || c >= 0xD800) && isDropped(c)) {
          if (!Character.isHighSurrogate(c)
              || i + 1 == len
              || !Character.isLowSurrogate(d[i + 1])) {
            continue;
          }
          d[k++] = c; // a pair stays
          c = d[++i];
        }
        d[k++] = c;
      }
      decoded.truncate(k);
      return d;
    }

    private void startTag(HtmlElement e, Attributes a) {
      put(e.startTag);
      for (int i = 0; i < a.size; i++) {
        String v = a.values[i];
        put(' ');
        put(a.names[i]);
        put('=');
        put('"');
        if (escape(v.toCharArray(), 0, v.length(), true)) {
          put(' '); // as the OWASP sanitizer, for old IE's innerHTML
        }
        put('"');
      }
      if (e.isVoid) {
        put(' ');
        put('/');
      }
      put('>');
    }

    /**
     * Writes s[from, to) escaped: '&', '<', '>', quotes and the characters in {@link #ESCAPES} as
     * references, controls and unpaired surrogates dropped, characters outside the BMP and from
     * U+FE60 as numeric references, and "{{" split so that client-side templates cannot see it.
     * Returns whether there was a backtick.
     */
    private boolean escape(char[] s, int from, int to, boolean inAttribute) {
      boolean backtick = false;
      int copied = from;
      for (int i = from; i < to; i++) {
        char c = s[i];
        char[] r;
        int skip = 1;
        if (c < 0x80) {
          r = ESCAPES[c];
          if (c == '{' && (i + 1 == to || s[i + 1] == '{')) {
            r = inAttribute ? SPLIT_BRACES_IN_VALUE : SPLIT_BRACES_IN_TEXT;
          }
          if (r == null) {
            continue;
          }
          backtick |= c == '`';
        } else if (c < 0x93A) {
          continue;
        } else if (c <= 0xC4C) {
          if (isIndicVowel(c)) { // a ZWNJ before it crashed iOS text rendering (2018)
            put(s, copied, i);
            copied = i;
            if (length > 0 && out[length - 1] == '\u200C') {
              length--;
            }
          }
          continue;
        } else if (c == 0x1FEF) {
          r = GREEK_VARIA;
        } else if (Character.isSurrogate(c)) {
          if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s[i + 1])) {
            r = numericReference(Character.toCodePoint(c, s[i + 1]));
            skip = 2;
          } else {
            r = NOTHING;
          }
        } else if (c >= 0xFE60) { // BOM, specials and full-width forms of special characters
          r = (c & 0xFFFE) == 0xFFFE ? NOTHING : numericReference(c);
        } else {
          continue;
        }
        put(s, copied, i);
        put(r, 0, r.length);
        i += skip - 1;
        copied = i + 1;
      }
      put(s, copied, to);
      return backtick;
    }

    private void put(char[] s) {
      put(s, 0, s.length);
    }

    private void put(char c) {
      if (length == out.length) {
        grow(1);
      }
      out[length++] = c;
    }

    private void put(String s) {
      if (length + s.length() > out.length) {
        grow(s.length());
      }
      s.getChars(0, s.length(), out, length);
      length += s.length();
    }

    private void put(char[] s, int from, int to) {
      if (length + to - from > out.length) {
        grow(to - from);
      }
      System.arraycopy(s, from, out, length, to - from);
      length += to - from;
    }

    private void grow(int more) {
      out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, length + more));
    }

    /** The index after the next c at or after from, or n. */
    private int after(char c, int from) {
      int i = find(c, from);
      return i < 0 ? n : i + 1;
    }

    /** The index of c at or after from, or -1. */
    private int find(char c, int from) {
      for (int i = from; i < n; i++) {
        if (in[i] == c) {
          return i;
        }
      }
      return -1;
    }

    /** Where a comment whose text starts at from ends (HTML5: "-->", "--!>", or "<!-->"). */
    private int commentEnd(int from) {
      if (from < n && in[from] == '>') {
        return from + 1;
      }
      if (from + 1 < n && in[from] == '-' && in[from + 1] == '>') {
        return from + 2;
      }
      for (int i = from; i + 2 < n; i++) {
        if (in[i] == '-' && in[i + 1] == '-') {
          if (in[i + 2] == '>') {
            return i + 3;
          }
          if (in[i + 2] == '!' && i + 3 < n && in[i + 3] == '>') {
            return i + 4;
          }
        }
      }
      return n;
    }

    /** Where the tag name starting at from ends. */
    private int nameEnd(int from) {
      int i = from;
      while (i < n && !endsName(in[i])) {
        i++;
      }
      return i;
    }
  }

  private static char[] numericReference(int cp) {
    return ("&#x" + Integer.toHexString(cp) + ";").toCharArray();
  }

  private static boolean isIndicVowel(char c) {
    return c <= 0x94F
        || (0x985 <= c && c <= 0x994)
        || (0x9BE <= c && c < 0x9CC)
        || (0x9E0 <= c && c <= 0x9E3)
        || (0xC05 <= c && c <= 0xC14)
        || (0xC3E <= c && c != 0xC48);
  }

  private static boolean endsName(char c) {
    return isSpace(c) || c == '/' || c == '>';
  }

  private static boolean isSpace(char[] s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isSpace(s[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean endsAttributeName(char c) {
    return isSpace(c) || c == '/' || c == '>' || c == '=';
  }

  /** Whether s[from, to) may hold code units to drop. */
  private static boolean mayHoldDropped(char[] s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s[i];
      if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c >= 0xD800) {
        return true;
      }
    }
    return false;
  }

  /** A code unit dropped from text and attribute values (as the OWASP sanitizer did). */
  private static boolean isDropped(char c) {
    return c < 0x20
        ? c != '\t' && c != '\n' && c != '\r'
        : c >= 0xD800 && (c <= 0xDFFF || c >= 0xFFFE);
  }

  private static boolean isAsciiLetter(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** HTML's whitespace in tags (the form feed included, a carriage return read as a newline). */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
  }
}
