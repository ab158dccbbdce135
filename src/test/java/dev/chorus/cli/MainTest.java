package dev.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void checkAcceptsAValidConfig() throws Exception {
    Path f = dir.resolve("feeds.yml");
    Files.writeString(f, "title: T\nsources:\n  - id: a\n    url: https://a.example/\n");
    Run r = run("check", "--config", f.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("is valid", "1 sources", "https://a.example/");
  }

  @Test
  void checkFailsWithFileLineAndField() throws Exception {
    Path f = dir.resolve("feeds.yml");
    Files.writeString(f, "sources:\n  - url: https://a.example/\n    colour: red\n");
    Run r = run("check", "--config", f.toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("feeds.yml:3: sources[0].colour: unknown key");
  }

  @Test
  void pollExitsZeroWhenSourcesFailButTheConfigIsValid() throws Exception {
    Path f = dir.resolve("feeds.yml");
    // a refused address: loopback is not allowed by default
    Files.writeString(f, "database: t.db\nsources:\n  - id: local\n    url: http://127.0.0.1:9/\n");
    Run r = run("poll", "--config", f.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("local", "error", "loopback");
  }

  @Test
  void pollRefusesAnInvalidConfig() throws Exception {
    Path f = dir.resolve("feeds.yml");
    Files.writeString(f, "sources: 5\n");
    assertThat(run("poll", "--config", f.toString()).code()).isEqualTo(2);
  }
}
