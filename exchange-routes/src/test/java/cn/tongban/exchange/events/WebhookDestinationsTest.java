package cn.tongban.exchange.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which webhook destinations the exchange may call (no network: names resolve through a test table). */
class WebhookDestinationsTest {

    static final Map<String, String> DNS = Map.of(
            "localhost",
            "127.0.0.1",
            "hooks.consumer.test",
            "203.0.113.10",
            "intranet.consumer.test",
            "10.20.30.40",
            "metadata.consumer.test",
            "169.254.169.254",
            "mixed.consumer.test",
            "203.0.113.11");

    static InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.equals("mixed.consumer.test")) { // one public and one internal address
            return new InetAddress[] {InetAddress.getByName("203.0.113.11"), InetAddress.getByName("192.168.1.1")};
        }
        String a = DNS.get(host);
        if (a == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(a)};
    }

    final WebhookDestinations strict =
            new WebhookDestinations(List.of(), Map.of(), Set.of(), WebhookDestinationsTest::resolve);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://localhost/h",
                "https://LOCALHOST:8443/h",
                "https://127.0.0.1/h",
                "https://127.9.9.9/h",
                "https://0.0.0.0/h",
                "https://[::1]/h",
                "https://[::]/h",
                "https://[::ffff:127.0.0.1]/h",
                "https://[::ffff:7f00:1]/h",
                "https://[::127.0.0.1]/h",
                "https://[::ffff:0:7f00:1]/h",
                "https://hooks.consumer.test@127.0.0.1/h",
                "https://2130706433/h",
                "https://0x7f.1/h",
                "https://0x7f000001/h",
                "https://127.1/h",
                "https://017700000001/h",
                "https://0177.0.0.1/h",
                "https://169.254.169.254/latest/meta-data",
                "https://10.0.0.1/h",
                "https://172.16.5.4/h",
                "https://192.168.1.1/h",
                "https://100.64.0.1/h",
                "https://[fd12:3456:789a::1]/h",
                "https://[fe80::1]/h",
                "https://224.0.0.1/h",
                "https://[ff02::1]/h",
                "https://255.255.255.255/h",
                "https://[64:ff9b::7f00:1]/h",
                "https://[2002:7f00:1::]/h",
                "https://intranet.consumer.test/h",
                "https://metadata.consumer.test/h",
                "https://mixed.consumer.test/h",
                "https://unknown.consumer.test/h"
            })
    void internalUnresolvableAndAmbiguousDestinationsAreRefused(String url) {
        assertThatThrownBy(() -> strict.check("smr-licensing", URI.create(url)))
                .isInstanceOf(WebhookDestinations.Refused.class);
    }

    @Test
    void aPublicDestinationIsAllowedAtTheAddressItResolvesTo() throws Exception {
        assertThat(strict.check("smr-licensing", URI.create("https://hooks.consumer.test/events")))
                .containsExactly(InetAddress.getByName("203.0.113.10"));
        assertThat(strict.check("smr-licensing", URI.create("https://8.8.8.8/events")))
                .containsExactly(InetAddress.getByName("8.8.8.8"));
    }

    @Test
    void thePlatformsOwnAddressesAreRefused() throws Exception {
        WebhookDestinations withOwn = new WebhookDestinations(
                List.of(), Map.of(), Set.of(InetAddress.getByName("203.0.113.10")), WebhookDestinationsTest::resolve);
        assertThatThrownBy(() -> withOwn.check("smr-licensing", URI.create("https://hooks.consumer.test/h")))
                .isInstanceOf(WebhookDestinations.Refused.class)
                .hasMessageContaining("this platform");
    }

    @Test
    void anAdministratorAllowsDestinationsByHostPortOrBlockForAllOrOneSystem() throws Exception {
        WebhookDestinations allowing = new WebhookDestinations(
                List.of("intranet.consumer.test:8443", "100.64.0.0/10"),
                Map.of("ps-household-registry", List.of("[::1]:9000", "127.0.0.1")),
                Set.of(),
                WebhookDestinationsTest::resolve);
        assertThat(allowing.check("smr-licensing", URI.create("https://intranet.consumer.test:8443/h")))
                .hasSize(1);
        assertThatThrownBy(() -> allowing.check("smr-licensing", URI.create("https://intranet.consumer.test/h")))
                .isInstanceOf(WebhookDestinations.Refused.class); // another port
        assertThat(allowing.check("smr-licensing", URI.create("https://100.100.1.1/h")))
                .hasSize(1);
        assertThat(allowing.check("ps-household-registry", URI.create("http://127.0.0.1:8080/h")))
                .hasSize(1);
        assertThat(allowing.check("ps-household-registry", URI.create("http://[::1]:9000/h")))
                .hasSize(1);
        assertThatThrownBy(() -> allowing.check("smr-licensing", URI.create("http://127.0.0.1:8080/h")))
                .isInstanceOf(WebhookDestinations.Refused.class); // another system's entry
        assertThatThrownBy(() -> allowing.check("ps-household-registry", URI.create("http://localhost:8080/h")))
                .isInstanceOf(WebhookDestinations.Refused.class); // the host as written, not what it resolves to
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "host:port", "10.0.0.0/33", "10.0.0/8", "[::1", "h:0", "2130706433/8"})
    void aMalformedAllowListEntryStopsTheStart(String entry) {
        assertThatThrownBy(() -> new WebhookDestinations(List.of(entry), Map.of(), Set.of(), h -> null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
