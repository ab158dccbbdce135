package dev.chorus.clean;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link AllowlistSanitizer} knows about an HTML element: how its content is tokenised, what
 * it can directly contain as browsers parse it, and which open elements stop its end tag. The
 * content model is the one the OWASP sanitizer's tag balancer used (derived from browsers), so that
 * the sanitised output keeps its shape.
 */
final class HtmlElement {

  /** Content is markup. */
  static final int MARKUP = 0;

  /** Content is raw text up to the element's end tag (script, style...). */
  static final int RAW_TEXT = 1;

  /** Like {@link #RAW_TEXT}, but character references are decoded (title, textarea). */
  static final int ESCAPABLE_RAW_TEXT = 2;

  /** Everything after the start tag is raw text. */
  static final int PLAIN_TEXT = 3;

  // Scopes (HTML's "has an element in scope"): an end tag does not close an element below an open
  // element of a scope that blocks it, so that e.g. </li> in a table cell does not end a list
  // item outside the table.
  private static final int IN_SCOPE = 1;
  private static final int BUTTON_SCOPE = 2;
  private static final int LIST_ITEM_SCOPE = 4;
  private static final int TABLE_SCOPE = 8;
  private static final int SELECT_SCOPE = 16;

  /** Elements whose nesting is tracked; any other element name is not, and never written. */
  private static final String TRACKED =
      "a abbr acronym address applet area article aside audio b base basefont bb bdi bdo bgsound"
          + " big blink blockquote body br button canvas caption center cite code col colgroup"
          + " command content data datagrid datalist dd del details dfn dialog dir div dl dt"
          + " element em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3"
          + " h4 h5 h6 head header hgroup hr html i iframe img input ins isindex kbd keygen label"
          + " legend li link listing main map mark marquee menu menuitem meta meter multicol nav"
          + " nobr noembed noframes noscript object ol optgroup option output p param picture"
          + " plaintext pre progress q rp rt rtc ruby s samp script section select shadow slot"
          + " small source spacer span strike strong style sub summary sup table tbody td template"
          + " textarea tfoot th thead time title tr track tt u ul var video wbr xmp";

  private static final HtmlElement[] BY_ID;
  private static final HtmlElement[] TABLE_BY_HASH = new HtmlElement[512];

  private static final HtmlElement[] NONE = {};
  private static final HtmlElement[] LIST_ITEM;

  static final HtmlElement BODY;
  static final HtmlElement LINK;

  final String name;
  final int id;
  final boolean tracked;

  /** "&lt;name" and "&lt;/name&gt;", as written. */
  final char[] startTag;

  final char[] endTag;

  /** Never has content or an end tag. */
  boolean isVoid;

  /**
   * One of {@link #MARKUP}, {@link #RAW_TEXT}, {@link #ESCAPABLE_RAW_TEXT}, {@link #PLAIN_TEXT}.
   */
  int content;

  /** May hold text at all (a table row, for one, may not). */
  boolean holdsText = true;

  /** Holds text meant to be read: an iframe's or a script's is not. */
  boolean holdsReadableText = true;

  /** Its text is never shown, even while the element itself is dropped. */
  boolean hidesText;

  /** Reopened after an end tag closed it early, as in {@code <b>a<p>b</b>c}. */
  boolean reopens;

  boolean heading;

  /** May appear anywhere without implying a wrapper (script, style). */
  boolean anywhere;

  /** Its children are list items: other content goes into an implied {@code <li>}. */
  boolean list;

  /** The scopes this element blocks, and the scope that blocks this element's end tag. */
  int blocks = SELECT_SCOPE;

  int endTagBlockedBy = IN_SCOPE;

  /** The ids of the elements it can directly contain. */
  private final long[] children = new long[3];

  /** Elements it may appear in without implying a wrapper; null when it may appear anywhere. */
  private long[] parents;

  /** The elements it may be written in (a cell only in a row); null when it may go anywhere. */
  private long[] strictParents;

  /** Holds table parts only: a table, a row group, a row, a column group. */
  boolean holdsOnlyTableParts;

  /** The wrapper opened around it elsewhere, outermost first (a cell: table, tbody, tr). */
  private HtmlElement[] wrappers;

  private HtmlElement(String name, int id, boolean tracked) {
    this.name = name;
    this.id = id;
    this.tracked = tracked;
    this.startTag = ("<" + name).toCharArray();
    this.endTag = ("</" + name + ">").toCharArray();
  }

  /** Whether it may be written only in certain parents (a cell in a row, an item in a list). */
  boolean needsParent() {
    return strictParents != null;
  }

  /** Whether it may be written directly in that parent. */
  boolean belongsIn(HtmlElement parent) {
    return strictParents == null || (strictParents[parent.id >> 6] & (1L << parent.id)) != 0;
  }

  /** Whether it goes in that open element without implied wrappers. */
  private boolean fitsIn(HtmlElement parent) {
    return parents == null || (parents[parent.id >> 6] & (1L << parent.id)) != 0;
  }

  /** Whether this element can directly contain the child; a null child is text. */
  boolean canContain(HtmlElement child) {
    return child == null ? holdsText : (children[child.id >> 6] & (1L << child.id)) != 0;
  }

  /**
   * The elements to open inside this one before the child (null: text) can go in, outermost first:
   * a row and a cell in a table, a list item in a list... Never null.
   */
  HtmlElement[] wrappersFor(HtmlElement child) {
    if (child != null && child.anywhere) {
      return NONE;
    }
    if (child != null && !child.fitsIn(this)) {
      HtmlElement[] w = child.wrappers;
      for (int i = 0; i < w.length; i++) {
        if (w[i] == this) { // already inside the outer part of the wrapper
          return Arrays.copyOfRange(w, i + 1, w.length);
        }
      }
      return w;
    }
    return list && child != LIST_ITEM[0] ? LIST_ITEM : NONE;
  }

  /** The element named by s[from, to) (ASCII case-insensitive), or null when unknown. */
  static HtmlElement lookup(char[] s, int from, int to) {
    int len = to - from;
    if (len == 0 || len > 10) {
      return null;
    }
    int h = 0;
    for (int i = from; i < to; i++) {
      h = h * 31 + lower(s[i]);
    }
    for (int slot = h & 511; ; slot = (slot + 1) & 511) {
      HtmlElement e = TABLE_BY_HASH[slot];
      if (e == null) {
        return null;
      }
      if (isName(e.name, s, from, to)) {
        return e;
      }
    }
  }

  static HtmlElement get(String name) {
    return lookup(name.toCharArray(), 0, name.length());
  }

  /** Whether s[from, to) is the lower-case name, ASCII case-insensitively. */
  static boolean isName(String name, char[] s, int from, int to) {
    if (name.length() != to - from) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) != lower(s[from + i])) {
        return false;
      }
    }
    return true;
  }

  static int count() {
    return BY_ID.length;
  }

  /** Lower case for ASCII letters only, as HTML does. */
  static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c;
  }

  static {
    List<HtmlElement> all = new ArrayList<>();
    for (String n : TRACKED.split(" ")) {
      all.add(new HtmlElement(n, all.size(), true));
    }
    // lexed as raw text by the OWASP sanitizer but otherwise unknown: its text stays
    all.add(new HtmlElement("comment", all.size(), false));
    BY_ID = all.toArray(new HtmlElement[0]);
    for (HtmlElement e : BY_ID) {
      int h = 0;
      for (int i = 0; i < e.name.length(); i++) {
        h = h * 31 + e.name.charAt(i);
      }
      int slot = h & 511;
      while (TABLE_BY_HASH[slot] != null) {
        slot = (slot + 1) & 511;
      }
      TABLE_BY_HASH[slot] = e;
    }
    BODY = get("body");
    LINK = get("a");
    LIST_ITEM = new HtmlElement[] {get("li")};

    each(
        "area base br col command embed hr img input keygen link meta param source track wbr"
            + " basefont isindex",
        e -> e.isVoid = true);
    each("script style xmp listing iframe comment", e -> e.content = RAW_TEXT);
    each("textarea title", e -> e.content = ESCAPABLE_RAW_TEXT);
    each("plaintext", e -> e.content = PLAIN_TEXT);
    each(
        "area base basefont bgsound br col colgroup command embed frame frameset head hr html img"
            + " input keygen link meta param source table tbody template tfoot thead tr track wbr",
        e -> e.holdsText = e.holdsReadableText = false);
    each("iframe script style", e -> e.holdsReadableText = false);
    each(
        "script style noscript noembed noframes iframe object frame frameset title",
        e -> e.hidesText = true);
    each("a b big code em font i nobr s small strike strong tt u", e -> e.reopens = true);
    each("h1 h2 h3 h4 h5 h6", e -> e.heading = true);
    each("ul ol", e -> e.list = true);
    each("script style", e -> e.anywhere = true);

    each(
        "applet caption html table td th marquee object template",
        e -> e.blocks |= IN_SCOPE | BUTTON_SCOPE | LIST_ITEM_SCOPE);
    each("dir ol ul", e -> e.blocks |= LIST_ITEM_SCOPE);
    each("button", e -> e.blocks |= BUTTON_SCOPE);
    each("html table template", e -> e.blocks |= TABLE_SCOPE);
    each("optgroup option", e -> e.blocks &= ~SELECT_SCOPE);
    each(
        "noembed noframes noscript",
        e -> e.blocks = IN_SCOPE | BUTTON_SCOPE | LIST_ITEM_SCOPE | TABLE_SCOPE | SELECT_SCOPE);
    each(
        "caption col colgroup table tbody tfoot thead tr td th",
        e -> e.endTagBlockedBy = TABLE_SCOPE);
    each("select", e -> e.endTagBlockedBy = SELECT_SCOPE);
    each("p", e -> e.endTagBlockedBy = BUTTON_SCOPE);
    each("li", e -> e.endTagBlockedBy = LIST_ITEM_SCOPE);

    // What each element can contain, as browsers parse it: most anything but table parts and
    // document parts, with the exceptions below.
    String tablePartsAndDocument =
        "caption col colgroup tbody thead tfoot tr td th body head html frame frameset";
    for (HtmlElement e : BY_ID) {
      allBut(e, tablePartsAndDocument);
    }
    each("noembed noframes noscript", e -> allBut(e, ""));
    each("a", e -> allBut(e, tablePartsAndDocument + " a"));
    each(
        "p",
        e ->
            allBut(
                e,
                tablePartsAndDocument
                    + " address article aside blockquote center dd details dir div dl dt"
                    + " fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr"
                    + " li listing main menu nav ol p plaintext pre section summary table ul xmp"));
    each("button form li nobr", e -> allBut(e, tablePartsAndDocument + " " + e.name));
    each("dd dt", e -> allBut(e, tablePartsAndDocument + " dd dt"));
    each("h1 h2 h3 h4 h5 h6", e -> allBut(e, tablePartsAndDocument + " h1 h2 h3 h4 h5 h6"));
    each("option", e -> allBut(e, tablePartsAndDocument + " optgroup option"));
    each(
        "area base basefont bgsound br col command embed frame hr iframe img input keygen link"
            + " meta param plaintext script source style template textarea title track wbr xmp"
            + " comment",
        e -> only(e, ""));
    each("head", e -> only(e, "base command link meta noscript script style title"));
    each("html", e -> only(e, "body frameset head"));
    each(
        "table",
        e -> only(e, "caption col colgroup form script style tbody td template tfoot th thead tr"));
    each("colgroup", e -> only(e, "col template"));
    each("tbody thead tfoot", e -> only(e, "form script style td template th tr"));
    each("tr", e -> only(e, "form script style td template th"));
    each("frameset", e -> only(e, "frame frameset noframes"));
    each("select", e -> only(e, "optgroup option script template"));

    // Where table parts and list items go. The balancer opens the wrappers (outermost first) in
    // an open element that is not one of the first parents (OWASP's, which include the item itself
    // so that a new item closes the open one); they are written only directly in a written
    // element of the second parents, so that they cannot end a cell or an item of the page around.
    wrap("li", "dir ol ul li", "ol ul", "ul");
    wrap("dt dd", "dl dt dd", "dl", "dl"); // beyond the OWASP sanitizer: a dd ends a page's dd too
    wrap("option", "select optgroup option", "select optgroup", "select");
    wrap("td th", "tr td th", "tr", "table tbody tr");
    wrap("tr", "tbody thead tfoot tr td th", "tbody thead tfoot", "table tbody");
    wrap("tbody thead tfoot", "table thead tbody tfoot", "table", "table");
    wrap("caption colgroup", "table", "table", "table");
    wrap("col", "colgroup", "colgroup", "table colgroup");
    each("table tbody thead tfoot tr colgroup", e -> e.holdsOnlyTableParts = true);
  }

  private static void each(String names, java.util.function.Consumer<HtmlElement> f) {
    for (String n : names.split(" ")) {
      f.accept(get(n));
    }
  }

  private static void allBut(HtmlElement e, String names) {
    Arrays.fill(e.children, -1L);
    for (String n : names.isEmpty() ? new String[0] : names.split(" ")) {
      int id = get(n).id;
      e.children[id >> 6] &= ~(1L << id);
    }
  }

  private static void only(HtmlElement e, String names) {
    Arrays.fill(e.children, 0L);
    for (String n : names.isEmpty() ? new String[0] : names.split(" ")) {
      int id = get(n).id;
      e.children[id >> 6] |= 1L << id;
    }
  }

  private static void wrap(String children, String parents, String strict, String wrappers) {
    long[] p = ids(parents);
    long[] sp = ids(strict);
    HtmlElement[] ws =
        Arrays.stream(wrappers.split(" ")).map(HtmlElement::get).toArray(HtmlElement[]::new);
    each(
        children,
        e -> {
          e.parents = p;
          e.strictParents = sp;
          e.wrappers = ws;
        });
  }

  private static long[] ids(String names) {
    long[] bits = new long[3];
    for (String n : names.split(" ")) {
      int id = get(n).id;
      bits[id >> 6] |= 1L << id;
    }
    return bits;
  }
}
