package dev.chorus.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.255.255.254",
        "::1", // loopback
        "10.0.0.5",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1", // private
        "169.254.169.254",
        "fe80::1",
        "febf::1", // link-local
        "100.64.0.1",
        "100.127.255.255", // CGNAT
        "224.0.0.1",
        "239.255.255.250",
        "ff02::1",
        "ff0e::1", // multicast
        "0.0.0.0",
        "0.1.2.3",
        "::", // unspecified
        "255.255.255.255", // broadcast
        "192.0.0.1",
        "198.18.0.1",
        "198.19.255.255", // special purpose, benchmarking
        "240.0.0.1",
        "250.1.2.3", // reserved
        "192.0.2.1",
        "198.51.100.1",
        "203.0.113.1",
        "2001:db8::1", // documentation
        "fc00::1",
        "fd12:3456::1", // unique local
        "fec0::1",
        "feff::1", // site-local
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254", // IPv4-mapped
        "::127.0.0.1",
        "::10.0.0.1", // IPv4-compatible
        "::ffff:0:127.0.0.1", // IPv4-translated
        "2002:7f00:1::",
        "2002:a00:1::1",
        "2002:c0a8:101::", // 6to4
        "64:ff9b::7f00:1",
        "64:ff9b::a00:5",
        "64:ff9b:1::1", // NAT64
        "2001:0:4136:e378:8000:63bf:80ff:fffe", // Teredo, client 127.0.0.1 inverted
        "2001:0:a00:1::1", // Teredo, private server
        "100::1",
        "4000::1" // discard-only, outside 2000::/3
      })
  void refusesNonPublicAddresses(String address) throws Exception {
    assertThat(AddressGuard.isPublic(InetAddress.getByName(address))).as(address).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "93.184.216.34",
        "1.1.1.1",
        "8.8.8.8",
        "172.15.255.255",
        "172.32.0.1",
        "100.63.255.255",
        "100.128.0.1",
        "169.253.1.1",
        "192.167.1.1",
        "198.17.1.1",
        "198.20.0.1",
        "223.255.255.254",
        "2606:4700::1",
        "2a00:1450:4001:82b::200e",
        "2002:5db8:d822::",
        "64:ff9b::5db8:d822",
        "::ffff:93.184.216.34",
        "2001:0:5db8:d822::a247:27dd"
      })
  void passesPublicAddresses(String address) throws Exception {
    assertThat(AddressGuard.isPublic(InetAddress.getByName(address))).as(address).isTrue();
  }

  @Test
  void namesTheReasonForARefusal() throws Exception {
    assertThat(AddressGuard.refusal(InetAddress.getByName("10.0.0.5")))
        .isEqualTo("a private address");
    assertThat(AddressGuard.refusal(InetAddress.getByName("2002:7f00:1::")))
        .isEqualTo("a loopback address embedded in IPv6");
    assertThat(AddressGuard.refusal(InetAddress.getByName("93.184.216.34"))).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2130706433",
        "0x7f000001",
        "0x7f.0.0.1",
        "0177.0.0.1",
        "127.1",
        "127.0.1",
        "0177.1",
        "0x7F.1",
        "127.0.0.1.",
        "017700000001"
      })
  void parsesEveryNumericSpellingOfLoopback(String host) throws Exception {
    assertThat(AddressGuard.parseNumericIpv4(host)).isEqualTo(InetAddress.getByName("127.0.0.1"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"example.com", "256.0.0.1", "1.2.3.4.5", "127.0.0.0xg", "08.0.0.1", "", "."})
  void leavesNamesAndInvalidNumbersUnparsed(String host) {
    assertThat(AddressGuard.parseNumericIpv4(host)).isNull();
  }

  @Test
  void recognisesLocalhostNames() {
    assertThat(AddressGuard.isLocalhostName("localhost")).isTrue();
    assertThat(AddressGuard.isLocalhostName("LOCALHOST.")).isTrue();
    assertThat(AddressGuard.isLocalhostName("app.localhost")).isTrue();
    assertThat(AddressGuard.isLocalhostName("localhost.example.com")).isFalse();
  }
}
