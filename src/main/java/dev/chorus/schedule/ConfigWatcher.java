package dev.chorus.schedule;

import dev.chorus.config.Config;
import dev.chorus.config.ConfigException;
import dev.chorus.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches {@code feeds.yml} and applies valid edits while Chorus runs; an invalid edit is reported
 * and the last good config stays in force.
 */
public final class ConfigWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);
  private final Path file;
  private final Consumer<Config> onChange;
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "config-watcher");
            t.setDaemon(true);
            return t;
          });
  private FileTime lastSeen;
  private long lastSize;

  public ConfigWatcher(Path file, Consumer<Config> onChange) {
    this.file = file;
    this.onChange = onChange;
    stamp();
  }

  /** Checks the file every {@code millis} milliseconds. */
  public void start(long millis) {
    // check() catches and reports its own failures, so the future would have nothing to tell
    ScheduledFuture<?> unused =
        timer.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** The last reload error in plain words, or null when the file in force is the file on disk. */
  public String lastError() {
    return lastError.get();
  }

  private boolean stamp() {
    try {
      FileTime t = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      boolean changed = !t.equals(lastSeen) || size != lastSize;
      lastSeen = t;
      lastSize = size;
      return changed;
    } catch (IOException e) {
      return false;
    }
  }

  void check() {
    if (!stamp()) {
      return;
    }
    try {
      Config next = ConfigLoader.load(file);
      lastError.set(null);
      log.info("{} changed: {} sources", file, next.sources().size());
      onChange.accept(next);
    } catch (ConfigException e) {
      lastError.set(e.getMessage());
      log.warn(
          "{} changed but is invalid; keeping the last good config:\n{}", file, e.getMessage());
    } catch (RuntimeException e) {
      lastError.set("reload failed: " + e.getMessage());
      log.error("config reload failed", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
