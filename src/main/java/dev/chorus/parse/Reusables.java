package dev.chorus.parse;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

/**
 * A few costly, non-thread-safe objects (configured parsers) shared by whichever threads parse. Not
 * per thread: a poll runs hundreds of threads but parses on a handful at once, so one parser per
 * thread would be built hundreds of times and used about twice each.
 */
final class Reusables<T> {
  /** More idle objects than this are dropped: parsing runs about one per core at a time. */
  private static final int MAX_IDLE = 16;

  private final Supplier<T> factory;
  private final ConcurrentLinkedDeque<T> idle = new ConcurrentLinkedDeque<>();

  Reusables(Supplier<T> factory) {
    this.factory = factory;
  }

  /** An idle object, or a new one when all are in use. Hand it back with {@link #release}. */
  T take() {
    T t = idle.pollFirst();
    return t != null ? t : factory.get();
  }

  /** Returns an object taken earlier; call only when it is in a reusable state. */
  void release(T t) {
    if (idle.size() < MAX_IDLE) {
      idle.offerFirst(t);
    }
  }
}
