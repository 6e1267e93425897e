package cn.tongban.exchange.events;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.impl.DefaultCamelContext;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Subscriptions and at-least-once webhook delivery with back-off, dead letters and redelivery (H2, WireMock). */
class EventDeliveryTest {

    static final String RESOURCE = "310000-102001-00001";

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-22T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    final TestClock clock = new TestClock();
    final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(1), 4);
    WireMockServer webhook;
    EventStore store;
    WebhookDelivery delivery;

    @BeforeEach
    void start() {
        webhook = new WireMockServer(
                WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        webhook.start();
        DataSource ds = dataSource();
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        // The test's webhooks are on loopback, which only an allow-list entry opens.
        WebhookDestinations loopbackAllowed = new WebhookDestinations(
                List.of("127.0.0.1/32"), java.util.Map.of(), java.util.Set.of(), java.net.InetAddress::getAllByName);
        store = new EventStore(ds, clock, true, loopbackAllowed);
        delivery = new WebhookDelivery(
                store, backoff, Duration.ofSeconds(1), Duration.ofSeconds(2), clock, loopbackAllowed);
    }

    /** A fresh database, configured as the server's embedded default (H2 in PostgreSQL mode). */
    DataSource dataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:events-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        return ds;
    }

    @AfterEach
    void stop() {
        webhook.stop();
    }

    String hook(String path) {
        return "http://127.0.0.1:" + webhook.port() + path;
    }

    EventStore.Created subscribe(String consumer, String path) {
        return store.subscribe(consumer, RESOURCE, hook(path));
    }

    EventStore.Published publish() {
        return store.publish(RESOURCE, "smr-registration", "dataset.version", "{\"version\":3}", s -> true);
    }

    @Test
    void deliveredOnceWithASignatureTheConsumerCanCheck() {
        webhook.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        EventStore.Created sub = subscribe("smr-licensing", "/hook");
        EventStore.Published pub = publish();
        assertThat(pub.deliveries()).isEqualTo(1);

        assertThat(delivery.deliverDue(10)).isEqualTo(1);
        assertThat(delivery.deliverDue(10)).isZero(); // acknowledged: never again

        LoggedRequest r = webhook.findAll(postRequestedFor(urlEqualTo("/hook"))).get(0);
        assertThat(r.getHeader("Idempotency-Key")).isEqualTo(pub.event().id());
        String expected =
                WebhookDelivery.signature(sub.secret(), r.getHeader("X-Tongban-Timestamp"), r.getBodyAsString());
        assertThat(r.getHeader("X-Tongban-Signature")).isEqualTo("sha256=" + expected);
        assertThat(r.getBodyAsString()).contains("\"payload\":{\"version\":3}").contains(RESOURCE);
        assertThat(store.delivery(pub.event().id(), sub.subscription().id())
                        .orElseThrow()
                        .status())
                .isEqualTo(Delivery.Status.DELIVERED);
    }

    @Test
    void failingWebhookIsRetriedWithExponentialBackoffUntilItRecovers() {
        webhook.stubFor(post(urlEqualTo("/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500))
                .willSetStateTo("still down"));
        webhook.stubFor(post(urlEqualTo("/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs("still down")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        webhook.stubFor(post(urlEqualTo("/flaky"))
                .inScenario("flaky")
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        EventStore.Created sub = subscribe("smr-licensing", "/flaky");
        EventStore.Published pub = publish();

        assertThat(delivery.deliverDue(10)).isZero(); // attempt 1: 500
        Delivery d = store.delivery(pub.event().id(), sub.subscription().id()).orElseThrow();
        assertThat(d.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(d.lastError()).isEqualTo("HTTP_5XX");
        assertThat(d.nextAttemptAt()).isEqualTo(clock.now.plusSeconds(5));

        clock.advance(Duration.ofSeconds(4));
        assertThat(delivery.deliverDue(10)).isZero(); // not due yet: no call
        assertThat(webhook.findAll(postRequestedFor(urlEqualTo("/flaky")))).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(delivery.deliverDue(10)).isZero(); // attempt 2: 503
        assertThat(store.delivery(pub.event().id(), sub.subscription().id())
                        .orElseThrow()
                        .nextAttemptAt())
                .isEqualTo(clock.now.plusSeconds(10)); // doubled

        clock.advance(Duration.ofSeconds(10));
        assertThat(delivery.deliverDue(10)).isEqualTo(1); // attempt 3: recovered
        List<LoggedRequest> calls = webhook.findAll(postRequestedFor(urlEqualTo("/flaky")));
        assertThat(calls)
                .hasSize(3)
                .extracting(r -> r.getHeader("Idempotency-Key"))
                .containsOnly(pub.event().id());
    }

    @Test
    void attemptsRunOutIntoTheDeadLetterStoreAndCanBeRedelivered() {
        webhook.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(502)));
        EventStore.Created sub = subscribe("smr-licensing", "/down");
        EventStore.Published pub = publish();
        for (int i = 0; i < backoff.maxAttempts(); i++) {
            delivery.deliverDue(10);
            clock.advance(Duration.ofMinutes(2));
        }
        assertThat(store.delivery(pub.event().id(), sub.subscription().id())
                        .orElseThrow()
                        .status())
                .isEqualTo(Delivery.Status.DEAD);
        assertThat(store.deadLetters("smr-licensing", 10))
                .singleElement()
                .satisfies(d -> assertThat(d.attempts()).isEqualTo(4));
        assertThat(store.deadLetters("other-system", 10)).isEmpty();
        assertThat(store.deadLetters(null, 10)).hasSize(1);
        delivery.deliverDue(10);
        assertThat(webhook.findAll(postRequestedFor(urlEqualTo("/down")))).hasSize(4); // dead: not tried again

        webhook.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(200)));
        assertThat(store.redeliver(pub.event().id(), sub.subscription().id())).isTrue();
        assertThat(store.redeliver(pub.event().id(), sub.subscription().id())).isFalse(); // no longer dead
        assertThat(delivery.deliverDue(10)).isEqualTo(1);
        assertThat(store.deadLetters(null, 10)).isEmpty();
    }

    @Test
    void unreachableAndSlowWebhooksAreFailedAttempts() {
        EventStore.Created closed = store.subscribe("smr-licensing", RESOURCE, "http://127.0.0.1:1/hook");
        webhook.stubFor(
                post(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        EventStore.Created slow = subscribe("smr-licensing", "/slow");
        EventStore.Published pub = publish();
        assertThat(delivery.deliverDue(10)).isZero();
        assertThat(store.delivery(pub.event().id(), closed.subscription().id())
                        .orElseThrow()
                        .lastError())
                .isEqualTo("CONNECT_FAILED");
        assertThat(store.delivery(pub.event().id(), slow.subscription().id())
                        .orElseThrow()
                        .lastError())
                .isEqualTo("TIMEOUT");
    }

    @Test
    void redirectsAreNotFollowed() {
        webhook.stubFor(post(urlEqualTo("/moved"))
                .willReturn(
                        aResponse().withStatus(302).withHeader("Location", "http://169.254.169.254/latest/meta-data")));
        EventStore.Created sub = subscribe("smr-licensing", "/moved");
        EventStore.Published pub = publish();
        assertThat(delivery.deliverDue(10)).isZero();
        assertThat(store.delivery(pub.event().id(), sub.subscription().id())
                        .orElseThrow()
                        .lastError())
                .isEqualTo("HTTP_3XX");
    }

    @Test
    void onlyEntitledActiveSubscriptionsGetTheEvent() {
        webhook.stubFor(post(urlEqualTo("/a")).willReturn(aResponse().withStatus(200)));
        EventStore.Created a = subscribe("smr-licensing", "/a");
        EventStore.Created revoked = subscribe("city-service-window", "/b");
        EventStore.Created cancelled = subscribe("ps-household-registry", "/c");
        assertThat(store.cancel(
                        "ps-household-registry", cancelled.subscription().id()))
                .isTrue();
        assertThat(store.cancel("smr-licensing", revoked.subscription().id())).isFalse(); // not its own

        EventStore.Published pub = store.publish(
                RESOURCE,
                "smr-registration",
                "record.changed",
                "{\"key\":\"k\"}",
                s -> !s.consumerSystem().equals("city-service-window")); // authorisation revoked
        assertThat(pub.deliveries()).isEqualTo(1);
        assertThat(store.delivery(pub.event().id(), a.subscription().id())).isPresent();
        assertThat(store.delivery(pub.event().id(), revoked.subscription().id()))
                .isEmpty();
        assertThat(store.subscriptions("ps-household-registry")).isEmpty();
    }

    @Test
    void cancellingDropsPendingDeliveries() {
        webhook.stubFor(post(urlEqualTo("/x")).willReturn(aResponse().withStatus(500)));
        EventStore.Created sub = subscribe("smr-licensing", "/x");
        EventStore.Published pub = publish();
        store.cancel("smr-licensing", sub.subscription().id());
        assertThat(store.delivery(pub.event().id(), sub.subscription().id())).isEmpty();
        assertThat(delivery.deliverDue(10)).isZero();
        assertThat(webhook.findAll(postRequestedFor(urlEqualTo("/x")))).isEmpty();
    }

    @Test
    void aClaimedDeliveryIsNotClaimedTwice() {
        subscribe("smr-licensing", "/hook");
        publish();
        assertThat(store.claimDue(10, Duration.ofMinutes(1))).hasSize(1);
        assertThat(store.claimDue(10, Duration.ofMinutes(1))).isEmpty(); // another worker's lease holds
        clock.advance(Duration.ofMinutes(2));
        assertThat(store.claimDue(10, Duration.ofMinutes(1))).hasSize(1); // the lease expired: reclaimable
    }

    @Test
    void badWebhookUrlsAreRefusedWithEveryReason() {
        EventStore strict =
                new EventStore(new org.h2.jdbcx.JdbcDataSource(), clock, false, WebhookDestinations.publicOnly());
        assertThatThrownBy(() -> strict.checkWebhook("http://user:pw@example.org/h#frag"))
                .isInstanceOfSatisfying(
                        SubscriptionException.class,
                        e -> assertThat(e.violations())
                                .containsExactly(
                                        "webhookUrl: must be https",
                                        "webhookUrl: must not carry credentials",
                                        "webhookUrl: must not have a fragment"));
        assertThatThrownBy(() -> strict.checkWebhook("/relative")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> strict.checkWebhook("ht tp://x")).hasMessageContaining("not a URL");
        assertThatThrownBy(() -> strict.checkWebhook(" ")).hasMessageContaining("required");
        assertThat(strict.checkWebhook("https://consumer.example.org/events").getHost())
                .isEqualTo("consumer.example.org");
    }

    @Test
    void duplicateSubscriptionAndBadEventsAreRefused() {
        subscribe("smr-licensing", "/hook");
        assertThatThrownBy(() -> subscribe("smr-licensing", "/hook"))
                .isInstanceOf(SubscriptionException.class)
                .hasMessageContaining("already subscribed");
        assertThatThrownBy(() -> store.publish(RESOURCE, "p", "9bad type", "[1]", s -> true))
                .isInstanceOfSatisfying(
                        SubscriptionException.class,
                        e -> assertThat(e.violations()).hasSize(2));
        assertThatThrownBy(() -> store.publish(RESOURCE, "p", "ok", "{nope", s -> true))
                .hasMessageContaining("payload: not JSON");
    }

    @Test
    void theTimerRouteDelivers() throws Exception {
        webhook.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
        subscribe("smr-licensing", "/hook");
        publish();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new EventRoutes(delivery, 50, 10));
            camel.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (webhook.findAll(postRequestedFor(urlEqualTo("/hook"))).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertThat(webhook.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1);
    }
}
