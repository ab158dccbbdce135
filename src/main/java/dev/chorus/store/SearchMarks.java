package dev.chorus.store;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Marks the words of text that a search matched, as FTS5's highlight() and snippet() did.
 *
 * <p>Marks are U+0001 before and U+0002 after a word. Words are cut and folded as the index's
 * {@code unicode61 remove_diacritics 2} tokenizer does, so the marked words are the ones that
 * matched: runs of letters, numbers and private-use characters (with the few combining accents FTS5
 * keeps inside a word), compared ignoring case and the accents of Latin letters. SQLite's Unicode
 * 6.1 tables still differ on characters added since, such as recent emoji, which FTS5 takes for
 * letters.
 */
final class SearchMarks {
  /** The FTS query builder keeps at most this many words. */
  static final int MAX_WORDS = 12;

  /** About how many characters of text a snippet shows, however long its words. */
  static final int MAX_SNIPPET_CHARS = 400;

  static final char OPEN = '\u0001';
  static final char CLOSE = '\u0002';
  static final String ELLIPSIS = "…";

  private SearchMarks() {}

  /** The words of a user's query as the index sees them; the last may match as a prefix. */
  record Terms(List<String> words, boolean lastIsPrefix) {
    Terms {
      words = List.copyOf(words);
      if (words.size() > MAX_WORDS) {
        throw new IllegalArgumentException("at most " + MAX_WORDS + " words: " + words);
      }
      if (words.contains("")) {
        throw new IllegalArgumentException("empty word in " + words);
      }
      lastIsPrefix = lastIsPrefix && !words.isEmpty();
    }

    /** Which words a folded token matches, one bit per word; 0 for none. */
    private int match(String folded) {
      int bits = 0;
      int last = words.size() - 1;
      for (int i = 0; i <= last; i++) {
        String w = words.get(i);
        if (folded.equals(w) || (i == last && lastIsPrefix && folded.startsWith(w))) {
          bits |= 1 << i;
        }
      }
      return bits;
    }
  }

  /** A query's words, cut and folded as the text's are; the first {@value #MAX_WORDS} count. */
  static Terms terms(String query, boolean lastIsPrefix) {
    List<String> words = new ArrayList<>();
    if (query != null) {
      Tokens t = Tokens.of(query);
      for (int i = 0; i < t.count && words.size() < MAX_WORDS; i++) {
        words.add(fold(query, t.start[i], t.end[i]));
      }
    }
    return new Terms(words, lastIsPrefix);
  }

  /** The whole text with every matching word marked; null for null. */
  static String highlight(String text, Terms terms) {
    if (text == null || terms.words().isEmpty()) {
      return text;
    }
    Tokens t = Tokens.of(text);
    return render(text, t, t.match(text, terms), 0, 0, text.length());
  }

  /**
   * The stretch of about {@code tokens} words that best shows the matches, from the column that has
   * it, marked; null when no column matches.
   *
   * <p>The best stretch covers the most distinct query words, then has the most matches; ties go to
   * the earlier column and the earlier stretch. It is moved left so that some words precede its
   * first match, without losing a match. It runs from its first word's first character to its last
   * word's last character, so punctuation after the last word is dropped; at the column's edges it
   * takes in the column's leading or trailing text instead. "…" stands for the text left out at
   * either end. Past {@value #MAX_SNIPPET_CHARS} characters the stretch is cut, keeping the start
   * of its first match.
   */
  static String snippet(Terms terms, int tokens, String... columns) {
    if (tokens < 1) {
      throw new IllegalArgumentException("snippet tokens must be at least 1: " + tokens);
    }
    if (terms.words().isEmpty()) {
      return null;
    }
    Window best = null;
    for (String text : columns) {
      if (text == null) {
        continue;
      }
      Window w = Window.best(text, terms, tokens);
      if (w != null && (best == null || w.beats(best))) {
        best = w;
      }
    }
    return best == null ? null : best.render(tokens);
  }

  /** Marks matched tokens within text[from, to), starting the walk at token {@code first}. */
  private static String render(String text, Tokens t, int[] bits, int first, int from, int to) {
    StringBuilder out = new StringBuilder(to - from + 16);
    int at = from;
    for (int i = first; i < t.count && t.start[i] < to; i++) {
      int a = Math.max(t.start[i], from);
      int b = Math.min(t.end[i], to);
      if (bits[i] != 0 && a < b) {
        out.append(text, at, a).append(OPEN).append(text, a, b).append(CLOSE);
        at = b;
      }
    }
    return out.append(text, at, to).toString();
  }

  /** Whether a code point is part of a word (FTS5's default categories: L* N* Co). */
  private static boolean isTokenChar(int cp) {
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER,
          Character.PRIVATE_USE ->
          true;
      default -> false;
    };
  }

  /**
   * Whether a code point is one of the combining accents that FTS5 keeps inside a word (so a
   * decomposed "e" + U+0301 stays one word) and drops when folding; other marks split words.
   */
  private static boolean isWordAccent(int cp) {
    return (cp >= 0x300 && cp <= 0x304)
        || (cp >= 0x306 && cp <= 0x30c)
        || cp == 0x30f
        || cp == 0x311
        || cp == 0x31b
        || (cp >= 0x323 && cp <= 0x328)
        || cp == 0x32d
        || cp == 0x32e
        || cp == 0x330
        || cp == 0x331;
  }

  /** A token as the index stores it: lower case, Latin letters without their accents. */
  private static String fold(String text, int start, int end) {
    StringBuilder out = new StringBuilder(end - start);
    for (int i = start; i < end; ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < 0x80) {
        out.append((char) Character.toLowerCase(cp));
      } else if (!isWordAccent(cp)) {
        // case folding one code point at a time, as FTS5 does: "ς" and "ſ" fold to "σ" and "s",
        // but the dotless "ı" has no folding of its own
        if (cp != 'ı') {
          cp = Character.toLowerCase(Character.toUpperCase(cp));
        }
        // FTS5 strips accents only off Latin letters: "й" and "ά" keep theirs
        if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
          String parts = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFD);
          parts.codePoints().filter(c -> !isMark(c)).forEach(out::appendCodePoint);
        } else {
          out.appendCodePoint(cp);
        }
      }
    }
    return out.toString();
  }

  private static boolean isMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  /** The tokens of a text as char offsets: token i is text[start[i], end[i]). */
  private static final class Tokens {
    int[] start = new int[16];
    int[] end = new int[16];
    int count;

    static Tokens of(String text) {
      Tokens t = new Tokens();
      int n = text.length();
      int i = 0;
      while (i < n) {
        int cp = text.codePointAt(i);
        if (!isTokenChar(cp)) {
          i += Character.charCount(cp);
          continue;
        }
        int s = i;
        i += Character.charCount(cp);
        while (i < n) {
          cp = text.codePointAt(i);
          if (!isTokenChar(cp) && !isWordAccent(cp)) {
            break;
          }
          i += Character.charCount(cp);
        }
        t.add(s, i);
      }
      return t;
    }

    private void add(int s, int e) {
      if (count == start.length) {
        start = Arrays.copyOf(start, count * 2);
        end = Arrays.copyOf(end, count * 2);
      }
      start[count] = s;
      end[count] = e;
      count++;
    }

    /** For each token, the query words it matches, one bit per word. */
    int[] match(String text, Terms terms) {
      int[] bits = new int[count];
      for (int i = 0; i < count; i++) {
        bits[i] = terms.match(fold(text, start[i], end[i]));
      }
      return bits;
    }
  }

  /** A column's best stretch of tokens: its score and where its matches lie. */
  private record Window(
      String text, Tokens tokens, int[] bits, int distinct, int matches, int first, int last) {

    /** The column's best window of {@code size} tokens, or null when nothing in it matches. */
    static Window best(String text, Terms terms, int size) {
      Tokens t = Tokens.of(text);
      int[] bits = t.match(text, terms);
      int[] hits = new int[t.count];
      int k = 0;
      for (int i = 0; i < t.count; i++) {
        if (bits[i] != 0) {
          hits[k++] = i;
        }
      }
      // slide over the matches: each candidate window starts at a match; per-word counts make
      // adding and dropping a match O(words), so the whole pass is linear
      int[] perWord = new int[MAX_WORDS];
      int distinct = 0;
      Window best = null;
      int b = 0;
      for (int a = 0; a < k; a++) {
        while (b < k && hits[b] < hits[a] + size) {
          distinct += tally(perWord, bits[hits[b]], 1);
          b++;
        }
        if (best == null
            || distinct > best.distinct
            || (distinct == best.distinct && b - a > best.matches)) {
          best = new Window(text, t, bits, distinct, b - a, hits[a], hits[b - 1]);
        }
        distinct += tally(perWord, bits[hits[a]], -1);
      }
      return best;
    }

    /** Adds {@code delta} to the counts of a match's words; returns the change in words seen. */
    private static int tally(int[] perWord, int wordBits, int delta) {
      int change = 0;
      for (int w = 0; w < MAX_WORDS; w++) {
        if ((wordBits & 1 << w) != 0) {
          int before = perWord[w];
          perWord[w] += delta;
          if (before == 0) {
            change++;
          } else if (perWord[w] == 0) {
            change--;
          }
        }
      }
      return change;
    }

    boolean beats(Window other) {
      return distinct > other.distinct || (distinct == other.distinct && matches > other.matches);
    }

    String render(int size) {
      Tokens t = tokens;
      // some context before the first match: aim for a quarter of the window, but keep every
      // match found and fill the window when the column's end is near
      int s = Math.max(last - size + 1, first - size / 4);
      s = Math.max(0, Math.min(s, t.count - size));
      int e = Math.min(s + size, t.count) - 1;
      int from = s == 0 ? 0 : t.start[s];
      int to = e == t.count - 1 ? text.length() : t.end[e];
      if (to - from > MAX_SNIPPET_CHARS) {
        from = cutStart(from, s);
        to = cutEnd(from, to, e);
      }
      String marked = SearchMarks.render(text, t, bits, s, from, to);
      return (from > 0 ? ELLIPSIS : "") + marked + (to < text.length() ? ELLIPSIS : "");
    }

    /** Drops words before the first match until it starts within a quarter of the cap. */
    private int cutStart(int from, int s) {
      int i = s;
      while (i < first && tokens.start[first] - tokens.start[i] > MAX_SNIPPET_CHARS / 4) {
        i++;
      }
      return Math.max(from, tokens.start[i]);
    }

    /** Ends at the last whole word within the cap, or mid-word when that word is the match. */
    private int cutEnd(int from, int to, int e) {
      int limit = from + MAX_SNIPPET_CHARS;
      if (to <= limit) {
        return to;
      }
      for (int i = e; i >= first; i--) {
        if (tokens.end[i] <= limit) {
          return tokens.end[i];
        }
      }
      // the first match itself runs past the cap: cut inside it, between code points
      boolean splitsPair =
          Character.isHighSurrogate(text.charAt(limit - 1))
              && Character.isLowSurrogate(text.charAt(limit));
      return splitsPair ? limit - 1 : limit;
    }
  }
}
