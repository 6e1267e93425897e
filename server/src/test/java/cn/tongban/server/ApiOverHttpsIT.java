package cn.tongban.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.coyote.http11.AbstractHttp11JsseProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.tongban.client.ApiClient;
import cn.tongban.client.ApiException;
import cn.tongban.client.catalogue.CatalogueApi;
import cn.tongban.client.model.ResourceDto;
import cn.tongban.server.config.LeanJsseImplementation;

/**
 * The walking skeleton through real HTTPS with client certificates: the demo catalogue on embedded H2,
 * systems authenticated by certificate, people by Basic, and every error as problem+json.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:api-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "tongban.demo.first-port=0",
            "tongban.web.max-body-size=64KB",
            "tongban.cluster.port=5801"
        })
@ActiveProfiles("demo")
@AutoConfigureObservability
class ApiOverHttpsIT {

    static final TestPkiDir PKI = TestPkiDir.create();
    static final String HOUSEHOLD = "310000-101001-00001";
    static final String DEMO_PASSWORD = "tongban-demo-2026";

    @DynamicPropertySource
    static void pki(DynamicPropertyRegistry registry) {
        registry.add("tongban.pki.dir", () -> PKI.layout.dir().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    ServletWebServerApplicationContext server;

    @Test
    void aRegisteredSystemReadsACatalogueEntryWithTheGeneratedClient() throws Exception {
        ApiClient api = new ApiClient();
        api.setHttpClientBuilder(
                HttpClient.newBuilder().sslContext(PKI.client("smr-licensing").sslContext()));
        api.updateBaseUri("https://localhost:" + port);
        ResourceDto resource = new CatalogueApi(api).getResource(HOUSEHOLD);
        assertThat(resource.getName()).isEqualTo("户籍人口基本信息");
        assertThat(resource.getSharing().getType().getValue()).isEqualTo("CONDITIONAL");
        assertThat(resource.getSharing().getBasis()).isNotBlank();
        assertThat(resource.getItems()).extracting(i -> i.getName()).contains("idNumber", "name", "address");

        // ... and the read is in the access log, which an auditor can see.
        JsonNode log = json(
                get("/api/v1/audit/entries?system=smr-licensing&action=CATALOGUE_READ", null, basic("auditor")), 200);
        assertThat(log.path("entries").findValuesAsText("resourceCode")).contains(HOUSEHOLD);
    }

    @Test
    void theAuditLogPagesWithACursorThatEndsOnTheLastPage() throws Exception {
        for (int i = 0; i < 3; i++) {
            json(get("/api/v1/exchange/me", "ps-household-registry", null), 200);
            json(get("/api/v1/catalogue/resources/" + HOUSEHOLD, "ps-household-registry", null), 200);
        }
        JsonNode first =
                json(get("/api/v1/audit/entries?system=ps-household-registry&limit=2", null, basic("auditor")), 200);
        assertThat(first.path("entries")).hasSize(2);
        long cursor = first.path("nextBefore").asLong();
        JsonNode second = json(
                get(
                        "/api/v1/audit/entries?system=ps-household-registry&limit=2&before=" + cursor,
                        null,
                        basic("auditor")),
                200);
        assertThat(second.path("entries").get(0).path("sequence").asLong()).isLessThan(cursor);
        assertThat(second.has("nextBefore")).isFalse();
    }

    @Test
    void theHttpsConnectorRunsTheLeanTlsImplementationThatStillAuthenticatesSystems() throws Exception {
        var tomcat = (TomcatWebServer) server.getWebServer();
        var protocol = (AbstractHttp11JsseProtocol<?>)
                tomcat.getTomcat().getConnector().getProtocolHandler();
        assertThat(protocol.getSslImplementationName()).isEqualTo(LeanJsseImplementation.class.getName());
        // the client certificate still reaches the security filter through it
        assertThat(json(get("/api/v1/exchange/me", "smr-licensing", null), 200)
                        .path("systemId")
                        .asText())
                .isEqualTo("smr-licensing");
    }

    @Test
    void theSystemIsToldWhoItIs() throws Exception {
        JsonNode me = json(get("/api/v1/exchange/me", "city-service-window", null), 200);
        assertThat(me.path("systemId").asText()).isEqualTo("city-service-window");
        assertThat(me.path("kind").asText()).isEqualTo("WINDOW_APP");
        assertThat(me.path("certificateSha256").asText()).hasSize(64);
    }

    @Test
    void noClientCertificateIs401ProblemJson() throws Exception {
        HttpResponse<String> r = get("/api/v1/exchange/me", null, null);
        assertProblem(r, 401, "AUTHENTICATION_REQUIRED");
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }

    @Test
    void aCertificateFromThePlatformCaButNotRegisteredIs401() throws Exception {
        assertProblem(get("/api/v1/exchange/me", "stranger", null), 401, "UNKNOWN_CLIENT_CERTIFICATE");
    }

    @Test
    void wrongPasswordIs401AndPeopleCannotUseTheExchange() throws Exception {
        assertProblem(
                get(
                        "/api/v1/catalogue/departments",
                        null,
                        "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8))),
                401,
                "INVALID_CREDENTIALS");
        assertProblem(get("/api/v1/exchange/me", null, basic("admin")), 403, "ACCESS_DENIED");
    }

    @Test
    void systemsCannotReadTheAuditLog() throws Exception {
        assertProblem(get("/api/v1/audit/entries", "smr-licensing", null), 403, "ACCESS_DENIED");
    }

    @Test
    void unknownResourceAndUnknownPathAre404() throws Exception {
        assertProblem(get("/api/v1/catalogue/resources/NOPE-1", "smr-licensing", null), 404, "RESOURCE_NOT_FOUND");
        assertProblem(get("/api/v1/no-such-thing", "smr-licensing", null), 404, "NOT_FOUND");
        assertProblem(get("/definitely/not/here", null, null), 401, "AUTHENTICATION_REQUIRED");
    }

    @Test
    void wrongMethodIs405AndWrongMediaTypeIs415() throws Exception {
        assertProblem(
                send("DELETE", "/api/v1/catalogue/departments", "smr-licensing", null, null),
                405,
                "METHOD_NOT_ALLOWED");
        assertProblem(
                send("POST", "/api/v1/verifications/identifiers", "city-service-window", "text/plain", "hello"),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void malformedAndInvalidInputIs400WithEveryViolation() throws Exception {
        assertProblem(
                send(
                        "POST",
                        "/api/v1/verifications/identifiers",
                        "city-service-window",
                        "application/json",
                        "{not json"),
                400,
                "MALFORMED_REQUEST");
        HttpResponse<String> r = send(
                "POST",
                "/api/v1/verifications/identifiers",
                "city-service-window",
                "application/json",
                "{\"value\":\"\"}");
        JsonNode p = assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(p.path("errors").findValuesAsText("field")).contains("type", "value");
        assertProblem(get("/api/v1/catalogue/resources?size=100000", "smr-licensing", null), 400, "VALIDATION_FAILED");
        assertProblem(
                get("/api/v1/catalogue/resources?sharingType=SOMETIMES", "smr-licensing", null),
                400,
                "MALFORMED_REQUEST");
        assertProblem(
                get("/api/v1/audit/entries?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", null, basic("auditor")),
                400,
                "VALIDATION_FAILED");
    }

    @Test
    void oversizedBodiesAre413() throws Exception {
        String big = "{\"type\":\"ORGANIZATION_CODE\",\"value\":\"" + "A".repeat(70_000) + "\"}";
        assertProblem(
                send("POST", "/api/v1/verifications/identifiers", "city-service-window", "application/json", big),
                413,
                "PAYLOAD_TOO_LARGE");
    }

    @Test
    void identifiersAreCheckedWithTheirCheckCharacters() throws Exception {
        JsonNode ok = json(
                send(
                        "POST",
                        "/api/v1/verifications/identifiers",
                        "city-service-window",
                        "application/json",
                        "{\"type\":\"UNIFIED_SOCIAL_CREDIT_CODE\",\"value\":\"91350100M000100Y43\"}"),
                200);
        assertThat(ok.path("valid").asBoolean()).isTrue();
        JsonNode bad = json(
                send(
                        "POST",
                        "/api/v1/verifications/identifiers",
                        "city-service-window",
                        "application/json",
                        "{\"type\":\"RESIDENT_ID_NUMBER\",\"value\":\"110105194912310021\"}"),
                200);
        assertThat(bad.path("valid").asBoolean()).isFalse();
        assertThat(bad.path("errorCode").asText()).isEqualTo("CHECK_CHARACTER");
        assertThat(bad.path("expectedCheckCharacter").asText()).isEqualTo("X");
    }

    @Test
    void aProofOffTheRetainedListMustNotBeDemanded() throws Exception {
        JsonNode item = json(get("/api/v1/proofs/service-items/310000-XK-0001", "city-service-window", null), 200);
        String onList = item.path("proofs").get(0).path("code").asText();
        JsonNode yes = json(
                get(
                        "/api/v1/proofs/service-items/310000-XK-0001/demand-check?proof=" + onList,
                        "city-service-window",
                        null),
                200);
        assertThat(yes.path("demandable").asBoolean()).isTrue();
        assertThat(yes.path("retainedProof").path("satisfiedBy").asText()).isNotBlank();
        JsonNode no = json(
                get("/api/v1/proofs/service-items/310000-XK-0001/demand-check?proof=X-99", "city-service-window", null),
                200);
        assertThat(no.path("demandable").asBoolean()).isFalse();
        assertThat(no.path("reason").asText()).isEqualTo("NOT_ON_RETAINED_LIST");
        assertProblem(
                get("/api/v1/proofs/service-items/NOPE/demand-check?proof=x", "city-service-window", null),
                404,
                "SERVICE_ITEM_NOT_FOUND");
    }

    @Test
    void aSealFileIsInspectedAndAMalformedOneIs400() throws Exception {
        byte[] seal = Files.readAllBytes(Path.of("../test-fixtures/src/main/resources/vectors/gbt38540/UserV4.esl"));
        JsonNode ok = json(sendBytes("/api/v1/seals/inspections", seal, basic("sealadmin")), 200);
        assertThat(ok.path("version").asText()).isEqualTo("V4");
        assertThat(ok.path("makerSignatureValid").asBoolean()).isTrue();
        byte[] truncated = java.util.Arrays.copyOf(seal, seal.length / 2);
        assertProblem(
                sendBytes("/api/v1/seals/inspections", truncated, basic("sealadmin")), 400, "SEAL_FORMAT_INVALID");
        assertProblem(sendBytes("/api/v1/seals/inspections", seal, basic("auditor")), 403, "ACCESS_DENIED");
    }

    @Test
    void healthIsPublicMetricsNeedTheMonitorRole() throws Exception {
        assertThat(json(get("/actuator/health", null, null), 200).path("status").asText())
                .isEqualTo("UP");
        assertThat(get("/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", null, basic("monitor")).body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void theApiPageListsTheSixApisAndServesEachSpec() throws Exception {
        String init = get("/api-docs/init.js", null, null).body();
        for (String api : new String[] {"exchange", "proofs", "verifications", "seals", "catalogue", "audit"}) {
            assertThat(init).contains("/openapi/" + api + ".yaml");
            HttpResponse<String> spec = get("/openapi/" + api + ".yaml", null, null);
            assertThat(spec.statusCode()).isEqualTo(200);
            assertThat(spec.body()).startsWith("openapi: 3.0.3");
        }
        assertThat(get("/api-docs/", null, null).body()).contains("swagger-ui-bundle.js");
        assertThat(get("/webjars/swagger-ui/swagger-ui-bundle.js", null, null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theCorrelationIdIsEchoedAndCarriedInProblems() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(uri("/api/v1/exchange/me"))
                .header("X-Correlation-Id", "case-4711")
                .GET()
                .build();
        HttpResponse<String> r = PKI.client(null).send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("X-Correlation-Id")).hasValue("case-4711");
        assertThat(mapper.readTree(r.body()).path("correlationId").asText()).isEqualTo("case-4711");
    }

    @Test
    void theGeneratedClientSurfacesProblems() {
        ApiClient api = new ApiClient();
        api.setHttpClientBuilder(
                HttpClient.newBuilder().sslContext(PKI.client(null).sslContext()));
        api.updateBaseUri("https://localhost:" + port);
        try {
            new CatalogueApi(api).getResource(HOUSEHOLD);
            throw new AssertionError("expected a 401");
        } catch (ApiException e) {
            assertThat(e.getCode()).isEqualTo(401);
            assertThat(e.getResponseBody()).contains("AUTHENTICATION_REQUIRED");
        }
    }

    // --- helpers

    private URI uri(String path) {
        return URI.create("https://localhost:" + port + path);
    }

    private HttpResponse<String> get(String path, String system, String authorization) throws Exception {
        return send("GET", path, system, null, authorization == null ? null : authorization, true);
    }

    private HttpResponse<String> send(String method, String path, String system, String contentType, String body)
            throws Exception {
        return send(method, path, system, contentType, body, false);
    }

    private HttpResponse<String> send(
            String method, String path, String system, String contentType, String body, boolean bodyIsAuthorization)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        if (bodyIsAuthorization) {
            if (body != null) {
                b.header("Authorization", body);
            }
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            b.method(
                    method,
                    body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return PKI.client(system).send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> sendBytes(String path, byte[] body, String authorization) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return PKI.client(null).send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        return "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return mapper.readTree(r.body());
    }

    private JsonNode assertProblem(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode p = mapper.readTree(r.body());
        assertThat(p.path("code").asText()).isEqualTo(code);
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at cn.tongban");
        return p;
    }
}
