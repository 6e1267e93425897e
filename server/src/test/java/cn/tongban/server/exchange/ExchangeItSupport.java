package cn.tongban.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.tongban.server.TestPkiDir;

/**
 * The demo server over HTTPS with a pull-path cache of an hour (so only the change feed can make a catalogue change
 * hold at once), shared by the ITs that probe what a system or person may do with data that is not theirs or not
 * published: one Spring context for all of them. Each test makes the resources and authorisations it changes.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:data-checks-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "tongban.demo.first-port=0",
            "tongban.cluster.port=5891",
            "tongban.exchange.cache.ttl=1h",
            "tongban.exchange.datasets.inbox-enabled=false"
        })
@ActiveProfiles("demo")
abstract class ExchangeItSupport {

    static final TestPkiDir PKI = TestPkiDir.create();
    static final String PASSWORD = "tongban-demo-2026";
    static final java.util.Set<String> PEOPLE =
            java.util.Set.of("admin", "ps-approver", "smr-approver", "ca-approver", "sealadmin", "auditor", "monitor");
    static final String BUSINESS = "310000-102001-00001"; // unconditional, smr-registration
    static final String IDENTITY = "310000-101002-00001"; // unconditional, ps-household-registry
    static final String PENALTIES = "310000-201001-00001"; // conditional, smr-registration
    static final String HOUSEHOLD = "310000-101001-00001"; // conditional, ps-household-registry
    static final String RESTAURANT = "91310104MA1JG7LC4B";
    static final String SMR = "11310000MB0002057J";
    static final String PS = "11310000MB0001011L";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tongban.pki.dir", () -> PKI.layout.dir().toString());
        registry.add(
                "tongban.exchange.datasets.dir",
                () -> PKI.layout.dir().resolve("datasets").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    /** {@code who} is a system id (its client certificate) or a person's user name (HTTP Basic). */
    HttpResponse<String> call(String method, String path, String who, String contentType, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path));
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        boolean person = PEOPLE.contains(who);
        if (person) {
            b.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((who + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return PKI.client(person ? null : who).send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> json(String method, String path, String who, String body) throws Exception {
        return call(method, path, who, "application/json", body);
    }

    HttpResponse<String> get(String path, String who) throws Exception {
        return call("GET", path, who, null, null);
    }

    JsonNode ok(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r.body().isEmpty() ? null : mapper.readTree(r.body());
    }

    JsonNode problem(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode p = mapper.readTree(r.body());
        assertThat(p.path("code").asText()).as(r.body()).isEqualTo(code);
        assertThat(r.body()).doesNotContain("Exception");
        return p;
    }

    static String pullQuery(String subject, String purpose, String serviceItem) {
        return "{\"subjects\":[\"" + subject + "\"],\"purpose\":\"" + purpose + "\",\"serviceItem\":\"" + serviceItem
                + "\",\"operator\":\"clerk-0042\"}";
    }

    static String subscription(String resource, String purpose, String serviceItem) {
        return "{\"resourceCode\":\"" + resource + "\",\"webhookUrl\":\"http://127.0.0.1:9/hook\",\"purpose\":\""
                + purpose + "\"" + (serviceItem == null ? "" : ",\"serviceItem\":\"" + serviceItem + "\"") + "}";
    }

    static String event() {
        return "{\"type\":\"record.changed\",\"payload\":{\"changed\":true}}";
    }
}
