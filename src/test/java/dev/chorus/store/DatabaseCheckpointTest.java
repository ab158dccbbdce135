package dev.chorus.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseCheckpointTest {
  @TempDir Path dir;

  @Test
  void committedPagesReachTheFileWithoutTheWriterCheckpointing() throws Exception {
    Path file = dir.resolve("c.db");
    try (Database db = Database.open(file)) {
      long before = Files.size(file);
      // ~2 MB: far under the writer's own checkpoint threshold, so only the background one copies
      for (int round = 0; round < 4; round++) {
        db.write(
            c -> {
              try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS blobs (b BLOB)");
              }
              try (PreparedStatement p = c.prepareStatement("INSERT INTO blobs VALUES (?)")) {
                for (int i = 0; i < 500; i++) {
                  p.setBytes(1, new byte[1000]);
                  p.executeUpdate();
                }
              }
              return null;
            });
      }
      assertThat((long) Database.WRITER_CHECKPOINT_PAGES * 4096).isGreaterThan(8L << 20);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (Files.size(file) < before + 1_500_000 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(Files.size(file)).isGreaterThan(before + 1_500_000);
      // and the log is fully copied: a checkpoint now has nothing left to do
      long[] log =
          db.read(
              c -> {
                try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                  rs.next();
                  return new long[] {rs.getLong(2), rs.getLong(3)};
                }
              });
      assertThat(log[1]).isEqualTo(log[0]);
      long limit =
          db.write(
              c -> {
                try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA journal_size_limit")) {
                  rs.next();
                  return rs.getLong(1);
                }
              });
      assertThat(limit).isEqualTo(Database.WAL_FILE_LIMIT_BYTES);
      assertThat(db.integrityCheck()).isEqualTo("ok");
    }
  }

  @Test
  void twoProcessesCheckpointingOneFileKeepItWhole() throws Exception {
    Path file = dir.resolve("two.db");
    try (Database poll = Database.open(file);
        Database serve = Database.open(file)) {
      poll.write(
          c -> {
            try (Statement s = c.createStatement()) {
              s.execute("CREATE TABLE blobs (b BLOB)");
            }
            return null;
          });
      Thread[] writers = new Thread[2];
      Database[] both = {poll, serve};
      for (int w = 0; w < 2; w++) {
        Database db = both[w];
        writers[w] =
            new Thread(
                () -> {
                  for (int round = 0; round < 40; round++) {
                    db.write(
                        c -> {
                          try (PreparedStatement p =
                              c.prepareStatement("INSERT INTO blobs VALUES (?)")) {
                            for (int i = 0; i < 50; i++) {
                              p.setBytes(1, new byte[1000]);
                              p.executeUpdate();
                            }
                          }
                          return null;
                        });
                  }
                });
        writers[w].start();
      }
      for (Thread t : writers) {
        t.join();
      }
      long rows =
          serve.read(
              c -> {
                try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM blobs")) {
                  rs.next();
                  return rs.getLong(1);
                }
              });
      assertThat(rows).isEqualTo(2 * 40 * 50);
      assertThat(poll.integrityCheck()).isEqualTo("ok");
    }
  }

  @Test
  void anotherCheckpointUnderWayIsNotAFailure() {
    assertThat(Checkpointer.isBusy(new java.sql.SQLException("busy", null, 5))).isTrue();
    assertThat(Checkpointer.isBusy(new java.sql.SQLException("busy recovery", null, 261))).isTrue();
    assertThat(Checkpointer.isBusy(new java.sql.SQLException("locked", null, 6))).isTrue();
    assertThat(Checkpointer.isBusy(new java.sql.SQLException("io", null, 10))).isFalse();
  }
}
