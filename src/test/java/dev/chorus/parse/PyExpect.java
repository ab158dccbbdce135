package dev.chorus.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates the small Python subset used by feedparser's {@code Expect:} lines against a map of
 * values: and/not, ==/!=, subscripts, attribute access, string/number/tuple/dict literals, len().
 */
final class PyExpect {

  /** The expression uses something this interpreter does not know. */
  static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported(String what) {
      super(what, null, false, false);
    }
  }

  private final String src;
  private final Map<String, Object> env;
  private int pos;

  private PyExpect(String src, Map<String, Object> env) {
    this.src = src;
    this.env = env;
  }

  /** True when the expression holds; throws Unsupported for unknown constructs or fields. */
  static boolean holds(String expression, Map<String, Object> env) {
    PyExpect p = new PyExpect(expression, env);
    Object v = p.or();
    p.space();
    if (p.pos != p.src.length()) {
      throw new Unsupported("trailing " + p.src.substring(p.pos));
    }
    return truthy(v);
  }

  private Object or() {
    Object v = and();
    while (keyword("or")) {
      Object r = and();
      v = truthy(v) ? v : r;
    }
    return v;
  }

  private Object and() {
    Object v = not();
    while (keyword("and")) {
      Object r = not();
      v = truthy(v) ? r : v;
    }
    return v;
  }

  private Object not() {
    if (keyword("not")) {
      return !truthy(not());
    }
    return comparison();
  }

  private Object comparison() {
    Object left = postfix();
    Object result = null;
    while (true) {
      space();
      boolean eq = src.startsWith("==", pos);
      boolean ne = src.startsWith("!=", pos);
      if (!eq && !ne) {
        break;
      }
      pos += 2;
      Object right = postfix();
      boolean ok = eq == pyEquals(left, right);
      result = result == null ? ok : (Boolean) result && ok;
      left = right;
    }
    return result == null ? left : result;
  }

  private Object postfix() {
    Object v = primary();
    while (true) {
      space();
      if (peek('[')) {
        pos++;
        Object key = or();
        expect(']');
        v = subscript(v, key);
      } else if (peek('.') && pos + 1 < src.length() && Character.isLetter(src.charAt(pos + 1))) {
        pos++;
        v = subscript(v, ident());
      } else {
        return v;
      }
    }
  }

  private static Object subscript(Object v, Object key) {
    if (v instanceof Map<?, ?> m) {
      if (!m.containsKey(key)) {
        throw new Unsupported("no key " + key);
      }
      return m.get(key);
    }
    if (v instanceof List<?> l && key instanceof Long i) {
      int idx = (int) (i < 0 ? l.size() + i : i);
      if (idx < 0 || idx >= l.size()) {
        throw new Unsupported("index " + i);
      }
      return l.get(idx);
    }
    if (v instanceof String s && key instanceof Long i) {
      return String.valueOf(s.charAt((int) (long) i));
    }
    throw new Unsupported("subscript " + key);
  }

  private Object primary() {
    space();
    if (pos >= src.length()) {
      throw new Unsupported("end");
    }
    char c = src.charAt(pos);
    if (c == '(') {
      pos++;
      List<Object> items = sequence(')');
      return items.size() == 1 && !src.substring(0, pos).matches("(?s).*,\\s*\\)")
          ? items.get(0)
          : items;
    }
    if (c == '[') {
      pos++;
      return sequence(']');
    }
    if (c == '{') {
      pos++;
      Map<Object, Object> m = new LinkedHashMap<>();
      space();
      while (!peek('}')) {
        Object k = or();
        expect(':');
        m.put(k, or());
        space();
        if (peek(',')) {
          pos++;
          space();
        }
      }
      pos++;
      return m;
    }
    if (c == '\'' || c == '"') {
      return string();
    }
    if ((c == 'u' || c == 'b' || c == 'r')
        && pos + 1 < src.length()
        && (src.charAt(pos + 1) == '\'' || src.charAt(pos + 1) == '"')) {
      if (c != 'u') {
        throw new Unsupported("prefix " + c);
      }
      pos++;
      return string();
    }
    if (Character.isDigit(c) || c == '-') {
      int start = pos++;
      while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        pos++;
      }
      if (pos < src.length() && src.charAt(pos) == '.') {
        throw new Unsupported("float");
      }
      return Long.parseLong(src.substring(start, pos));
    }
    if (Character.isLetter(c) || c == '_') {
      String name = ident();
      switch (name) {
        case "True":
          return true;
        case "False":
          return false;
        case "None":
          return null;
        case "len":
        case "ord":
          expect('(');
          Object arg = or();
          expect(')');
          if (name.equals("ord")) {
            if (arg instanceof String s && s.codePointCount(0, s.length()) == 1) {
              return (long) s.codePointAt(0);
            }
            throw new Unsupported("ord");
          }
          if (arg instanceof String s) {
            return (long) s.length();
          }
          if (arg instanceof List<?> l) {
            return (long) l.size();
          }
          if (arg instanceof Map<?, ?> m) {
            return (long) m.size();
          }
          throw new Unsupported("len");
        default:
          if (!env.containsKey(name)) {
            throw new Unsupported("name " + name);
          }
          return env.get(name);
      }
    }
    throw new Unsupported("char " + c);
  }

  private List<Object> sequence(char close) {
    List<Object> items = new ArrayList<>();
    space();
    while (!peek(close)) {
      items.add(or());
      space();
      if (peek(',')) {
        pos++;
        space();
      } else if (!peek(close)) {
        throw new Unsupported("sequence");
      }
    }
    pos++;
    return items;
  }

  private String string() {
    char q = src.charAt(pos++);
    StringBuilder sb = new StringBuilder();
    while (pos < src.length()) {
      char c = src.charAt(pos++);
      if (c == q) {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = src.charAt(pos++);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case '0' -> sb.append('\0');
        case 'x' -> {
          sb.append((char) Integer.parseInt(src.substring(pos, pos + 2), 16));
          pos += 2;
        }
        case 'u' -> {
          sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
          pos += 4;
        }
        case 'U' -> {
          sb.appendCodePoint(Integer.parseInt(src.substring(pos, pos + 8), 16));
          pos += 8;
        }
        default -> sb.append(e);
      }
    }
    throw new Unsupported("unterminated string");
  }

  private String ident() {
    space();
    int start = pos;
    while (pos < src.length()
        && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
      pos++;
    }
    if (start == pos) {
      throw new Unsupported("identifier expected at " + pos);
    }
    return src.substring(start, pos);
  }

  private boolean keyword(String k) {
    space();
    int end = pos + k.length();
    if (src.startsWith(k, pos)
        && (end == src.length() || !Character.isLetterOrDigit(src.charAt(end)))) {
      pos = end;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    space();
    if (!peek(c)) {
      throw new Unsupported("expected " + c + " at " + pos);
    }
    pos++;
  }

  private boolean peek(char c) {
    return pos < src.length() && src.charAt(pos) == c;
  }

  private void space() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private static boolean pyEquals(Object a, Object b) {
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        if (!pyEquals(la.get(i), lb.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Number na && b instanceof Number nb) {
      return na.longValue() == nb.longValue();
    }
    return Objects.equals(a, b);
  }

  static boolean truthy(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Long l) {
      return l != 0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof List<?> l) {
      return !l.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }
}
