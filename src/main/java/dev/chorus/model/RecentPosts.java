package dev.chorus.model;

import java.time.Instant;

/**
 * A source's posts in a recent window: how many, and when the oldest of them was posted.
 *
 * @param count the posts counted
 * @param oldest when the oldest counted post was posted (or first seen); null when none
 */
public record RecentPosts(int count, Instant oldest) {
  public static final RecentPosts NONE = new RecentPosts(0, null);

  public RecentPosts {
    if (count < 0 || (count > 0) != (oldest != null)) {
      throw new IllegalArgumentException("count " + count + " with oldest " + oldest);
    }
  }

  /** The posts counted here or there, as one count: the larger count, the earlier oldest post. */
  public RecentPosts union(RecentPosts other) {
    if (other.count == 0) {
      return this;
    }
    if (count == 0) {
      return other;
    }
    return new RecentPosts(
        Math.max(count, other.count), oldest.isBefore(other.oldest) ? oldest : other.oldest);
  }
}
