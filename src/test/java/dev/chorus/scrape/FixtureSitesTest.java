package dev.chorus.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs the detector and post-page reader over copies of real blog sites, as acceptance does. */
class FixtureSitesTest {

  @Test
  void findsThePostsOfEveryFixtureSite() throws Exception {
    SiteChecker.Result r = new SiteChecker("/scrape/sites").run();
    assertThat(r.extras()).isZero();
    assertThat(r.failed()).as(String.join("\n", r.report())).isZero();
  }
}
