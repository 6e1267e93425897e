package cn.tongban.exchange.events;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A webhook's name is resolved again before each delivery and the connection goes to the address that check
 * returned: a name that resolved to a public address at subscription and to loopback later (DNS rebinding) is
 * refused without a connection; an allow-listed name is called at its checked address, never resolved by the client.
 */
class WebhookRebindingTest {

    static final String RESOURCE = "310000-102001-00001";

    final Map<String, String> dns = new ConcurrentHashMap<>();
    WireMockServer webhook;
    JdbcDataSource ds;

    InetAddress[] resolve(String host) throws UnknownHostException {
        String a = dns.get(host);
        if (a == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(a)};
    }

    @BeforeEach
    void start() {
        webhook = new WireMockServer(
                WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        webhook.start();
        webhook.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:rebind-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @AfterEach
    void stop() {
        webhook.stop();
    }

    Delivery deliverOnce(List<String> allowed) {
        WebhookDestinations destinations = new WebhookDestinations(allowed, Map.of(), Set.of(), this::resolve);
        EventStore store = new EventStore(ds, Clock.systemUTC(), true, destinations);
        try (WebhookDelivery delivery = new WebhookDelivery(
                store,
                new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(1), 1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Clock.systemUTC(),
                destinations)) {
            EventStore.Created sub = store.subscribe(
                    "smr-licensing", RESOURCE, "http://hooks.consumer.test:" + webhook.port() + "/hook");
            dns.put("hooks.consumer.test", "127.0.0.1"); // after the subscription's check
            EventStore.Published pub = store.publish(RESOURCE, "smr-registration", "record.changed", "{}", s -> true);
            delivery.deliverDue(10);
            return store.delivery(pub.event().id(), sub.subscription().id()).orElseThrow();
        }
    }

    @Test
    void aNameThatRebindsToLoopbackAfterSubscribingIsRefusedAtDeliveryWithoutAConnection() {
        dns.put("hooks.consumer.test", "203.0.113.10");
        Delivery d = deliverOnce(List.of());
        assertThat(d.status()).isEqualTo(Delivery.Status.DEAD);
        assertThat(d.lastError()).isEqualTo("REFUSED");
        assertThat(webhook.findAll(postRequestedFor(urlEqualTo("/hook")))).isEmpty();
    }

    @Test
    void anAllowListedNameIsCalledAtTheAddressItWasCheckedAt() {
        dns.put("hooks.consumer.test", "127.0.0.1");
        Delivery d = deliverOnce(List.of("hooks.consumer.test"));
        assertThat(d.status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(webhook.findAll(postRequestedFor(urlEqualTo("/hook"))))
                .singleElement()
                .satisfies(r -> assertThat(r.getHeader("Host")).isEqualTo("hooks.consumer.test:" + webhook.port()));
    }
}
