package dev.chorus.config;

import java.time.Duration;

/**
 * How Chorus fetches: network reach and limits.
 *
 * @param allowPrivateNetworks true lets sources live on loopback/private addresses
 * @param maxBytes the largest body accepted, after decompression
 * @param timeout the total deadline of one fetch
 * @param maxRedirects redirects followed at most
 */
public record FetchSettings(
    boolean allowPrivateNetworks, long maxBytes, Duration timeout, int maxRedirects) {

  public static FetchSettings defaults() {
    return new FetchSettings(false, 10L * 1024 * 1024, Duration.ofSeconds(30), 5);
  }
}
