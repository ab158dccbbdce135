package dev.chorus.store;

import dev.chorus.model.StoredEntry;
import java.util.List;

/** One page of entries, newest first, and the cursor of the next page (null at the end). */
public record EntryPage(List<StoredEntry> entries, String next) {
  public EntryPage {
    entries = List.copyOf(entries);
  }
}
