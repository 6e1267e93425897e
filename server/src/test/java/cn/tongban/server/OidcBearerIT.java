package cn.tongban.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * People authenticated by an OIDC provider: with the issuer's key set (a JWKS served on loopback), its issuer name
 * and this platform's audience configured, bearer tokens are accepted and their {@code roles} claim grants Tongban
 * roles for people, never the roles of systems. A token minted for another application, by another issuer, expired
 * or forged is refused.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:oidc-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
            "tongban.cluster.port=5851",
            "tongban.security.oidc.issuer=" + OidcBearerIT.ISSUER_NAME,
            "tongban.security.oidc.audiences=tongban-platform"
        })
class OidcBearerIT {

    static final String ISSUER_NAME = "https://idp.gov.test/realms/staff";
    static final TestPkiDir PKI = TestPkiDir.create();
    static final KeyPair ISSUER = rsa();
    static final KeyPair FORGER = rsa();
    static final WireMockServer JWKS = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());

    static {
        JWKS.start();
        JWKS.stubFor(WireMock.get("/jwks")
                .willReturn(WireMock.okJson(new JWKSet(new RSAKey.Builder((RSAPublicKey) ISSUER.getPublic())
                                .keyID("k1")
                                .build())
                        .toString())));
    }

    @AfterAll
    static void stop() {
        JWKS.stop();
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws Exception {
        registry.add("tongban.pki.dir", () -> PKI.layout.dir().toString());
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:" + JWKS.port() + "/jwks");
    }

    @LocalServerPort
    int port;

    @Test
    void anAuditorTokenReadsTheAuditLog() throws Exception {
        assertThat(get("/api/v1/audit/entries", token(ISSUER, List.of("AUDITOR"), 300))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aTokenCannotClaimASystemRole() throws Exception {
        HttpResponse<String> r = get("/api/v1/exchange/me", token(ISSUER, List.of("SYSTEM", "WINDOW_APP"), 300));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("ACCESS_DENIED");
    }

    @Test
    void wrongRoleIsForbidden() throws Exception {
        assertThat(get("/api/v1/audit/entries", token(ISSUER, List.of("DATA_ADMIN"), 300))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void forgedExpiredForeignAudienceAndForeignIssuerTokensAre401ProblemJson() throws Exception {
        for (String bad : List.of(
                token(FORGER, List.of("AUDITOR"), 300),
                token(ISSUER, List.of("AUDITOR"), -300),
                token(ISSUER, ISSUER_NAME, List.of("payroll-app"), List.of("AUDITOR"), 300),
                token(ISSUER, ISSUER_NAME, List.of(), List.of("AUDITOR"), 300),
                token(
                        ISSUER,
                        "https://idp.other.test/realms/staff",
                        List.of("tongban-platform"),
                        List.of("AUDITOR"),
                        300),
                "not-a-jwt")) {
            HttpResponse<String> r = get("/api/v1/audit/entries", bad);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(r.body()).contains("INVALID_CREDENTIALS");
        }
    }

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .header("Authorization", "Bearer " + bearer)
                .GET()
                .build();
        return PKI.client(null).send(req, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTokenNamingThePlatformAmongSeveralAudiencesIsAccepted() throws Exception {
        assertThat(get(
                                "/api/v1/audit/entries",
                                token(
                                        ISSUER,
                                        ISSUER_NAME,
                                        List.of("payroll-app", "tongban-platform"),
                                        List.of("AUDITOR"),
                                        300))
                        .statusCode())
                .isEqualTo(200);
    }

    private static String token(KeyPair keys, List<String> roles, long lifetimeSeconds) throws Exception {
        return token(keys, ISSUER_NAME, List.of("tongban-platform"), roles, lifetimeSeconds);
    }

    private static String token(
            KeyPair keys, String issuer, List<String> audiences, List<String> roles, long lifetimeSeconds)
            throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("li.auditor")
                .claim("roles", roles)
                .issuer(issuer)
                .audience(audiences)
                .issueTime(Date.from(now.minusSeconds(600)))
                .expirationTime(Date.from(now.plusSeconds(lifetimeSeconds)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
