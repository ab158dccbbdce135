package dev.chorus.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keyset paging: "Older posts" continues where the reader left off even when new posts arrive. */
class PagingTest {
  @TempDir Path dir;

  private static List<String> ids(Document d) {
    return d.select("article.entry").eachAttr("aria-labelledby");
  }

  @Test
  void olderPostsContinueWhereTheFirstPageEndedAfterNewPostsArrive() throws Exception {
    try (Planet planet = new Planet(dir)) {
      Map<String, List<String>> firstPages = new LinkedHashMap<>();
      Map<String, String> olderLinks = new LinkedHashMap<>();
      Map<String, List<String>> secondPages = new LinkedHashMap<>();
      for (String list : List.of("/", "/authors/pat", "/tags/systems")) {
        Document first = Jsoup.parse(planet.get(list).body());
        firstPages.put(list, ids(first));
        String older = first.selectFirst("nav.pager a[rel=next]").attr("href");
        olderLinks.put(list, older);
        secondPages.put(list, ids(Jsoup.parse(planet.get(older).body())));
      }

      planet.patFeed(Planet.PAT_POSTS + 3, 3);
      planet.app.pollAll(4);

      for (String list : firstPages.keySet()) {
        List<String> now = ids(Jsoup.parse(planet.get(list).body()));
        List<String> arrived = new ArrayList<>(now);
        arrived.removeAll(firstPages.get(list));
        assertThat(arrived).as("%s: the three new posts are on the first page", list).hasSize(3);
        List<String> second = ids(Jsoup.parse(planet.get(olderLinks.get(list)).body()));
        assertThat(second)
            .as("%s: older posts neither repeat nor skip any", list)
            .isEqualTo(secondPages.get(list));
        List<String> all = new ArrayList<>(firstPages.get(list));
        all.addAll(second);
        assertThat(all).doesNotHaveDuplicates();
      }
    }
  }
}
