package cn.tongban.exchange.events;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Subscriptions, events and deliveries in the database (migration {@code V2026_11_23_70}). Publishing writes the
 * event and one PENDING delivery per entitled active subscription in one transaction (an outbox), so an event
 * is never lost between "published" and "queued". Workers on any node claim due deliveries with a lease
 * ({@code claimed_until}), so a cluster delivers each attempt once and a crashed worker's claim expires.
 */
public final class EventStore {

    public static final int MAX_PAYLOAD_CHARS = 65_536;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventStore.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final boolean allowPlainHttp;
    private final WebhookDestinations destinations;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param allowPlainHttp accept {@code http://} webhooks (tests, the demo on loopback); production requires
     *                       https so event payloads and signatures do not cross the network in clear
     * @param destinations   where webhooks may point (checked here at subscription, and again at each delivery)
     */
    public EventStore(DataSource dataSource, Clock clock, boolean allowPlainHttp, WebhookDestinations destinations) {
        this.jdbc = JdbcClient.create(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
        this.allowPlainHttp = allowPlainHttp;
        this.destinations = destinations;
    }

    /** A new subscription and its signing secret (returned once; the consumer verifies signatures with it). */
    public record Created(Subscription subscription, String secret) {}

    public Created subscribe(String consumerSystem, String resourceCode, String webhookUrl) {
        return subscribe(consumerSystem, resourceCode, webhookUrl, null, null);
    }

    /** @throws WebhookRefusedException when the webhook points where the exchange may not call */
    public Created subscribe(
            String consumerSystem, String resourceCode, String webhookUrl, String purpose, String serviceItem) {
        URI uri = checkWebhook(webhookUrl);
        try {
            destinations.check(consumerSystem, uri);
        } catch (WebhookDestinations.Refused e) {
            LOG.info("subscription of {} to {} refused: webhook {}", consumerSystem, resourceCode, e.getMessage());
            throw new WebhookRefusedException();
        }
        Instant now = now();
        String id = UUID.randomUUID().toString();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String hex = HexFormat.of().formatHex(secret);
        try {
            jdbc.sql(
                            "INSERT INTO event_subscription (id, consumer_system, resource_code, webhook_url, secret, created_at,"
                                    + " purpose, service_item) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            id,
                            consumerSystem,
                            resourceCode,
                            uri.toString(),
                            hex,
                            Timestamp.from(now),
                            purpose,
                            serviceItem)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new SubscriptionException(
                    List.of("webhookUrl: already subscribed to " + resourceCode + " with this webhook"));
        }
        return new Created(
                new Subscription(id, consumerSystem, resourceCode, uri, purpose, serviceItem, now, null), hex);
    }

    URI checkWebhook(String url) {
        List<String> v = new ArrayList<>();
        URI uri = null;
        if (url == null || url.isBlank()) {
            v.add("webhookUrl: required");
        } else if (url.length() > 2048) {
            v.add("webhookUrl: longer than 2048");
        } else {
            try {
                uri = new URI(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!uri.isAbsolute() || uri.getHost() == null) {
                    v.add("webhookUrl: not an absolute URL with a host");
                } else if (!scheme.equals("https") && !(allowPlainHttp && scheme.equals("http"))) {
                    v.add("webhookUrl: must be https");
                }
                if (uri.getUserInfo() != null) {
                    v.add("webhookUrl: must not carry credentials");
                }
                if (uri.getFragment() != null) {
                    v.add("webhookUrl: must not have a fragment");
                }
            } catch (URISyntaxException e) {
                v.add("webhookUrl: not a URL");
            }
        }
        if (!v.isEmpty()) {
            throw new SubscriptionException(v);
        }
        return uri;
    }

    /** Cancels a consumer's own subscription; false if it has none by that id. Pending deliveries are dropped. */
    public boolean cancel(String consumerSystem, String subscriptionId) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            int n = jdbc.sql("UPDATE event_subscription SET cancelled_at = ? WHERE id = ? AND consumer_system = ?"
                            + " AND cancelled_at IS NULL")
                    .params(Timestamp.from(now()), subscriptionId, consumerSystem)
                    .update();
            jdbc.sql("DELETE FROM event_delivery WHERE subscription_id = ? AND status = 'PENDING'")
                    .param(subscriptionId)
                    .update();
            return n == 1;
        }));
    }

    public List<Subscription> subscriptions(String consumerSystem) {
        return jdbc.sql("SELECT * FROM event_subscription WHERE consumer_system = ? AND cancelled_at IS NULL"
                        + " ORDER BY created_at, id")
                .param(consumerSystem)
                .query(EventStore::subscription)
                .list();
    }

    /**
     * Publishes an event of {@code resourceCode} and queues it for every active subscription that
     * {@code entitled} accepts (the consumer is still authorised for the resource). Returns the event and how
     * many deliveries were queued.
     */
    public record Published(ResourceEvent event, int deliveries) {}

    public Published publish(
            String resourceCode, String publisher, String type, String payloadJson, Predicate<Subscription> entitled) {
        List<String> v = new ArrayList<>();
        if (type == null || !type.matches("[A-Za-z][A-Za-z0-9_.-]{0,63}")) {
            v.add("type: 1 to 64 letters, digits, '_', '.', '-', starting with a letter");
        }
        if (payloadJson == null || payloadJson.length() > MAX_PAYLOAD_CHARS) {
            v.add("payload: required, at most " + MAX_PAYLOAD_CHARS + " characters");
        } else {
            try {
                JsonNode node = JSON.readTree(payloadJson);
                if (node == null || !node.isObject()) {
                    v.add("payload: not a JSON object");
                }
            } catch (Exception e) {
                v.add("payload: not JSON");
            }
        }
        if (!v.isEmpty()) {
            throw new SubscriptionException(v);
        }
        Instant now = now();
        ResourceEvent event =
                new ResourceEvent(UUID.randomUUID().toString(), resourceCode, type, publisher, payloadJson, now);
        List<Subscription> targets = jdbc
                .sql("SELECT * FROM event_subscription WHERE resource_code = ?" + " AND cancelled_at IS NULL")
                .param(resourceCode)
                .query(EventStore::subscription)
                .list()
                .stream()
                .filter(entitled)
                .toList();
        tx.executeWithoutResult(s -> {
            jdbc.sql("INSERT INTO resource_event (id, resource_code, event_type, publisher, payload, published_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .params(event.id(), resourceCode, type, publisher, payloadJson, Timestamp.from(now))
                    .update();
            for (Subscription sub : targets) {
                jdbc.sql("INSERT INTO event_delivery (event_id, subscription_id, status, attempts, next_attempt_at)"
                                + " VALUES (?, ?, 'PENDING', 0, ?)")
                        .params(event.id(), sub.id(), Timestamp.from(now))
                        .update();
            }
        });
        return new Published(event, targets.size());
    }

    /** A claimed delivery with what the worker needs to send it. */
    public record Due(ResourceEvent event, Subscription subscription, String secret, int attempts) {}

    /** Claims up to {@code limit} due deliveries for {@code lease}; another worker cannot claim them meanwhile. */
    public List<Due> claimDue(int limit, Duration lease) {
        Instant now = now();
        List<String[]> candidates = jdbc.sql("SELECT event_id, subscription_id FROM event_delivery"
                        + " WHERE status = 'PENDING' AND next_attempt_at <= ?"
                        + " AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY next_attempt_at")
                .params(Timestamp.from(now), Timestamp.from(now))
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        List<Due> out = new ArrayList<>();
        for (String[] c : candidates) {
            if (out.size() >= limit) {
                break;
            }
            int claimed = jdbc.sql(
                            "UPDATE event_delivery SET claimed_until = ? WHERE event_id = ? AND subscription_id = ?"
                                    + " AND status = 'PENDING' AND (claimed_until IS NULL OR claimed_until < ?)")
                    .params(Timestamp.from(now.plus(lease)), c[0], c[1], Timestamp.from(now))
                    .update();
            if (claimed == 1) {
                out.add(jdbc.sql("SELECT e.id AS e_id, e.resource_code AS e_resource, e.event_type, e.publisher,"
                                + " e.payload, e.published_at, s.*, d.attempts FROM event_delivery d"
                                + " JOIN resource_event e ON e.id = d.event_id"
                                + " JOIN event_subscription s ON s.id = d.subscription_id"
                                + " WHERE d.event_id = ? AND d.subscription_id = ?")
                        .params(c[0], c[1])
                        .query((rs, n) -> new Due(
                                new ResourceEvent(
                                        rs.getString("e_id"),
                                        rs.getString("e_resource"),
                                        rs.getString("event_type"),
                                        rs.getString("publisher"),
                                        rs.getString("payload"),
                                        rs.getTimestamp("published_at").toInstant()),
                                subscription(rs, n),
                                rs.getString("secret"),
                                rs.getInt("attempts")))
                        .single());
            }
        }
        return out;
    }

    public void delivered(Due d) {
        jdbc.sql("UPDATE event_delivery SET status = 'DELIVERED', attempts = attempts + 1, delivered_at = ?,"
                        + " claimed_until = NULL, last_error = NULL WHERE event_id = ? AND subscription_id = ?")
                .params(Timestamp.from(now()), d.event().id(), d.subscription().id())
                .update();
    }

    /** Records a failed attempt: retried after the back-off, or dead when the attempts ran out. */
    public Delivery.Status failed(Due d, String error, Backoff backoff) {
        int attempts = d.attempts() + 1;
        boolean dead = attempts >= backoff.maxAttempts();
        Instant next = now().plus(backoff.after(attempts));
        jdbc.sql("UPDATE event_delivery SET status = ?, attempts = ?, next_attempt_at = ?, claimed_until = NULL,"
                        + " last_error = ? WHERE event_id = ? AND subscription_id = ?")
                .params(
                        dead ? "DEAD" : "PENDING",
                        attempts,
                        Timestamp.from(next),
                        error.length() > 256 ? error.substring(0, 256) : error,
                        d.event().id(),
                        d.subscription().id())
                .update();
        return dead ? Delivery.Status.DEAD : Delivery.Status.PENDING;
    }

    public Optional<Delivery> delivery(String eventId, String subscriptionId) {
        return jdbc.sql("SELECT * FROM event_delivery WHERE event_id = ? AND subscription_id = ?")
                .params(eventId, subscriptionId)
                .query(EventStore::delivery)
                .optional();
    }

    /** Dead letters, oldest first: of one consumer's subscriptions, or of all when {@code consumerSystem} is null. */
    public List<Delivery> deadLetters(String consumerSystem, int limit) {
        String sql = "SELECT d.* FROM event_delivery d JOIN event_subscription s ON s.id = d.subscription_id"
                + " WHERE d.status = 'DEAD'" + (consumerSystem == null ? "" : " AND s.consumer_system = ?")
                + " ORDER BY d.next_attempt_at, d.event_id, d.subscription_id FETCH FIRST " + Math.max(1, limit)
                + " ROWS ONLY";
        JdbcClient.StatementSpec q = jdbc.sql(sql);
        return (consumerSystem == null ? q : q.param(consumerSystem))
                .query(EventStore::delivery)
                .list();
    }

    /** Puts a dead letter back in the queue, due now with fresh attempts; false if it is not dead. */
    public boolean redeliver(String eventId, String subscriptionId) {
        return jdbc.sql(
                                "UPDATE event_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = ?,"
                                        + " claimed_until = NULL WHERE event_id = ? AND subscription_id = ? AND status = 'DEAD'")
                        .params(Timestamp.from(now()), eventId, subscriptionId)
                        .update()
                == 1;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Subscription subscription(ResultSet rs, int n) throws SQLException {
        Timestamp cancelled = rs.getTimestamp("cancelled_at");
        return new Subscription(
                rs.getString("id"),
                rs.getString("consumer_system"),
                rs.getString("resource_code"),
                URI.create(rs.getString("webhook_url")),
                rs.getString("purpose"),
                rs.getString("service_item"),
                rs.getTimestamp("created_at").toInstant(),
                cancelled == null ? null : cancelled.toInstant());
    }

    private static Delivery delivery(ResultSet rs, int n) throws SQLException {
        Timestamp delivered = rs.getTimestamp("delivered_at");
        return new Delivery(
                rs.getString("event_id"),
                rs.getString("subscription_id"),
                Delivery.Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getString("last_error"),
                delivered == null ? null : delivered.toInstant());
    }
}
