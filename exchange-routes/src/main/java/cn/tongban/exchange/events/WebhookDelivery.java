package cn.tongban.exchange.events;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>Before each attempt the webhook's host is checked again ({@link WebhookDestinations}) and the connection goes to
 * the addresses that check returned; the client's own name resolution refuses everything, so nothing reaches an
 * address that was not checked. The subscriber sees only a {@link FailureClass}; the operator log has the detail.
 */
public final class WebhookDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventStore store;
    private final Backoff backoff;
    private final CloseableHttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final WebhookDestinations destinations;

    public WebhookDelivery(
            EventStore store,
            Backoff backoff,
            Duration connectTimeout,
            Duration timeout,
            Clock clock,
            WebhookDestinations destinations) {
        this.store = store;
        this.backoff = backoff;
        this.timeout = timeout;
        this.clock = clock;
        this.destinations = destinations;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new org.apache.hc.client5.http.DnsResolver() {
                            @Override
                            public InetAddress[] resolve(String host) throws UnknownHostException {
                                throw new UnknownHostException(
                                        host + ": webhook connections use checked addresses only");
                            }

                            @Override
                            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                                throw new UnknownHostException(host);
                            }
                        })
                        // the JVM's trust store (javax.net.ssl.*), as before; no proxy: it would resolve names itself
                        .setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout.toMillis(), TimeUnit.MILLISECONDS))
                                .setSocketTimeout(Timeout.of(timeout.toMillis(), TimeUnit.MILLISECONDS))
                                .build())
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /** Sends what is due now (at most {@code batch}); returns how many were acknowledged. */
    public int deliverDue(int batch) {
        List<EventStore.Due> due = store.claimDue(batch, timeout.multipliedBy(2).plusSeconds(5));
        int ok = 0;
        for (EventStore.Due d : due) {
            Failure failure = send(d);
            if (failure == null) {
                store.delivered(d);
                ok++;
            } else {
                Delivery.Status s = store.failed(d, failure.kind().name(), backoff);
                LOG.info(
                        "event {} to subscription {} of {}: attempt {} failed ({}: {}), now {}",
                        d.event().id(),
                        d.subscription().id(),
                        d.subscription().consumerSystem(),
                        d.attempts() + 1,
                        failure.kind(),
                        failure.detail(),
                        s);
            }
        }
        return ok;
    }

    /** A failed attempt: its class (for the subscriber) and the detail (for the operator log). */
    record Failure(FailureClass kind, String detail) {}

    /** Null when acknowledged, else why not (never the response body). */
    private Failure send(EventStore.Due d) {
        URI webhook = d.subscription().webhook();
        InetAddress[] addresses;
        try {
            addresses = destinations.check(d.subscription().consumerSystem(), webhook);
        } catch (WebhookDestinations.Refused e) {
            return new Failure(FailureClass.REFUSED, e.getMessage());
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("eventId", d.event().id());
        body.put("resourceCode", d.event().resourceCode());
        body.put("type", d.event().type());
        body.put("publishedAt", d.event().publishedAt().toString());
        HttpPost request = new HttpPost(webhook);
        try {
            body.set("payload", JSON.readTree(d.event().payload()));
            String text = JSON.writeValueAsString(body);
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            request.setConfig(RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(timeout.toMillis(), TimeUnit.MILLISECONDS))
                    .build());
            request.setHeader("Idempotency-Key", d.event().id());
            request.setHeader("X-Tongban-Event-Type", d.event().type());
            request.setHeader("X-Tongban-Timestamp", timestamp);
            request.setHeader("X-Tongban-Signature", "sha256=" + signature(d.secret(), timestamp, text));
            request.setEntity(new StringEntity(text, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
            // Pinned: the route's target carries the checked address, so the client connects there (TLS still
            // verifies the host name of the URL) and never resolves the name itself.
            String host = webhook.getHost();
            HttpHost target = new HttpHost(
                    webhook.getScheme(),
                    addresses[0],
                    host.startsWith("[") ? host.substring(1, host.length() - 1) : host,
                    port(webhook));
            ClassicHttpResponse response = http.executeOpen(target, request, null);
            int status = response.getCode();
            request.cancel(); // the body is not read: drop the connection rather than drain it
            try {
                response.close();
            } catch (IOException alreadyDropped) {
                // the status is what counts
            }
            return status / 100 == 2 ? null : new Failure(FailureClass.ofStatus(status), "HTTP " + status);
        } catch (SocketTimeoutException e) { // connect (ConnectTimeoutException) or read
            return new Failure(FailureClass.TIMEOUT, e.getClass().getSimpleName());
        } catch (IOException e) {
            return new Failure(FailureClass.CONNECT_FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    @Override
    public void close() {
        http.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
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
