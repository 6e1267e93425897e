package cn.tongban.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.tongban.fixtures.departments.DepartmentStubs;
import cn.tongban.server.TestPkiDir;

/**
 * The pull end to end: real HTTPS with client certificates, the demo catalogue, the providers played by the
 * WireMock departments (configured as {@code tongban.exchange.providers.*}), the access log on H2. Every refusal
 * and provider failure as problem+json, and the log entry of each.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:exchange-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "tongban.demo.first-port=0",
            "tongban.cluster.port=5821",
            "tongban.exchange.quotas.smr-licensing.per-minute-per-resource=2",
            "tongban.exchange.quotas.smr-licensing.per-day=1000",
            "tongban.exchange.slow-pull=1s"
        })
@ActiveProfiles("demo")
@ExtendWith(OutputCaptureExtension.class)
class ExchangePullIT {

    static final TestPkiDir PKI = TestPkiDir.create();
    static final DepartmentStubs DEPARTMENTS = DepartmentStubs.start();
    static final String BUSINESS = "310000-102001-00001";
    static final String IDENTITY = "310000-101002-00001";
    static final String MARRIAGE = "310000-301001-00001";
    static final String ADOPTION = "310000-301003-00001";
    static final String RESTAURANT = "91310104MA1JG7LC4B";
    static final String RESIDENT = "310104198204172139";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tongban.pki.dir", () -> PKI.layout.dir().toString());
        for (String id : DEPARTMENTS.systemIds()) {
            registry.add(
                    "tongban.exchange.providers." + id + ".base-uri",
                    () -> DEPARTMENTS.baseUri(id).toString());
            registry.add("tongban.exchange.providers." + id + ".read-timeout", () -> "2s");
        }
    }

    @AfterAll
    static void stopDepartments() {
        DEPARTMENTS.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    @AfterEach
    void reset() {
        DEPARTMENTS.resetAll();
    }

    HttpResponse<String> pull(String system, String resource, String body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(
                        URI.create("https://localhost:" + port + "/api/v1/exchange/resources/" + resource + "/query"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return PKI.client(system).send(r, HttpResponse.BodyHandlers.ofString());
    }

    static String query(String subject, String purpose) {
        return query(subject, purpose, "310000-XK-0001");
    }

    static String query(String subject, String purpose, String serviceItem) {
        return "{\"subjects\":[\"" + subject + "\"],\"purpose\":\"" + purpose + "\",\"serviceItem\":\"" + serviceItem
                + "\",\"operator\":\"clerk-0042\"}";
    }

    JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return mapper.readTree(r.body());
    }

    JsonNode problem(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode p = mapper.readTree(r.body());
        assertThat(p.path("code").asText()).isEqualTo(code);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain(RESIDENT);
        sentWhole(r);
        return p;
    }

    /** A small answer goes out whole: with its length, not chunked (ContentLengthFilter). */
    static void sentWhole(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(r.headers().firstValueAsLong("Content-Length"))
                .hasValue(r.body().getBytes(StandardCharsets.UTF_8).length);
    }

    JsonNode auditEntries(String query) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(
                        URI.create("https://localhost:" + port + "/api/v1/audit/entries?" + query))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString("auditor:tongban-demo-2026".getBytes(StandardCharsets.UTF_8)))
                .GET()
                .build();
        return ok(PKI.client(null).send(r, HttpResponse.BodyHandlers.ofString()))
                .path("entries");
    }

    @Test
    void windowAppPullsAMarketEntityWithTheIdentifierOfItsRepresentativeMasked() throws Exception {
        HttpResponse<String> raw = pull("city-service-window", BUSINESS, query(RESTAURANT, "食品经营许可审查"));
        JsonNode answer = ok(raw);
        sentWhole(raw);
        JsonNode result = answer.path("results").get(0);
        assertThat(result.path("records").get(0).path("name").asText()).isEqualTo("上海味知餐饮管理有限公司");
        assertThat(result.path("records").get(0).path("legalRepresentativeId").asText())
                .isEqualTo("310107********0605");
        long seq = result.path("accessLogSequence").asLong();
        assertThat(seq).isPositive();

        JsonNode entries = auditEntries("action=DATA_PULL&system=city-service-window");
        JsonNode entry = null;
        for (JsonNode e : entries) {
            if (e.path("sequence").asLong() == seq) {
                entry = e;
            }
        }
        assertThat(entry).as("the delivery's entry").isNotNull();
        assertThat(entry.path("outcome").asText()).isEqualTo("OK");
        assertThat(entry.path("operator").asText()).isEqualTo("clerk-0042");
        assertThat(entry.path("responseDigest").asText())
                .isEqualTo(result.path("responseDigest").asText());
        assertThat(entry.toString()).doesNotContain(RESTAURANT); // the subject is a keyed hash
    }

    @Test
    void pullsFromTheHouseholdRegistryToo() throws Exception {
        JsonNode r = ok(pull("city-service-window", IDENTITY, query(RESIDENT, "身份核验")));
        JsonNode rec = r.path("results").get(0).path("records").get(0);
        assertThat(rec.path("idNumber").asText()).isEqualTo("310104********2139");
        assertThat(rec.path("name").asText()).matches("张\\*+");
    }

    @Test
    void notSharedIs403AndIsLogged() throws Exception {
        problem(pull("city-service-window", ADOPTION, query(RESIDENT, "收养登记")), 403, "RESOURCE_NOT_SHARED");
        assertThat(auditEntries("action=DATA_PULL&outcome=REFUSED").toString()).contains("RESOURCE_NOT_SHARED");
    }

    static final String MARRIAGE_CHECK = "内地居民结婚登记：核实当事人无有效婚姻登记记录"; // the demo's approved grant

    @Test
    void conditionalWithoutAuthorisationIs403() throws Exception {
        problem(pull("smr-licensing", MARRIAGE, query(RESIDENT, MARRIAGE_CHECK)), 403, "NO_AUTHORISATION");
        // the window app's application for household records is still pending: no pull
        problem(
                pull(
                        "city-service-window",
                        "310000-101001-00001",
                        query(RESIDENT, "内地居民结婚登记：核验当事人户籍信息", "310000-QR-0001")),
                403,
                "NO_AUTHORISATION");
    }

    @Test
    void theWindowAppsApprovedGrantDeliversOnlyItsFieldsFromTheMarriageRegistry() throws Exception {
        JsonNode r = ok(pull("city-service-window", MARRIAGE, query(RESIDENT, MARRIAGE_CHECK, "310000-QR-0001")));
        JsonNode result = r.path("results").get(0);
        assertThat(result.path("fieldsDelivered"))
                .extracting(JsonNode::asText)
                .containsExactly("certificateNumber", "registeredOn", "status");
        JsonNode rec = result.path("records").get(0);
        assertThat(rec.has("husbandIdNumber")).isFalse(); // not in the grant
        assertThat(rec.path("status").asText()).isNotBlank();
    }

    @Test
    void aGrantForAnotherPurposeServiceItemOrFieldIs403() throws Exception {
        problem(
                pull("city-service-window", MARRIAGE, query(RESIDENT, "市场营销", "310000-QR-0001")),
                403,
                "PURPOSE_MISMATCH");
        problem(
                pull("city-service-window", MARRIAGE, query(RESIDENT, MARRIAGE_CHECK, "310000-XK-0001")),
                403,
                "PURPOSE_MISMATCH");
        JsonNode p = problem(
                pull(
                        "city-service-window",
                        MARRIAGE,
                        "{\"subjects\":[\"" + RESIDENT
                                + "\"],\"purpose\":\"" + MARRIAGE_CHECK
                                + "\",\"serviceItem\":\"310000-QR-0001\",\"operator\":\"o\","
                                + "\"fields\":[\"husbandIdNumber\"]}"),
                403,
                "FIELD_NOT_AUTHORISED");
        assertThat(p.path("errors").get(0).path("message").asText()).contains("husbandIdNumber");
    }

    @Test
    void providerDownIs503() throws Exception {
        DEPARTMENTS.down("smr-registration");
        problem(pull("city-service-window", BUSINESS, query(RESTAURANT, "p")), 503, "PROVIDER_UNAVAILABLE");
    }

    @Test
    void providerTooSlowIs504AndTheSlowPullIsLoggedWithWhereItsTimeWentNotWhom(CapturedOutput log) throws Exception {
        DEPARTMENTS.slow("ps-household-registry", Duration.ofMillis(3500));
        problem(pull("city-service-window", IDENTITY, query(RESIDENT, "p")), 504, "PROVIDER_TIMEOUT");
        assertThat(log.getAll())
                .containsPattern("slow pull: [0-9.]+ ms from request to answer \\(before the route "
                        + "[0-9.]+, authorise [0-9.]+, provider 2[0-9]{3}\\.[0-9], check and mask [0-9.]+, access log [0-9.]+, "
                        + "after [0-9.]+\\); resource " + IDENTITY
                        + ", consumer city-service-window")
                .doesNotContain(RESIDENT);
    }

    @Test
    void providerBreakingTheContractIs502NamingTheItem() throws Exception {
        DEPARTMENTS.brokenContract("smr-registration");
        JsonNode p = problem(
                pull("city-service-window", BUSINESS, query(RESTAURANT, "p")), 502, "PROVIDER_CONTRACT_VIOLATION");
        assertThat(p.path("errors").get(0).path("field").asText()).isEqualTo("records[0].uscc");
    }

    @Test
    void quotaIs429WithRetryAfter() throws Exception {
        ok(pull("smr-licensing", BUSINESS, query(RESTAURANT, "p")));
        ok(pull("smr-licensing", BUSINESS, query(RESTAURANT, "p")));
        HttpResponse<String> third = pull("smr-licensing", BUSINESS, query(RESTAURANT, "p"));
        problem(third, 429, "QUOTA_EXCEEDED");
        assertThat(third.headers().firstValue("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
    }

    @Test
    void badRequestsAre400WithEveryViolation() throws Exception {
        problem(pull("city-service-window", BUSINESS, "{\"subjects\":[]}"), 400, "VALIDATION_FAILED");
        JsonNode p = problem(
                pull(
                        "city-service-window",
                        BUSINESS,
                        "{\"subjects\":[\"" + RESTAURANT
                                + "\"],\"purpose\":\"p\",\"operator\":\"o\",\"fields\":[\"secret\"]}"),
                400,
                "VALIDATION_FAILED");
        assertThat(p.path("errors").get(0).path("field").asText()).isEqualTo("fields");
        problem(pull("city-service-window", BUSINESS, "{not json"), 400, "MALFORMED_REQUEST");
        JsonNode longCode =
                problem(pull("city-service-window", "3".repeat(65), query(RESTAURANT, "p")), 400, "VALIDATION_FAILED");
        assertThat(longCode.path("errors").get(0).path("field").asText()).isEqualTo("code");
        problem(pull("city-service-window", "310000-999999-00001", query(RESTAURANT, "p")), 404, "RESOURCE_NOT_FOUND");
    }

    @Test
    void peopleAndUnknownCallersCannotPull() throws Exception {
        problem(pull(null, BUSINESS, query(RESTAURANT, "p")), 401, "AUTHENTICATION_REQUIRED");
        problem(pull("stranger", BUSINESS, query(RESTAURANT, "p")), 401, "UNKNOWN_CLIENT_CERTIFICATE");
    }
}
