package cn.tongban.server.exchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.tongban.exchange.events.WebhookDelivery;
import cn.tongban.server.TestPkiDir;

/**
 * Subscriptions over HTTPS: a consumer subscribes, the provider publishes, the webhook fails and later recovers,
 * deliveries are signed and carry an idempotency key; attempts that run out become dead letters that the
 * consumer redelivers.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:events-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "tongban.demo.first-port=0",
            "tongban.cluster.port=5841",
            "tongban.exchange.webhooks.initial-backoff=200ms",
            "tongban.exchange.webhooks.max-attempts=3",
            "tongban.exchange.webhooks.poll=100ms",
            "tongban.exchange.webhooks.timeout=2s"
        })
@ActiveProfiles("demo")
class SubscriptionsIT {

    static final TestPkiDir PKI = TestPkiDir.create();
    static final WireMockServer WEBHOOK = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    static final String BUSINESS = "310000-102001-00001"; // unconditional, provided by smr-registration
    static final String ADOPTION = "310000-301003-00001"; // not shared

    static {
        WEBHOOK.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tongban.pki.dir", () -> PKI.layout.dir().toString());
        // Only the test's webhook receiver is allowed among internal destinations (the demo allows all of loopback).
        registry.add("tongban.exchange.webhooks.allowed-destinations", () -> "127.0.0.1:" + WEBHOOK.port());
    }

    @AfterAll
    static void stop() {
        WEBHOOK.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper mapper;

    HttpResponse<String> call(String method, String path, String system, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return PKI.client(system).send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r.body().isEmpty() ? null : mapper.readTree(r.body());
    }

    void problem(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(mapper.readTree(r.body()).path("code").asText()).isEqualTo(code);
    }

    String subscribe(String system, String path) throws Exception {
        return call(
                        "POST",
                        "/api/v1/exchange/subscriptions",
                        system,
                        "{\"resourceCode\":\"" + BUSINESS + "\",\"webhookUrl\":\"http://127.0.0.1:" + WEBHOOK.port()
                                + path + "\",\"purpose\":\"食品经营许可审查\"}")
                .body();
    }

    HttpResponse<String> subscribeTo(String webhookUrl) throws Exception {
        return call(
                "POST",
                "/api/v1/exchange/subscriptions",
                "smr-licensing",
                "{\"resourceCode\":\"" + BUSINESS + "\",\"webhookUrl\":\"" + webhookUrl
                        + "\",\"purpose\":\"食品经营许可审查\"}");
    }

    JsonNode publish() throws Exception {
        return json(
                call(
                        "POST",
                        "/api/v1/exchange/resources/" + BUSINESS + "/events",
                        "smr-registration",
                        "{\"type\":\"record.changed\",\"payload\":{\"uscc\":\"91310104MA1JG7LC4B\"}}"),
                202);
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 20 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void aFailingWebhookThatRecoversGetsTheEventOnceAcknowledgedSignedAndIdempotent() throws Exception {
        WEBHOOK.stubFor(post(urlEqualTo("/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        WEBHOOK.stubFor(post(urlEqualTo("/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(204)));
        JsonNode created = mapper.readTree(subscribe("smr-licensing", "/flaky"));
        String secret = created.path("secret").asText();
        assertThat(secret).hasSize(64);
        JsonNode published = publish();
        assertThat(published.path("deliveries").asInt()).isEqualTo(1);

        await(() -> WEBHOOK.findAll(postRequestedFor(urlEqualTo("/flaky"))).size() >= 2);
        Thread.sleep(1000); // acknowledged: no further attempt
        List<LoggedRequest> calls = WEBHOOK.findAll(postRequestedFor(urlEqualTo("/flaky")));
        assertThat(calls)
                .hasSize(2)
                .extracting(r -> r.getHeader("Idempotency-Key"))
                .containsOnly(published.path("eventId").asText());
        LoggedRequest last = calls.get(1);
        assertThat(last.getHeader("X-Tongban-Signature"))
                .isEqualTo("sha256="
                        + WebhookDelivery.signature(
                                secret, last.getHeader("X-Tongban-Timestamp"), last.getBodyAsString()));
        assertThat(last.getBodyAsString()).contains("\"uscc\":\"91310104MA1JG7LC4B\"");
    }

    @Test
    void attemptsThatRunOutAreDeadLettersTheConsumerRedelivers() throws Exception {
        WEBHOOK.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(500)));
        JsonNode created = mapper.readTree(subscribe("city-service-window", "/down"));
        String subscription = created.path("subscription").path("id").asText();
        String event = publish().path("eventId").asText();
        await(() -> {
            try {
                return json(call("GET", "/api/v1/exchange/dead-letters", "city-service-window", null), 200)
                                .size()
                        == 1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode dead = json(call("GET", "/api/v1/exchange/dead-letters", "city-service-window", null), 200)
                .get(0);
        assertThat(dead.path("attempts").asInt()).isEqualTo(3);
        assertThat(dead.path("lastError").asText()).isEqualTo("HTTP_5XX"); // the class, not the status
        assertThat(json(call("GET", "/api/v1/exchange/dead-letters", "smr-licensing", null), 200))
                .isEmpty();

        WEBHOOK.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(200)));
        problem(
                call(
                        "POST",
                        "/api/v1/exchange/dead-letters/" + event + "/" + subscription + "/redelivery",
                        "smr-licensing",
                        null),
                404,
                "NOT_FOUND"); // not its subscription
        json(
                call(
                        "POST",
                        "/api/v1/exchange/dead-letters/" + event + "/" + subscription + "/redelivery",
                        "city-service-window",
                        null),
                202);
        await(() -> WEBHOOK.findAll(postRequestedFor(urlEqualTo("/down"))).size() == 4);
        json(call("DELETE", "/api/v1/exchange/subscriptions/" + subscription, "city-service-window", null), 204);
        problem(
                call("DELETE", "/api/v1/exchange/subscriptions/" + subscription, "city-service-window", null),
                404,
                "NOT_FOUND");
    }

    @Test
    void webhooksOnInternalAddressesInAnySpellingAreRefusedAtSubscription() throws Exception {
        int p = WEBHOOK.port();
        java.util.Set<String> details = new java.util.HashSet<>();
        for (String host : List.of(
                "localhost:" + p,
                "127.0.0.1:" + (p == 65535 ? p - 1 : p + 1),
                "0.0.0.0:" + p,
                "[::1]:" + p,
                "[::ffff:127.0.0.1]:" + p,
                "0177.0.0.1:" + p,
                "169.254.169.254",
                "10.0.0.8",
                "192.168.1.20",
                "172.16.0.1",
                "100.64.0.1",
                "[fd00::1]",
                "224.0.0.1",
                "localhost:" + port)) {
            HttpResponse<String> r = subscribeTo("http://" + host + "/hook");
            problem(r, 400, "WEBHOOK_DESTINATION_REFUSED");
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            details.add(mapper.readTree(r.body()).path("detail").asText());
        }
        // The same words for every reason: the subscriber learns nothing about the platform's network.
        assertThat(details)
                .singleElement()
                .asString()
                .doesNotContain("127.0.0.1")
                .contains("administrator");
        // Numeric spellings other than dotted-decimal: where java.net.URI finds no host in them the URL is malformed,
        // else the host is not a dotted-decimal address; refused either way.
        for (String host : List.of("2130706433:" + p, "0x7f.1:" + p, "127.1:" + p, "0x7f000001:" + p)) {
            String url = "http://" + host + "/hook";
            problem(
                    subscribeTo(url),
                    400,
                    URI.create(url).getHost() == null ? "VALIDATION_FAILED" : "WEBHOOK_DESTINATION_REFUSED");
        }
        // The allow-listed receiver itself is accepted (and cancelled again: the other tests count deliveries).
        JsonNode allowed = mapper.readTree(subscribe("smr-licensing", "/allowed"));
        assertThat(allowed.path("secret").asText()).hasSize(64);
        json(
                call(
                        "DELETE",
                        "/api/v1/exchange/subscriptions/"
                                + allowed.path("subscription").path("id").asText(),
                        "smr-licensing",
                        null),
                204);
    }

    @Test
    void refusalsAndBadInput() throws Exception {
        problem(
                call(
                        "POST",
                        "/api/v1/exchange/subscriptions",
                        "smr-licensing",
                        "{\"resourceCode\":\"" + ADOPTION
                                + "\",\"webhookUrl\":\"https://x.example/h\",\"purpose\":\"p\"}"),
                403,
                "RESOURCE_NOT_SHARED");
        problem(
                call(
                        "POST",
                        "/api/v1/exchange/subscriptions",
                        "smr-licensing",
                        "{\"resourceCode\":\"" + BUSINESS
                                + "\",\"webhookUrl\":\"ftp://user:pw@x/h\",\"purpose\":\"p\"}"),
                400,
                "VALIDATION_FAILED");
        problem(
                call(
                        "POST",
                        "/api/v1/exchange/subscriptions",
                        "smr-licensing",
                        "{\"resourceCode\":\"310000-999999-00001"
                                + "\",\"webhookUrl\":\"https://x.example/h\",\"purpose\":\"p\"}"),
                404,
                "RESOURCE_NOT_FOUND");
        problem(
                call(
                        "POST",
                        "/api/v1/exchange/resources/" + BUSINESS + "/events",
                        "ps-household-registry",
                        "{\"type\":\"record.changed\",\"payload\":{}}"),
                403,
                "ACCESS_DENIED");
        problem(
                call(
                        "POST",
                        "/api/v1/exchange/resources/" + BUSINESS + "/events",
                        "smr-registration",
                        "{\"type\":\"9 bad\",\"payload\":{}}"),
                400,
                "VALIDATION_FAILED");
        problem(
                call(
                        "POST",
                        "/api/v1/exchange/resources/" + BUSINESS + "/events",
                        "city-service-window",
                        "{\"type\":\"x\",\"payload\":{}}"),
                403,
                "ACCESS_DENIED"); // window apps never publish
    }
}
