package cn.tongban.server.exchange;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The exchange's settings, under {@code tongban.exchange}.
 *
 * @param providers  how to call each provider system, by system id (the demo adds its simulated departments)
 * @param quota      the limits of a consumer system without an entry in {@code quotas}
 * @param quotas     limits per consumer system id
 * @param maxSubjects most subjects in one pull request
 * @param webhooks    event delivery settings
 * @param cache       the pull path's cache of catalogue reads and authorisation decisions
 * @param clientIdentity the platform PKI client certificate the exchange presents to providers that require mutual
 *                    TLS: {@code <pki dir>/clients/<clientIdentity>.p12} (make it with
 *                    {@code pki client --system tongban-exchange})
 * @param slowPull    a pull at least this slow (from the request's arrival to its answer) is logged with where its
 *                    time went; {@code 0s}: never
 */
@ConfigurationProperties("tongban.exchange")
@Validated
public record ExchangeProperties(
        @DefaultValue Map<String, @Valid Provider> providers,
        @DefaultValue @Valid Quota quota,
        @DefaultValue Map<String, @Valid Quota> quotas,
        @DefaultValue("20") @Min(1) @Max(100) int maxSubjects,
        @DefaultValue @Valid Webhooks webhooks,
        @DefaultValue @Valid Cache cache,
        @DefaultValue("tongban-exchange") String clientIdentity,
        @DefaultValue @Valid Datasets datasets,
        @DefaultValue("1s") Duration slowPull) {

    /**
     * Dataset files of FILE-shared resources.
     *
     * @param dir           where versions are stored ({@code <dir>/<resource>/v<N>.jsonl})
     * @param maxUploadSize largest upload over HTTP (the upload path is exempt from {@code tongban.web.max-body-size})
     * @param inbox         the inbox folder ({@code <inbox>/<provider system>/<resource>/<file>.csv|jsonl}); the
     *                      route watches it when {@code inboxEnabled}
     * @param inboxEnabled  watch the inbox
     * @param inboxPoll     how often the inbox is scanned, and how long a file must stay unchanged to be taken
     * @param maxReportedRows bad rows of one import whose errors are written to its error log (the first ones; the
     *                      rest are counted)
     * @param maxErrorLogSize largest error log of one import
     * @param maxStoredSize largest stored version (typed JSON Lines) one import may write
     */
    public record Datasets(
            @DefaultValue("data/datasets") java.nio.file.Path dir,
            @DefaultValue("2GB") org.springframework.util.unit.DataSize maxUploadSize,
            @DefaultValue("inbox") java.nio.file.Path inbox,
            @DefaultValue("true") boolean inboxEnabled,
            @DefaultValue("5s") Duration inboxPoll,
            @DefaultValue("1000") @Min(0) int maxReportedRows,
            @DefaultValue("2MB") org.springframework.util.unit.DataSize maxErrorLogSize,
            @DefaultValue("8GB") org.springframework.util.unit.DataSize maxStoredSize) {}

    /**
     * @param ttl longest life of a cached resource or authorisation list (a bound should a cluster member miss an
     *            invalidation; changes drop entries at once); {@code 0s} disables the cache
     */
    public record Cache(@DefaultValue("60s") Duration ttl) {}

    /**
     * Event delivery to subscribers' webhooks.
     *
     * @param allowHttp      accept plain {@code http://} webhooks (the loopback demo and tests); production: https
     * @param initialBackoff wait after the first failed attempt; doubles each time up to {@code maxBackoff}
     * @param maxAttempts    attempts before a delivery becomes a dead letter
     * @param poll           how often each node looks for due deliveries
     * @param timeout        how long a webhook may take to answer
     * @param allowedDestinations webhook destinations allowed although internal (loopback, private, link-local, the
     *                       platform's own addresses...), for every system: {@code host[:port]} (the URL's host as
     *                       written) or a CIDR block; none by default: webhooks must be public addresses
     * @param systemAllowedDestinations the same, per consumer system id
     */
    public record Webhooks(
            @DefaultValue("false") boolean allowHttp,
            @DefaultValue("5s") Duration initialBackoff,
            @DefaultValue("1h") Duration maxBackoff,
            @DefaultValue("12") @Min(1) int maxAttempts,
            @DefaultValue("1s") Duration poll,
            @DefaultValue("5s") Duration timeout,
            @DefaultValue List<String> allowedDestinations,
            @DefaultValue Map<String, List<String>> systemAllowedDestinations) {}

    /**
     * @param baseUri            http(s)://host:port[/prefix] of the provider system
     * @param connectTimeout     TCP/TLS connect timeout
     * @param readTimeout        time to wait for the answer
     * @param maxConcurrentCalls bulkhead size: calls in flight to this provider from this node
     * @param openFor            how long the circuit breaker stays open after half its recent calls failed
     * @param mutualTls          the provider requires a client certificate: present the exchange's own
     *                           ({@code clientIdentity}), never a consumer's; the base URI must be https
     * @param trustStore         PKCS#12 anchors the provider's server certificate must chain to (mutual TLS);
     *                           default: the platform trust store {@code <pki dir>/truststore.p12}
     * @param trustStorePassword its password; default: the platform store password
     */
    public record Provider(
            @NotNull URI baseUri,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("5s") Duration readTimeout,
            @DefaultValue("32") @Min(1) int maxConcurrentCalls,
            @DefaultValue("30s") Duration openFor,
            @DefaultValue("false") boolean mutualTls,
            java.nio.file.Path trustStore,
            String trustStorePassword) {}

    /** Pulls per minute per resource, and per day over all resources; 0 = no limit of that kind. */
    public record Quota(
            @DefaultValue("600") @Min(0) int perMinutePerResource,
            @DefaultValue("100000") @Min(0) int perDay) {}
}
