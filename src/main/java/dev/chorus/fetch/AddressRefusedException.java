package dev.chorus.fetch;

import java.net.UnknownHostException;

/**
 * Thrown inside OkHttp by the guard when a host or socket address is not public; an {@link
 * UnknownHostException} so that {@code Dns.lookup} may throw it.
 */
final class AddressRefusedException extends UnknownHostException {

  private static final long serialVersionUID = 1L;

  AddressRefusedException(String message) {
    super(message);
  }
}
