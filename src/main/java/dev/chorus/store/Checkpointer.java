package dev.chorus.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies committed pages from the write-ahead log into the database file on a thread of its own, so
 * that the single writer never does: left to SQLite's automatic checkpoint, the commit that crosses
 * the log's threshold copies the log and waits for two syncs while every queued write waits behind
 * it (38% of a new feed's save, single-threaded). A checkpoint runs at most every {@value
 * #INTERVAL_MS} ms while writes come in, and never when none do. It is PASSIVE: it takes no lock a
 * reader or the writer waits on, and copies what no reader still needs. While writes keep coming
 * the log cannot start over (new pages arrive as old ones are copied), so it grows until the
 * writer's own checkpoint, at {@link Database#WRITER_CHECKPOINT_PAGES}, finishes the little left to
 * copy.
 */
final class Checkpointer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

  static final long INTERVAL_MS = 200;
  private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS);
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Connection connection;
  private final String name;
  private final Thread thread;
  private final AtomicBoolean dirty = new AtomicBoolean();
  private volatile boolean closed;
  private String lastError; // the checkpoint thread's own

  /** Takes over the connection, which it closes. */
  Checkpointer(Connection connection, String name) {
    this.connection = connection;
    this.name = name;
    this.thread = new Thread(this::run, "db-checkpoint");
    thread.setDaemon(true);
    thread.start();
  }

  /** Called after each commit: the log has pages to copy. */
  void committed() {
    if (dirty.compareAndSet(false, true)) {
      LockSupport.unpark(thread);
    }
  }

  private void run() {
    long last = System.nanoTime() - INTERVAL_NANOS;
    while (!closed) {
      if (!dirty.get()) {
        LockSupport.parkNanos(this, IDLE_NANOS);
        continue;
      }
      long wait = last + INTERVAL_NANOS - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(this, wait); // commits meanwhile are copied together
        continue;
      }
      dirty.set(false);
      checkpoint();
      last = System.nanoTime();
    }
  }

  private void checkpoint() {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      rs.next();
      lastError = null;
    } catch (SQLException e) {
      // another process checkpointing at the same moment: the next run copies what this one missed
      if (isBusy(e)) {
        return;
      }
      // said once per kind of failure; the writer's own checkpoint is still there, further up
      String why = String.valueOf(e.getMessage());
      if (!why.equals(lastError)) {
        log.warn("{}: background checkpoint failed: {}", name, why);
        lastError = why;
      }
    }
  }

  /** SQLITE_BUSY or SQLITE_LOCKED, extended codes included. */
  static boolean isBusy(SQLException e) {
    int primary = e.getErrorCode() & 0xFF;
    return primary == 5 || primary == 6;
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // closing: nothing left to protect
    }
  }
}
