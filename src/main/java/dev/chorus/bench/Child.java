package dev.chorus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a probe's main class in a fresh JVM on this classpath and reads its RESULT line. */
final class Child {
  private Child() {}

  static JsonNode run(
      List<String> jvmArgs, Class<?> main, List<String> args, Path log, Duration limit)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(args);
    Path stdout = Files.createTempFile(log.getParent(), "child", ".out");
    Process p =
        new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(log.toFile()).start();
    try {
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IOException(
            main.getSimpleName()
                + " did not finish within "
                + limit.toSeconds()
                + " s; see "
                + log);
      }
      for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
        if (line.startsWith("RESULT ")) {
          return new ObjectMapper().readTree(line.substring(7));
        }
      }
      throw new IOException(
          main.getSimpleName() + " exited " + p.exitValue() + " without a result; see " + log);
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(stdout);
    }
  }
}
