package dev.chorus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseGroupCommitTest {
  @TempDir Path dir;

  @Test
  void concurrentWritesAllLandAndAFailureOnlyReachesItsCaller() throws Exception {
    try (Database db = Database.open(dir.resolve("g.db"))) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Integer>> ok = new ArrayList<>();
        List<Future<Integer>> bad = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
          int n = i;
          (n % 50 == 7 ? bad : ok)
              .add(
                  pool.submit(
                      () ->
                          db.write(
                              c -> {
                                try (PreparedStatement p =
                                    c.prepareStatement(
                                        "INSERT INTO sources (id, name, url, created_at) VALUES (?, 'n', 'u', 0)")) {
                                  p.setString(1, "s" + n);
                                  p.executeUpdate();
                                }
                                if (n % 50 == 7) {
                                  throw new IllegalStateException(
                                      "work " + n + " fails after writing");
                                }
                                return n;
                              })));
        }
        for (Future<Integer> f : ok) {
          assertThat(f.get()).isNotNull();
        }
        for (Future<Integer> f : bad) {
          assertThatThrownBy(f::get).hasCauseInstanceOf(IllegalStateException.class);
        }
      } finally {
        pool.shutdownNow();
      }
      long rows =
          db.read(
              c -> {
                try (var s = c.createStatement();
                    var rs = s.executeQuery("SELECT count(*) FROM sources")) {
                  rs.next();
                  return rs.getLong(1);
                }
              });
      assertThat(rows).isEqualTo(400 - 8);
      Database.Work<String> inner = c2 -> "nested joins the outer transaction";
      String nested = db.write(c -> db.write(inner));
      assertThat(nested).startsWith("nested");
    }
  }

  @Test
  void dataVersionSeesCommitsFromAnotherConnection() throws InterruptedException {
    try (Database db = Database.open(dir.resolve("v.db"));
        Database other = Database.open(dir.resolve("v.db"))) {
      long v0 = db.dataVersion();
      assertThat(db.dataVersion()).isEqualTo(v0);
      other.write(
          c ->
              c.createStatement()
                  .executeUpdate(
                      "INSERT INTO sources (id, name, url, created_at) VALUES ('x', 'n', 'u', 0)"));
      Thread.sleep(60); // another process's commits show within 50 ms
      long v1 = db.dataVersion();
      assertThat(v1).isNotEqualTo(v0);
      db.write(c -> c.createStatement().executeUpdate("UPDATE sources SET name = 'm'"));
      assertThat(db.dataVersion()).isNotEqualTo(v1); // this process's own, at once
    }
  }
}
