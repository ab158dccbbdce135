package dev.chorus.parse;

/** A document that could not be read as a feed; the message says why in plain words. */
public final class FeedParseException extends Exception {
  private static final long serialVersionUID = 1L;

  public FeedParseException(String message, Throwable cause) {
    super(message, cause);
  }
}
