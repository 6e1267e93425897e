package cn.tongban.server.exchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.SharingType;
import cn.tongban.catalog.admin.CatalogueAdmin;
import cn.tongban.catalog.auth.Actor;
import cn.tongban.catalog.auth.AuthorisationStatus;
import cn.tongban.catalog.auth.Authorisations;
import cn.tongban.exchange.CatalogueCache;
import cn.tongban.fixtures.departments.DepartmentStubs;
import cn.tongban.server.TestPkiDir;
import cn.tongban.server.cli.PlatformPki;
import cn.tongban.trust.pki.KeyAlgorithm;

/**
 * The pull's provider side over real HTTPS: mutual TLS to a provider that requires a client certificate (a WireMock
 * department with {@code needClientAuth} in front of the simulated one), nothing of the consumer's request reaching
 * it; and the catalogue cache, whose entries a change to a resource or a revoked authorisation drop before the very
 * next pull.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:exchange-providers-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "tongban.demo.first-port=0",
            "tongban.cluster.port=5841",
            "tongban.exchange.cache.ttl=1h"
        })
@ActiveProfiles("demo")
class ExchangeProvidersIT {

    static final TestPkiDir PKI = TestPkiDir.create();
    static final DepartmentStubs DEPARTMENTS = DepartmentStubs.start();
    static final WireMockServer MTLS_PROVIDER = mutualTlsProvider();
    static final String BUSINESS = "310000-102001-00001";
    static final String IDENTITY = "310000-101002-00001";
    static final String MARRIAGE = "310000-301001-00001";
    static final String RESTAURANT = "91310104MA1JG7LC4B";
    static final String RESIDENT = "310104198204172139";
    static final String MARRIAGE_CHECK = "内地居民结婚登记：核实当事人无有效婚姻登记记录";

    /** HTTPS with the platform's server certificate, requiring a client certificate from the platform CA. */
    static WireMockServer mutualTlsProvider() {
        try {
            new PlatformPki(PKI.layout, Clock.systemUTC(), KeyAlgorithm.EC_P256).issueClient("tongban-exchange");
            String pw = Files.readString(PKI.layout.storePasswordFile()).strip();
            WireMockServer w = new WireMockServer(options()
                    .bindAddress("127.0.0.1")
                    .httpDisabled(true)
                    .httpsPort(0)
                    .keystorePath(PKI.layout.serverKeyStore().toString())
                    .keystorePassword(pw)
                    .keyManagerPassword(pw)
                    .keystoreType("PKCS12")
                    .needClientAuth(true)
                    .trustStorePath(PKI.layout.trustStore().toString())
                    .trustStorePassword(pw)
                    .trustStoreType("PKCS12"));
            w.start();
            w.stubFor(any(anyUrl())
                    .willReturn(aResponse()
                            .proxiedFrom(DEPARTMENTS
                                    .baseUri(DepartmentStubs.MARKET_REGISTRATION)
                                    .toString())));
            return w;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tongban.pki.dir", () -> PKI.layout.dir().toString());
        String mtls = "https://localhost:" + MTLS_PROVIDER.httpsPort();
        registry.add("tongban.exchange.providers.smr-registration.base-uri", () -> mtls);
        registry.add("tongban.exchange.providers.smr-registration.mutual-tls", () -> "true");
        // the same provider, configured without the exchange's certificate: the handshake fails
        registry.add("tongban.exchange.providers.ps-household-registry.base-uri", () -> mtls);
        registry.add(
                "tongban.exchange.providers.ca-marriage-registry.base-uri",
                () -> DEPARTMENTS.baseUri(DepartmentStubs.MARRIAGE_REGISTRY).toString());
    }

    @AfterAll
    static void stop() {
        MTLS_PROVIDER.stop();
        DEPARTMENTS.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    CatalogueAdmin admin;

    @Autowired
    ResourceRepository resources;

    @Autowired
    Authorisations authorisations;

    @Autowired
    CatalogueCache cache;

    HttpResponse<String> pull(String system, String resource, String body, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(
                        URI.create("https://localhost:" + port + "/api/v1/exchange/resources/" + resource + "/query"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            r.headers(headers);
        }
        return PKI.client(system).send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String query(String subject, String purpose, String serviceItem) {
        return "{\"subjects\":[\"" + subject + "\"],\"purpose\":\"" + purpose + "\",\"serviceItem\":\"" + serviceItem
                + "\",\"operator\":\"clerk-0042\"}";
    }

    JsonNode status(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = mapper.readTree(r.body());
        if (code != null) {
            assertThat(body.path("code").asText()).isEqualTo(code);
        }
        return body;
    }

    @Test
    void theExchangeCallsAMutualTlsProviderWithItsOwnCertificateAndNothingOfTheConsumers() throws Exception {
        MTLS_PROVIDER.resetRequests();
        JsonNode answer = status(
                pull(
                        "city-service-window",
                        BUSINESS,
                        query(RESTAURANT, "食品经营许可审查", "310000-XK-0001"),
                        "Cookie",
                        "JSESSIONID=consumer-session",
                        "X-Api-Key",
                        "consumer-secret",
                        "X-Client-Certificate",
                        "-----BEGIN CERTIFICATE-----"),
                200,
                null);
        assertThat(answer.path("results")
                        .get(0)
                        .path("records")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("上海味知餐饮管理有限公司");

        var requests = MTLS_PROVIDER.findAll(getRequestedFor(urlPathMatching(".*")));
        assertThat(requests).hasSize(1);
        Set<String> headers = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        headers.addAll(requests.get(0).getAllHeaderKeys());
        assertThat(headers)
                .allSatisfy(h -> assertThat(h.toLowerCase(Locale.ROOT))
                        .isIn("accept", "accept-encoding", "host", "connection", "user-agent"));
    }

    @Test
    void aProviderRequiringClientCertificatesConfiguredWithoutMutualTlsIs503() throws Exception {
        status(
                pull("city-service-window", IDENTITY, query(RESIDENT, "身份核验", "310000-XK-0001")),
                503,
                "PROVIDER_UNAVAILABLE");
    }

    @Test
    void aChangedResourceTakesEffectOnTheVeryNextPull() throws Exception {
        status(pull("smr-licensing", BUSINESS, query(RESTAURANT, "食品经营许可审查", "310000-XK-0001")), 200, null);
        long hits = cache.hits();
        status(pull("smr-licensing", BUSINESS, query(RESTAURANT, "食品经营许可审查", "310000-XK-0001")), 200, null);
        assertThat(cache.hits())
                .as("the second pull read the catalogue from the cache")
                .isGreaterThan(hits);

        Resource r = resources.find(BUSINESS).orElseThrow();
        Resource notShared = new Resource(
                r.code(),
                r.version(),
                r.name(),
                r.providerCode(),
                r.providerName(),
                r.providerSystem(),
                r.classification(),
                r.classificationCode(),
                r.abstractText(),
                r.format(),
                r.subjectType(),
                SharingType.NOT_SHARED,
                null,
                "《测试依据》第一条",
                r.sharingMethod(),
                r.openToPublic(),
                r.updateCycle(),
                r.publishDate(),
                r.endpointPath(),
                r.items(),
                r.openCondition(),
                r.relatedCodes(),
                r.status(),
                r.updatedAt(),
                r.updatedBy());
        admin.update(BUSINESS, r.version(), notShared, "admin");
        try {
            status(
                    pull("smr-licensing", BUSINESS, query(RESTAURANT, "食品经营许可审查", "310000-XK-0001")),
                    403,
                    "RESOURCE_NOT_SHARED");
        } finally {
            Resource now = resources.find(BUSINESS).orElseThrow();
            admin.update(
                    BUSINESS,
                    now.version(),
                    new Resource(
                            r.code(),
                            now.version(),
                            r.name(),
                            r.providerCode(),
                            r.providerName(),
                            r.providerSystem(),
                            r.classification(),
                            r.classificationCode(),
                            r.abstractText(),
                            r.format(),
                            r.subjectType(),
                            r.sharingType(),
                            r.sharingCondition(),
                            r.sharingBasis(),
                            r.sharingMethod(),
                            r.openToPublic(),
                            r.updateCycle(),
                            r.publishDate(),
                            r.endpointPath(),
                            r.items(),
                            r.openCondition(),
                            r.relatedCodes(),
                            now.status(),
                            now.updatedAt(),
                            now.updatedBy()),
                    "admin");
        }
        status(pull("smr-licensing", BUSINESS, query(RESTAURANT, "食品经营许可审查", "310000-XK-0001")), 200, null);
    }

    @Test
    void aRevokedAuthorisationTakesEffectOnTheVeryNextPull() throws Exception {
        status(pull("city-service-window", MARRIAGE, query(RESIDENT, MARRIAGE_CHECK, "310000-QR-0001")), 200, null);
        status(pull("city-service-window", MARRIAGE, query(RESIDENT, MARRIAGE_CHECK, "310000-QR-0001")), 200, null);
        var grant = authorisations
                .search("city-service-window", MARRIAGE, null, AuthorisationStatus.GRANTED, 0, 10)
                .items()
                .get(0);
        authorisations.revoke(grant.id(), grant.version(), new Actor("admin", null, true), "测试：撤销授权");
        status(
                pull("city-service-window", MARRIAGE, query(RESIDENT, MARRIAGE_CHECK, "310000-QR-0001")),
                403,
                "NO_AUTHORISATION");
    }
}
