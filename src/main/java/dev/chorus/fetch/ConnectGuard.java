package dev.chorus.fetch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Function;
import javax.net.SocketFactory;
import okhttp3.Dns;

/**
 * The SSRF guard: checks URL hosts before each hop, resolved names in {@link #lookup} and the
 * actual socket address at connect time, refusing non-public addresses unless private networks are
 * allowed.
 */
final class ConnectGuard implements Dns {

  private final boolean allowPrivate;
  private final Function<String, List<InetAddress>> resolver;
  private final Function<InetAddress, String> refusal;

  /**
   * {@code resolver} may be null to use the system resolver; {@code refusal} says why an address is
   * refused or returns null ({@link AddressGuard#refusal} outside tests).
   */
  ConnectGuard(
      boolean allowPrivate,
      Function<String, List<InetAddress>> resolver,
      Function<InetAddress, String> refusal) {
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
    this.refusal = refusal;
  }

  /**
   * Checks a URL host (as canonicalised by OkHttp, IPv6 without brackets) that OkHttp may connect
   * to without calling {@link #lookup}: IP literals in any numeric spelling, and localhost names.
   */
  void checkHost(String host) throws AddressRefusedException {
    if (allowPrivate) {
      return;
    }
    InetAddress literal = literal(host);
    if (literal != null) {
      String why = refusal.apply(literal);
      if (why != null) {
        String shown = literal.getHostAddress();
        throw new AddressRefusedException(
            shown.equals(host)
                ? "refused: " + host + " is " + why
                : "refused: " + host + " is " + shown + ", " + why);
      }
    } else if (AddressGuard.isLocalhostName(host)) {
      throw new AddressRefusedException("refused: " + host + " is a loopback name");
    }
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    checkHost(hostname);
    InetAddress literal = literal(hostname);
    if (literal != null) {
      return List.of(literal);
    }
    String name = hostname.endsWith(".") ? hostname.substring(0, hostname.length() - 1) : hostname;
    if (AddressGuard.isLocalhostName(name)) {
      return List.of(InetAddress.getLoopbackAddress());
    }
    List<InetAddress> addresses = resolve(name);
    if (addresses.isEmpty()) {
      throw new UnknownHostException("no addresses for " + name);
    }
    if (!allowPrivate) {
      for (InetAddress a : addresses) {
        String why = refusal.apply(a);
        if (why != null) {
          throw new AddressRefusedException(
              "refused: " + name + " resolves to " + a.getHostAddress() + ", " + why);
        }
      }
    }
    return addresses;
  }

  private List<InetAddress> resolve(String name) throws UnknownHostException {
    if (resolver == null) {
      return Dns.SYSTEM.lookup(name);
    }
    try {
      List<InetAddress> addresses = resolver.apply(name);
      return addresses == null ? List.of() : addresses;
    } catch (RuntimeException e) {
      UnknownHostException u = new UnknownHostException("cannot resolve " + name);
      u.initCause(e);
      throw u;
    }
  }

  /** The address a numeric host denotes (IPv6 or any IPv4 spelling), or null for a name. */
  private static InetAddress literal(String host) {
    if (host.indexOf(':') >= 0) {
      String h =
          host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
      try {
        return InetAddress.getByName(h); // a literal: no lookup happens for text with a colon
      } catch (UnknownHostException e) {
        return null;
      }
    }
    return AddressGuard.parseNumericIpv4(host);
  }

  /** Sockets that refuse to connect to non-public addresses; null when private ones are allowed. */
  SocketFactory socketFactory() {
    return allowPrivate ? null : new GuardedSocketFactory(refusal);
  }

  /** Creates {@link GuardedSocket}s; OkHttp only uses the unconnected {@code createSocket()}. */
  private static final class GuardedSocketFactory extends SocketFactory {
    private final Function<InetAddress, String> refusal;

    GuardedSocketFactory(Function<InetAddress, String> refusal) {
      this.refusal = refusal;
    }

    @Override
    public Socket createSocket() {
      return new GuardedSocket(refusal);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return connected(new InetSocketAddress(address, port));
    }

    private Socket connected(InetSocketAddress address) throws IOException {
      Socket s = new GuardedSocket(refusal);
      s.connect(address);
      return s;
    }
  }

  /** A plain socket whose connect checks the resolved address first. */
  private static final class GuardedSocket extends Socket {
    private final Function<InetAddress, String> refusal;

    GuardedSocket(Function<InetAddress, String> refusal) {
      this.refusal = refusal;
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
      connect(endpoint, 0);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (endpoint instanceof InetSocketAddress isa) {
        InetAddress a = isa.getAddress();
        if (a == null) {
          throw new AddressRefusedException("refused: unresolved address " + isa.getHostString());
        }
        String why = refusal.apply(a);
        if (why != null) {
          throw new AddressRefusedException("refused: " + a.getHostAddress() + " is " + why);
        }
      }
      super.connect(endpoint, timeout);
    }
  }
}
