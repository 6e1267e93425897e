package cn.tongban.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.tongban.server.TestPkiDir;

/**
 * Applications through the API and what they change at the exchange: a system applies, the wrong department
 * cannot decide, a stale version is refused, the provider's approver approves, the pull works, revocation stops it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:auth-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "tongban.demo.first-port=0",
        "tongban.cluster.port=5861"})
@ActiveProfiles("demo")
class AuthorisationsIT {

    static final TestPkiDir PKI = TestPkiDir.create();
    static final String MARRIAGE = "310000-301001-00001";   // conditional, civil affairs
    static final String RESIDENT = "310104198204172139";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tongban.pki.dir", () -> PKI.layout.dir().toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper mapper;

    HttpResponse<String> call(String method, String path, String system, String person, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path));
        if (person != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (person + ":tongban-demo-2026").getBytes(StandardCharsets.UTF_8)));
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return PKI.client(system).send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return mapper.readTree(r.body());
    }

    JsonNode problem(HttpResponse<String> r, int status, String code) throws Exception {
        JsonNode p = json(r, status);
        assertThat(p.path("code").asText()).isEqualTo(code);
        return p;
    }

    HttpResponse<String> pullMarriage(String system) throws Exception {
        return call("POST", "/api/v1/exchange/resources/" + MARRIAGE + "/query", system, null,
                "{\"subjects\":[\"" + RESIDENT + "\"],\"purpose\":\"婚姻登记审查\",\"operator\":\"clerk-1\"}");
    }

    @Test
    void applyDecideByTheProviderDepartmentPullRevoke() throws Exception {
        problem(pullMarriage("smr-licensing"), 403, "NO_AUTHORISATION");
        JsonNode applied = json(call("POST", "/api/v1/catalogue/authorisations", "smr-licensing", null,
                "{\"resourceCode\":\"" + MARRIAGE + "\",\"purpose\":\"婚姻登记审查\",\"fields\":[\"status\",\"registeredOn\"],"
                        + "\"legalBasis\":\"《婚姻登记条例》第五条\"}"), 201);
        String id = applied.path("id").asText();
        assertThat(applied.path("status").asText()).isEqualTo("PENDING");
        assertThat(applied.path("decideBy").asText()).isNotBlank();
        assertThat(applied.path("overdue").asBoolean()).isFalse();
        int version = applied.path("version").asInt();
        String validTo = OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).toString();

        problem(call("POST", "/api/v1/catalogue/authorisations/" + id + "/approval", null, "approver-smr",
                "{\"validTo\":\"" + validTo + "\",\"version\":" + version + "}"), 403, "ACCESS_DENIED");
        problem(call("POST", "/api/v1/catalogue/authorisations/" + id + "/approval", "smr-licensing", null,
                "{\"validTo\":\"" + validTo + "\",\"version\":" + version + "}"), 403, "ACCESS_DENIED");
        problem(call("POST", "/api/v1/catalogue/authorisations/" + id + "/approval", null, "approver-ca",
                "{\"validTo\":\"" + validTo + "\",\"version\":" + (version + 7) + "}"), 409, "STALE_VERSION");
        JsonNode approved = json(call("POST", "/api/v1/catalogue/authorisations/" + id + "/approval", null,
                "approver-ca", "{\"validTo\":\"" + validTo + "\",\"version\":" + version + "}"), 200);
        assertThat(approved.path("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.path("decidedBy").asText()).isEqualTo("approver-ca");
        problem(call("POST", "/api/v1/catalogue/authorisations/" + id + "/refusal", null, "approver-ca",
                "{\"reason\":\"x\",\"version\":" + approved.path("version").asInt() + "}"), 409, "WRONG_STATE");

        JsonNode pulled = json(pullMarriage("smr-licensing"), 200);
        assertThat(pulled.path("results").get(0).path("fieldsDelivered")).extracting(JsonNode::asText)
                .containsExactly("registeredOn", "status");

        json(call("POST", "/api/v1/catalogue/authorisations/" + id + "/revocation", null, "approver-ca",
                "{\"reason\":\"审查结束\",\"version\":" + approved.path("version").asInt() + "}"), 200);
        problem(pullMarriage("smr-licensing"), 403, "NO_AUTHORISATION");
    }

    @Test
    void badApplicationsListEveryViolation() throws Exception {
        JsonNode p = problem(call("POST", "/api/v1/catalogue/authorisations", "smr-licensing", null,
                "{\"resourceCode\":\"310000-301003-00001\",\"purpose\":\" \",\"fields\":[\"secret\"],\"legalBasis\":\"b\"}"),
                400, "VALIDATION_FAILED");
        assertThat(p.path("errors").findValuesAsText("field")).contains("purpose", "fields", "resourceCode");
        problem(call("POST", "/api/v1/catalogue/authorisations", "smr-licensing", null,
                "{\"resourceCode\":\"310000-999999-00001\",\"purpose\":\"p\",\"fields\":[\"x\"],\"legalBasis\":\"b\"}"),
                404, "RESOURCE_NOT_FOUND");
        problem(call("POST", "/api/v1/catalogue/authorisations", "smr-licensing", null,
                "{\"resourceCode\":\"" + MARRIAGE + "\",\"purpose\":\"p\",\"fields\":[\"status\"],\"legalBasis\":\"b\","
                        + "\"consumerSystem\":\"city-service-window\"}"), 403, "ACCESS_DENIED");
        problem(call("POST", "/api/v1/catalogue/authorisations", null, "admin",
                "{\"resourceCode\":\"" + MARRIAGE + "\",\"purpose\":\"p\",\"fields\":[\"status\"],\"legalBasis\":\"b\"}"),
                400, "VALIDATION_FAILED");
    }

    @Test
    void refusalNeedsAReasonAndApplicationsAreVisibleOnlyToThoseConcerned() throws Exception {
        JsonNode applied = json(call("POST", "/api/v1/catalogue/authorisations", null, "admin",
                "{\"resourceCode\":\"" + MARRIAGE + "\",\"purpose\":\"p\",\"fields\":[\"status\"],\"legalBasis\":\"b\","
                        + "\"consumerSystem\":\"ps-household-registry\"}"), 201);
        String id = applied.path("id").asText();
        problem(call("POST", "/api/v1/catalogue/authorisations/" + id + "/refusal", null, "approver-ca",
                "{\"reason\":\"\",\"version\":" + applied.path("version").asInt() + "}"), 400, "VALIDATION_FAILED");
        json(call("GET", "/api/v1/catalogue/authorisations/" + id, "ps-household-registry", null, null), 200);
        problem(call("GET", "/api/v1/catalogue/authorisations/" + id, "smr-licensing", null, null), 404,
                "AUTHORISATION_NOT_FOUND");
        JsonNode forCivilAffairs = json(call("GET", "/api/v1/catalogue/authorisations?status=PENDING", null,
                "approver-ca", null), 200);
        assertThat(forCivilAffairs.findValuesAsText("id")).contains(id);
        JsonNode forMarket = json(call("GET", "/api/v1/catalogue/authorisations?status=PENDING", null,
                "approver-smr", null), 200);
        assertThat(forMarket.findValuesAsText("id")).doesNotContain(id);
        assertThat(forMarket.findValuesAsText("resourceCode")).contains("310000-201001-00001");   // the demo's pending one
        json(call("POST", "/api/v1/catalogue/authorisations/" + id + "/refusal", null, "approver-ca",
                "{\"reason\":\"用途不明确\",\"version\":" + applied.path("version").asInt() + "}"), 200);
        problem(call("GET", "/api/v1/catalogue/authorisations", null, "auditor", null), 403, "ACCESS_DENIED");
    }
}
