package dev.chorus.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader's visit in headless Chromium: pages through, opens an author, searches, switches to dark
 * mode and a phone's width, with no console errors or failed requests. Screenshots go to {@code
 * target/screenshots/}. Skipped without Chromium, except under {@code CI=true}.
 */
class BrowserIT {
  static final Path SHOTS = Path.of("target", "screenshots");
  @TempDir static Path dir;
  static Planet planet;
  static Chromium browser;

  @BeforeAll
  static void start() throws Exception {
    if (!Chromium.available()) {
      String why =
          "Chromium not found at "
              + Chromium.BINARY
              + " (apt-get install -y chromium chromium-driver): browser tests skipped";
      if ("true".equals(System.getenv("CI"))) {
        fail(why.replace("skipped", "are required when CI=true"));
      }
      System.out.println("[BrowserIT] " + why);
      Assumptions.abort(why);
    }
    planet = new Planet(dir);
    browser = Chromium.launch();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (planet != null) {
      planet.close();
    }
  }

  @BeforeEach
  void desktop() throws Exception {
    browser.events.clear();
    browser.viewport(1280, 900, false);
    browser.colorScheme("light");
  }

  @AfterEach
  void noErrorsAndNoFailedRequests() {
    assertThat(browser.errors()).as("console errors").isEmpty();
    assertThat(browser.failedRequests()).as("failed requests").isEmpty();
    assertThat(browser.requested())
        .as("nothing is loaded from off this machine")
        .allMatch(
            u ->
                u.startsWith("http://127.0.0.1:")
                    || u.startsWith("data:")
                    || u.equals("about:blank"));
  }

  @Test
  void aReaderPagesToOlderPostsOpensAnAuthorAndSearchesAPostBody() throws Exception {
    browser.open(planet.base() + "/");
    assertThat(browser.text("h1")).isEqualTo("Test Planet");
    assertThat(browser.count("article.entry")).isEqualTo(WebServer.PAGE_SIZE);
    assertThat(browser.text("h2.day-label")).isEqualTo("Today");
    assertThat(browser.count("script"))
        .as("the page works without JavaScript: it has none")
        .isZero();
    browser.screenshot(SHOTS.resolve("home-desktop.png"), 1800);
    String newest = browser.text("article.entry h3");

    browser.clickAndWait("nav.pager a[rel=next]");
    assertThat(browser.url()).contains("/?after=");
    assertThat(browser.count("article.entry"))
        .isEqualTo(Planet.PAT_POSTS + 8 - WebServer.PAGE_SIZE);
    assertThat(browser.text("article.entry h3")).isNotEqualTo(newest);
    assertThat(browser.count("nav.pager a[rel=next]")).isZero();
    browser.screenshot(SHOTS.resolve("older-desktop.png"), 1800);

    browser.clickAndWait("article.entry a.author[href='/authors/pat']");
    assertThat(browser.url()).isEqualTo(planet.base() + "/authors/pat");
    assertThat(browser.text("h1")).isEqualTo("Pat's Field Notes");
    assertThat(
            browser
                .eval(
                    "[...document.querySelectorAll('article.entry a.author')]"
                        + ".every(a => a.getAttribute('href') === '/authors/pat')")
                .asBoolean())
        .isTrue();
    browser.screenshot(SHOTS.resolve("author-desktop.png"), 1800);

    browser.click("input#q");
    browser.type(Planet.RARE_WORD);
    browser.untilLoaded(() -> browser.press("Enter"));
    assertThat(browser.url()).isEqualTo(planet.base() + "/search?q=" + Planet.RARE_WORD);
    assertThat(browser.count("article.entry")).isEqualTo(1);
    assertThat(browser.text("article.entry .summary mark")).isEqualTo(Planet.RARE_WORD);
    assertThat(
            browser
                .eval("getComputedStyle(document.querySelector('mark')).backgroundColor")
                .asText())
        .isNotEqualTo("rgba(0, 0, 0, 0)");
    browser.screenshot(SHOTS.resolve("search-desktop.png"));

    browser.clickAndWait("article.entry a.more");
    assertThat(browser.url()).contains("/entries/");
    assertThat(browser.text(".content")).contains(Planet.RARE_WORD);
    assertThat(browser.eval("document.querySelector('.original a').href").asText())
        .isEqualTo(planet.pat.base() + "/posts/7");
    browser.screenshot(SHOTS.resolve("entry-desktop.png"));
  }

  @Test
  void theSourcesPageShowsEverySourceWithProblemsFirst() throws Exception {
    browser.open(planet.base() + "/sources");
    assertThat(browser.count("li.source")).isEqualTo(7);
    assertThat(browser.text("li.source .badge")).isEqualTo("Failing");
    assertThat(browser.text("li.source .error")).contains("404");
    browser.screenshot(SHOTS.resolve("sources-desktop.png"));
  }

  @Test
  void darkModeFollowsTheSystemPreference() throws Exception {
    browser.open(planet.base() + "/");
    String light = browser.eval("getComputedStyle(document.body).backgroundColor").asText();
    String lightText = browser.eval("getComputedStyle(document.body).color").asText();
    browser.colorScheme("dark");
    String dark = browser.eval("getComputedStyle(document.body).backgroundColor").asText();
    String darkText = browser.eval("getComputedStyle(document.body).color").asText();
    assertThat(light).isEqualTo("rgb(251, 250, 247)");
    assertThat(dark).isEqualTo("rgb(20, 20, 20)");
    assertThat(darkText).isNotEqualTo(lightText);
    browser.screenshot(SHOTS.resolve("home-dark-desktop.png"), 1800);
    browser.open(planet.base() + "/sources");
    browser.screenshot(SHOTS.resolve("sources-dark-desktop.png"));
  }

  @Test
  void atPhoneWidthNothingScrollsSideways() throws Exception {
    browser.viewport(390, 844, true);
    for (String page :
        new String[] {"/", "/sources", "/search?q=queues", "/authors/pat", "entry"}) {
      if (page.equals("entry")) {
        browser.clickAndWait("article.entry a.more");
      } else {
        browser.open(planet.base() + page);
      }
      assertThat(browser.eval("document.documentElement.scrollWidth").asInt())
          .as(page)
          .isLessThanOrEqualTo(390);
      String name =
          page.equals("/")
              ? "home"
              : page.equals("entry") ? "entry" : page.substring(1).replaceAll("\\W.*", "");
      browser.screenshot(SHOTS.resolve(name + "-phone.png"), 2400);
    }
    browser.colorScheme("dark");
    browser.open(planet.base() + "/");
    browser.screenshot(SHOTS.resolve("home-dark-phone.png"), 1800);
  }

  @Test
  void theKeyboardReachesASkipLinkFirstAndFocusIsVisible() throws Exception {
    browser.open(planet.base() + "/");
    browser.press("Tab");
    assertThat(browser.eval("document.activeElement.className").asText()).isEqualTo("skip");
    assertThat(browser.eval("document.activeElement.getBoundingClientRect().left >= 0").asBoolean())
        .isTrue();
    assertThat(browser.eval("getComputedStyle(document.activeElement).outlineStyle").asText())
        .isEqualTo("solid");
    browser.press("Enter");
    browser.press("Tab");
    assertThat(browser.eval("document.activeElement.closest('main') !== null").asBoolean())
        .as("after skipping, the next stop is inside main")
        .isTrue();
  }
}
