package dev.chorus.store;

/** A storage failure (disk full, read-only file, corrupt database), in plain words. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
