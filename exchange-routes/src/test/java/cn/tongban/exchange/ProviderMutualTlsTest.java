package cn.tongban.exchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.tongban.catalog.Resource;
import cn.tongban.catalog.demo.DemoDataset;
import cn.tongban.fixtures.pki.TestPki;
import cn.tongban.trust.pki.KeyAlgorithm;

/**
 * Mutual TLS to a provider that requires it (a WireMock department with {@code needClientAuth}): the exchange
 * presents its own client certificate and checks the provider's server certificate; nothing the consumer sent
 * reaches the provider. Without the exchange's certificate, or with a provider certificate from an untrusted CA,
 * the pull fails as 503 PROVIDER_UNAVAILABLE.
 */
class ProviderMutualTlsTest {

    static final char[] PW = "changeit".toCharArray();
    static final String BUSINESS = "310000-102001-00001";
    static final String RESTAURANT = "91310104MA1JG7LC4B";
    static final String ANSWER =
            "{\"resourceCode\":\"" + BUSINESS + "\",\"subject\":\"" + RESTAURANT + "\",\"records\":[]}";

    static TestPki platform;
    static WireMockServer provider;
    static Resource business;

    @TempDir
    static Path dir;

    DefaultCamelContext camel;

    @BeforeAll
    static void startProvider() throws Exception {
        platform = TestPki.builder(Clock.systemUTC(), KeyAlgorithm.EC_P256).build();
        Path keys = Files.write(dir.resolve("provider.p12"), platform.keyStore(platform.tlsServer(), "server", PW));
        Path trust = Files.write(dir.resolve("trust.p12"), platform.trustStore(PW));
        provider = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .httpsPort(0)
                .keystorePath(keys.toString())
                .keystorePassword("changeit")
                .keyManagerPassword("changeit")
                .keystoreType("PKCS12")
                .needClientAuth(true)
                .trustStorePath(trust.toString())
                .trustStorePassword("changeit")
                .trustStoreType("PKCS12"));
        provider.start();
        provider.stubFor(get(anyUrl())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(ANSWER)));
        business = DemoDataset.load().resources().stream()
                .filter(r -> r.code().equals(BUSINESS))
                .findFirst()
                .orElseThrow();
    }

    @AfterAll
    static void stopProvider() {
        provider.stop();
    }

    @AfterEach
    void stopCamel() throws Exception {
        if (camel != null) {
            camel.close();
        }
    }

    static SSLContext tls(TestPki keysFrom, TestPki trusted) throws Exception {
        KeyManagerFactory kmf = null;
        if (keysFrom != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(keysFrom.keyStore(keysFrom.tlsClient(), "tongban-exchange", PW)), PW);
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PW);
        }
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(new ByteArrayInputStream(trusted.trustStore(PW)), PW);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    PullService exchange(SSLContext clientTls) throws Exception {
        ProviderEndpoint endpoint = ProviderEndpoint.of(
                        "smr-registration", URI.create("https://localhost:" + provider.httpsPort()))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
        if (clientTls != null) {
            endpoint = endpoint.withClientTls(clientTls);
        }
        camel = new DefaultCamelContext();
        camel.addRoutes(new PullRoutes(
                code -> Optional.of(business),
                new SharingPolicy((c, r) -> List.of()),
                List.of(endpoint),
                r -> 1L,
                Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC)));
        camel.start();
        return new PullService(camel.createProducerTemplate());
    }

    static PullRequest pull() {
        return new PullRequest("city-service-window", BUSINESS, RESTAURANT, "p", null, "clerk-1", Set.of());
    }

    @Test
    void theExchangePresentsItsOwnCertificateAndForwardsNothingOfTheConsumers() throws Exception {
        provider.resetRequests();
        PullService exchange = exchange(tls(platform, platform));
        camel.createProducerTemplate().send(PullRoutes.PULL, e -> {
            e.getIn().setBody(pull());
            e.getIn().setHeader("Authorization", "Bearer consumer-token");
            e.getIn().setHeader("Cookie", "SESSION=abc");
            e.getIn().setHeader("X-Client-Certificate", "-----BEGIN CERTIFICATE-----");
            e.getIn().setHeader("ssl-client-cert", "MIIB");
        });
        assertThat(exchange.pull(pull()).records()).isEmpty(); // the provider's 200, through the handshake

        var requests = provider.findAll(getRequestedFor(urlPathMatching(".*")));
        assertThat(requests).hasSize(2);
        Set<String> headers = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        requests.forEach(r -> headers.addAll(r.getAllHeaderKeys()));
        // Only what the exchange's own HTTP client sends: no credentials, cookies or certificates of the consumer
        assertThat(new ArrayList<>(headers))
                .allSatisfy(h -> assertThat(h.toLowerCase(Locale.ROOT))
                        .isIn("accept", "accept-encoding", "host", "connection", "user-agent"));
    }

    @Test
    void withoutTheExchangesClientCertificateTheProviderRefusesTheHandshake() throws Exception {
        PullService exchange = exchange(tls(null, platform)); // trusts the provider, presents no certificate
        assertThatThrownBy(() -> exchange.pull(pull()))
                .isInstanceOfSatisfying(
                        ExchangeException.class,
                        e -> assertThat(e.error()).isEqualTo(ExchangeError.PROVIDER_UNAVAILABLE));
    }

    @Test
    void aProviderCertificateFromAnUntrustedCaIsRefused() throws Exception {
        TestPki other = TestPki.builder(Clock.systemUTC(), KeyAlgorithm.EC_P256).build();
        PullService exchange = exchange(tls(platform, other));
        provider.resetRequests();
        assertThatThrownBy(() -> exchange.pull(pull()))
                .isInstanceOfSatisfying(
                        ExchangeException.class,
                        e -> assertThat(e.error()).isEqualTo(ExchangeError.PROVIDER_UNAVAILABLE));
        assertThat(provider.findAll(getRequestedFor(urlPathMatching(".*")))).isEmpty();
    }

    @Test
    void mutualTlsNeedsAnHttpsProvider() {
        assertThatThrownBy(() -> ProviderEndpoint.of("p", URI.create("http://127.0.0.1:1"))
                        .withClientTls(SSLContext.getDefault()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https");
    }
}
