package dev.chorus.store;

import dev.chorus.model.ParsedEntry;
import java.util.Objects;

/**
 * A cleaned entry ready to store, with its identity within its source.
 *
 * @param key the guid-based or link-based identity ({@code g:…} or {@code u:…})
 * @param urlKey the normalised link, used to follow a post whose guid changed; may be null
 * @param entry the cleaned entry: plain-text title and summary, sanitised content
 */
public record NewEntry(String key, String urlKey, ParsedEntry entry) {
  public NewEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(entry, "entry");
  }
}
