package cn.tongban.exchange.events;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Sends due deliveries to their webhooks, at least once: {@code POST} of
 * {@code {"eventId", "resourceCode", "type", "publishedAt", "payload"}} with
 * <ul>
 *   <li>{@code Idempotency-Key: <eventId>} — the same on every attempt, so a consumer drops repeats;</li>
 *   <li>{@code X-Tongban-Timestamp: <epoch seconds>} and
 *       {@code X-Tongban-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>} — the consumer checks
 *       the event came from the exchange and is fresh.</li>
 * </ul>
 * A 2xx answer acknowledges; anything else (status, refused connection, timeout) is a failed attempt retried with
 * {@link Backoff} until it is dead. Redirects are not followed. A worker on each node may run this: deliveries are
 * claimed with a lease.
 */
public final class WebhookDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventStore store;
    private final Backoff backoff;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    public WebhookDelivery(EventStore store, Backoff backoff, Duration connectTimeout, Duration timeout, Clock clock) {
        this.store = store;
        this.backoff = backoff;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends what is due now (at most {@code batch}); returns how many were acknowledged. */
    public int deliverDue(int batch) {
        List<EventStore.Due> due = store.claimDue(batch, timeout.multipliedBy(2).plusSeconds(5));
        int ok = 0;
        for (EventStore.Due d : due) {
            String error = send(d);
            if (error == null) {
                store.delivered(d);
                ok++;
            } else {
                Delivery.Status s = store.failed(d, error, backoff);
                LOG.info("event {} to subscription {}: attempt {} failed ({}), now {}", d.event().id(),
                        d.subscription().id(), d.attempts() + 1, error, s);
            }
        }
        return ok;
    }

    /** Null when acknowledged, else why not (never the response body). */
    private String send(EventStore.Due d) {
        ObjectNode body = JSON.createObjectNode();
        body.put("eventId", d.event().id());
        body.put("resourceCode", d.event().resourceCode());
        body.put("type", d.event().type());
        body.put("publishedAt", d.event().publishedAt().toString());
        try {
            body.set("payload", JSON.readTree(d.event().payload()));
            String text = JSON.writeValueAsString(body);
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            HttpRequest request = HttpRequest.newBuilder(d.subscription().webhook()).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", d.event().id())
                    .header("X-Tongban-Event-Type", d.event().type())
                    .header("X-Tongban-Timestamp", timestamp)
                    .header("X-Tongban-Signature", "sha256=" + signature(d.secret(), timestamp, text))
                    .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
        } catch (HttpTimeoutException e) {
            return "timeout";
        } catch (IOException e) {
            return "I/O: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The signature a consumer recomputes: hex HMAC-SHA256 over {@code timestamp + "." + body}. */
    public static String signature(String secretHex, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HexFormat.of().parseHex(secretHex), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
