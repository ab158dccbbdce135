package dev.chorus.refresh;

import java.util.List;

/** Small RSS documents for refresh tests. */
final class Feeds {
  private Feeds() {}

  /** One RSS item; null fields are left out. */
  record Item(String guid, String link, String title, String pubDate, String description) {}

  static Item item(String id) {
    return new Item(
        id,
        "https://blog.example/" + id,
        "Post " + id,
        "Mon, 02 Sep 2024 10:00:00 GMT",
        "About " + id);
  }

  static String rss(Item... items) {
    return rss(List.of(items));
  }

  static String rss(List<Item> items) {
    StringBuilder b =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
                + "<title>Blog</title><link>https://blog.example/</link><description>d</description>\n");
    for (Item i : items) {
      b.append("<item>");
      tag(b, "guid", i.guid());
      tag(b, "link", i.link());
      tag(b, "title", i.title());
      tag(b, "pubDate", i.pubDate());
      tag(b, "description", i.description());
      b.append("</item>\n");
    }
    return b.append("</channel></rss>\n").toString();
  }

  private static void tag(StringBuilder b, String name, String value) {
    if (value != null) {
      b.append('<')
          .append(name)
          .append(name.equals("guid") ? " isPermaLink=\"false\">" : ">")
          .append(value.replace("&", "&amp;").replace("<", "&lt;"))
          .append("</")
          .append(name)
          .append('>');
    }
  }
}
