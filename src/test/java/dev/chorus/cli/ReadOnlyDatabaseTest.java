package dev.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database Chorus may not write ends a command with one plain sentence, not a stack trace. */
class ReadOnlyDatabaseTest {
  @TempDir Path dir;
  private Path config;
  private final List<Path> locked = new ArrayList<>();

  @BeforeEach
  void writeConfig() throws IOException {
    Files.createDirectories(dir.resolve("data"));
    config = dir.resolve("feeds.yml");
    Files.writeString(config, "database: data/chorus.db\nsources: []\n");
  }

  @AfterEach
  void unlock() throws Exception {
    for (Path p : locked) {
      if (isRoot()) {
        new ProcessBuilder("chattr", "-i", p.toString()).start().waitFor();
      }
      p.toFile().setWritable(true);
    }
  }

  @Test
  void explainsAReadOnlyDatabaseFile() throws Exception {
    assertThat(run("poll", "-c", config.toString()).code).isZero();
    lock(dir.resolve("data/chorus.db"));
    Result r = run("poll", "-c", config.toString());
    assertPlainFailure(r);
    assertThat(r.err.strip())
        .isEqualTo(
            "chorus: cannot open database "
                + dir.resolve("data/chorus.db")
                + ": the database file is read-only");
  }

  @Test
  void explainsAReadOnlyDatabaseFolder() throws Exception {
    lock(dir.resolve("data"));
    for (String command : new String[] {"poll", "serve"}) {
      Result r =
          command.equals("poll")
              ? run("poll", "-c", config.toString())
              : run(
                  "serve",
                  "-c",
                  config.toString(),
                  "--port",
                  "0",
                  "--host",
                  "127.0.0.1",
                  "--no-poll");
      assertPlainFailure(r);
      assertThat(r.err).contains("cannot open database").contains("writable");
    }
  }

  private static void assertPlainFailure(Result r) {
    assertThat(r.code).isNotZero();
    assertThat(r.err.strip().lines().count()).as(r.err).isLessThanOrEqualTo(2);
    assertThat(r.err).doesNotContain("\tat ", "Exception", "java.", "org.sqlite");
  }

  private void lock(Path p) throws Exception {
    if (isRoot()) {
      int code =
          new ProcessBuilder("chattr", "+i", p.toString())
              .redirectErrorStream(true)
              .start()
              .waitFor();
      Assumptions.assumeTrue(code == 0, "chattr +i is not available here");
    } else {
      p.toFile().setWritable(false);
    }
    locked.add(p);
    boolean writable;
    try {
      if (Files.isDirectory(p)) {
        Files.delete(Files.createTempFile(p, "probe", ".tmp"));
      } else {
        Files.newOutputStream(p, StandardOpenOption.APPEND).close();
      }
      writable = true;
    } catch (IOException e) {
      writable = false;
    }
    Assumptions.assumeFalse(writable, "this file system cannot make " + p + " read-only");
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Result(
          code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
