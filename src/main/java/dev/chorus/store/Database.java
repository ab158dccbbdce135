package dev.chorus.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite file in WAL mode: a single writer connection behind a lock, and a small pool of
 * read-only connections so readers never wait on the poller.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private static final List<String> MIGRATIONS = Migrations.ALL;
  private final Path file;
  private final Connection writer;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final BlockingQueue<Connection> readers;
  private final int readerCount;

  /** Its own connection, so {@code PRAGMA data_version} sees every other connection's commits. */
  private final Connection versionReader;

  /** Copies the log into the file off the writer's path. */
  private final Checkpointer checkpointer;

  /**
   * The log's length in pages at which a commit checkpoints by itself: only when the background
   * checkpoints cannot keep up (a reader holding an old snapshot), since they keep the log short.
   */
  static final int WRITER_CHECKPOINT_PAGES = 10_000;

  /** The log file's size, in bytes, that it is cut back to whenever it starts over. */
  static final long WAL_FILE_LIMIT_BYTES = 16L << 20;

  private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private final java.util.concurrent.atomic.AtomicLong commits =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile Seen lastSeen;
  private final LongAdder writeBusy = new LongAdder();

  /** Writes committed together at most. */
  private static final int MAX_GROUP = 64;

  private final java.util.Queue<Pending<?>> pending =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  private Database(Path file, int readerCount) throws SQLException {
    this.file = file;
    this.readerCount = readerCount;
    this.writer = connect(false);
    try {
      migrate();
      probeWritable();
    } catch (SQLException | RuntimeException e) {
      writer.close();
      throw e;
    }
    this.readers = new ArrayBlockingQueue<>(readerCount);
    for (int i = 0; i < readerCount; i++) {
      readers.add(connect(true));
    }
    this.versionReader = connect(true);
    this.checkpointer = new Checkpointer(connect(false), file.getFileName().toString());
  }

  /** Opens (creating and migrating when needed) the database file. */
  public static Database open(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new Database(file, 4);
    } catch (SQLException | IOException e) {
      throw new StoreException("cannot open database " + file + ": " + plain(e), e);
    }
  }

  public Path file() {
    return file;
  }

  private Connection connect(boolean readOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    // the busy timeout must be in force before the first statement (journal_mode included)
    config.setBusyTimeout(10_000);
    // by default the driver runs "SELECT last_insert_rowid()" after every INSERT; nothing reads it
    config.setGetGeneratedKeys(false);
    if (!readOnly) {
      // BEGIN IMMEDIATE: a deferred transaction that reads and then writes gets SQLITE_BUSY at
      // once, without waiting, when another process (chorus poll beside chorus serve) wrote first
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    }
    Connection c =
        DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA foreign_keys = ON");
      if (readOnly) {
        s.execute("PRAGMA query_only = 1");
      } else {
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA synchronous = NORMAL");
        s.execute("PRAGMA wal_autocheckpoint = " + WRITER_CHECKPOINT_PAGES);
        // the log grows past the writer's threshold during a long poll; once it starts over, the
        // file is cut back instead of keeping its largest size on disk
        s.execute("PRAGMA journal_size_limit = " + WAL_FILE_LIMIT_BYTES);
      }
      s.execute("PRAGMA cache_size = -16000");
      s.execute("PRAGMA temp_store = MEMORY");
    }
    return c;
  }

  private void migrate() throws SQLException {
    try (Statement s = writer.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      int current;
      try (var rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
        current = rs.next() ? rs.getInt(1) : 0;
      }
      if (current > MIGRATIONS.size()) {
        throw new SQLException(
            "database schema version "
                + current
                + " is newer than this Chorus knows ("
                + MIGRATIONS.size()
                + ")");
      }
      long start = System.nanoTime();
      boolean upgrading = current > 0 && current < MIGRATIONS.size();
      if (upgrading) {
        log.info(
            "upgrading the database {} from schema {} to {}: a large one takes a minute or two",
            file,
            current,
            MIGRATIONS.size());
      }
      for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
        writer.setAutoCommit(false);
        try {
          for (String sql : statements(MIGRATIONS.get(v - 1))) {
            s.execute(sql);
          }
          s.execute("INSERT INTO schema_version (version) VALUES (" + v + ")");
          writer.commit();
        } catch (SQLException e) {
          writer.rollback();
          throw e;
        } finally {
          writer.setAutoCommit(true);
        }
      }
      if (upgrading) {
        log.info("database upgraded in {} ms", (System.nanoTime() - start) / 1_000_000);
      }
    }
  }

  /**
   * Fails now, not at the first poll, when SQLite opened the file read-only (a read-only file or
   * file system): BEGIN IMMEDIATE still succeeds then, only a statement that writes fails.
   */
  private void probeWritable() throws SQLException {
    writer.setAutoCommit(false);
    try (Statement s = writer.createStatement()) {
      s.execute("DELETE FROM schema_version WHERE 0");
    } finally {
      writer.rollback();
      writer.setAutoCommit(true);
    }
  }

  /** Splits a migration into statements at semicolons that end a line outside BEGIN…END. */
  static List<String> statements(String script) {
    List<String> out = new java.util.ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    for (String line : script.split("\n")) {
      String t = line.strip();
      if (t.endsWith("BEGIN")) {
        depth++;
      }
      if (t.startsWith("END") && depth > 0) {
        depth--;
      }
      current.append(line).append('\n');
      if ((depth == 0 && t.endsWith(";")) || (depth == 0 && t.startsWith("END"))) {
        String sql = current.toString().strip();
        out.add(sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql);
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  /** Work done inside one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in a write transaction; nothing of it stays when it fails. Works that queue
   * up while another runs are committed together (group commit): one commit for many small writes.
   * When any of them fails the group is rolled back and each work runs again alone, so a failure
   * only ever affects its own caller.
   */
  public <T> T write(Work<T> work) {
    if (writeLock.isHeldByCurrentThread()) {
      try {
        return work.run(writer); // nested: part of the caller's transaction
      } catch (SQLException e) {
        throw new StoreException("database write failed: " + plain(e), e);
      }
    }
    Pending<T> mine = new Pending<>(work);
    pending.add(mine);
    // whoever gets the lock commits a group of the queued works and wakes their callers; the
    // others sleep until their work is done or they are asked to lead the next group (taking the
    // lock only to learn that a work is done would hand it from thread to thread, one at a time)
    while (!mine.done) {
      if (writeLock.tryLock()) {
        long start = System.nanoTime();
        try {
          if (!mine.done) {
            List<Pending<?>> group = new java.util.ArrayList<>();
            for (Pending<?> p; group.size() < MAX_GROUP && (p = pending.poll()) != null; ) {
              group.add(p);
            }
            runGroup(group);
          }
        } finally {
          writeBusy.add(System.nanoTime() - start);
          writeLock.unlock();
        }
        Pending<?> next = pending.peek();
        if (next != null) {
          next.wake(); // the next group's leader
        }
      } else {
        // woken when done or when the group before is committed; the timeout is only a safety net
        LockSupport.parkNanos(mine, WAKE_CHECK_NANOS);
      }
    }
    return mine.result();
  }

  /** How long a queued write sleeps at most before it looks at the writer again. */
  private static final long WAKE_CHECK_NANOS = 50_000_000;

  private void runGroup(List<Pending<?>> group) {
    if (group.size() > 1) {
      try {
        inTransaction(
            () -> {
              for (Pending<?> p : group) {
                p.runOn(writer);
              }
            });
        group.forEach(Pending::finish);
        return;
      } catch (SQLException | RuntimeException e) {
        // someone's work failed: run each alone below
      }
    }
    for (Pending<?> p : group) {
      try {
        inTransaction(() -> p.runOn(writer));
      } catch (SQLException | RuntimeException e) {
        p.error = e;
      }
      p.finish();
    }
  }

  /** Steps run inside one transaction. */
  @FunctionalInterface
  private interface Steps {
    void run() throws SQLException;
  }

  private void inTransaction(Steps steps) throws SQLException {
    writer.setAutoCommit(false);
    try {
      steps.run();
      writer.commit();
      commits.incrementAndGet();
      checkpointer.committed();
    } catch (SQLException | RuntimeException e) {
      writer.rollback();
      throw e;
    } finally {
      writer.setAutoCommit(true);
    }
  }

  /** A write waiting for the writer, and then its outcome. */
  private static final class Pending<T> {
    final Work<T> work;
    final Thread caller = Thread.currentThread();
    T value;
    Exception error;
    volatile boolean done;

    Pending(Work<T> work) {
      this.work = work;
    }

    void runOn(Connection c) throws SQLException {
      value = work.run(c);
    }

    void finish() {
      done = true;
      wake();
    }

    void wake() {
      LockSupport.unpark(caller);
    }

    T result() {
      if (error instanceof SQLException e) {
        throw new StoreException("database write failed: " + plain(e), e);
      }
      if (error instanceof RuntimeException e) {
        throw e;
      }
      return value;
    }
  }

  /**
   * A number that changes whenever any connection, in this process or another, commits to the
   * database ({@code PRAGMA data_version} on a connection that never writes): no table is read.
   */
  public long dataVersion() {
    Seen seen = lastSeen;
    long now = System.nanoTime();
    if (seen != null && seen.commits() == commits.get() && now - seen.at() < RECHECK_NANOS) {
      return seen.version(); // nothing committed here since; other processes are seen within 50 ms
    }
    synchronized (versionReader) {
      long c = commits.get();
      try (Statement s = versionReader.createStatement();
          var rs = s.executeQuery("PRAGMA data_version")) {
        long v = rs.next() ? rs.getLong(1) : 0L;
        lastSeen = new Seen(c, now, v);
        return v;
      } catch (SQLException e) {
        throw new StoreException("database read failed: " + plain(e), e);
      }
    }
  }

  /** A data version read at a time, with this process's commit count then. */
  private record Seen(long commits, long at, long version) {}

  /** Time the single writer has spent in write transactions so far, in nanoseconds. */
  public long writeBusyNanos() {
    return writeBusy.sum();
  }

  /** Runs {@code work} on a read-only connection (a consistent snapshot per statement). */
  public <T> T read(Work<T> work) {
    Connection c;
    try {
      c = readers.poll(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for a database connection", e);
    }
    if (c == null) {
      throw new StoreException("no database connection free after 30 s", null);
    }
    try {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("database read failed: " + plain(e), e);
    } finally {
      readers.add(c);
    }
  }

  /**
   * Runs {@code PRAGMA integrity_check} on a fresh connection and returns its verdict ("ok" when
   * sound). A pooled reader that outlived another process's writes can report FTS5 "corruption"
   * that is not on disk.
   */
  public String integrityCheck() {
    try (Connection c = connect(true);
        var s = c.createStatement();
        var rs = s.executeQuery("PRAGMA integrity_check")) {
      return rs.next() ? rs.getString(1) : "no answer";
    } catch (SQLException e) {
      throw new StoreException("integrity check failed: " + plain(e), e);
    }
  }

  static String plain(Exception e) {
    if (e instanceof FileAlreadyExistsException f) {
      return f.getFile() + " is a file, not a folder";
    }
    if (e instanceof AccessDeniedException a) {
      return "permission denied on " + a.getFile();
    }
    if (e instanceof FileSystemException f) {
      return f.getReason() == null
          ? "cannot use " + f.getFile()
          : f.getReason() + ": " + f.getFile();
    }
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (m.contains("SQLITE_FULL")) {
      return "the disk is full";
    }
    if (m.contains("SQLITE_READONLY")) {
      return "the database file is read-only";
    }
    if (m.contains("SQLITE_CANTOPEN")) {
      return "the database file cannot be opened (check the folder exists and is writable)";
    }
    if (m.contains("SQLITE_CORRUPT") || m.contains("SQLITE_NOTADB")) {
      return "the database file is damaged or not a database";
    }
    return m;
  }

  @Override
  public void close() {
    checkpointer.close();
    writeLock.lock();
    try {
      for (int i = 0; i < readerCount; i++) {
        Connection c = readers.poll(5, TimeUnit.SECONDS);
        if (c != null) {
          c.close();
        }
      }
      synchronized (versionReader) {
        versionReader.close();
      }
      try (Statement s = writer.createStatement()) {
        s.execute("PRAGMA optimize");
      }
      writer.close();
    } catch (SQLException e) {
      // closing: nothing left to protect
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      writeLock.unlock();
    }
  }
}
