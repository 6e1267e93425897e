package cn.tongban.exchange;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How the exchange calls one provider system: its base URI (http or https), connect and read timeouts, the
 * bulkhead size (concurrent calls; more wait at most {@code bulkheadWait}, then 503), and the circuit breaker
 * (opens when {@code failureRatePercent} of the last {@code window} calls, at least {@code minimumCalls}, failed;
 * stays open {@code openFor}). {@code clientTls}, when set, is the TLS context of a provider that requires mutual
 * TLS: it holds the exchange's own client certificate (never a consumer's) and the anchors the provider's server
 * certificate must chain to; the base URI must then be https. Null: no client certificate is presented.
 */
public record ProviderEndpoint(
        String systemId,
        URI baseUri,
        Duration connectTimeout,
        Duration readTimeout,
        int maxConcurrentCalls,
        Duration bulkheadWait,
        int window,
        int minimumCalls,
        float failureRatePercent,
        Duration openFor,
        SSLContext clientTls) {

    public ProviderEndpoint {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(baseUri, "baseUri");
        if (!"http".equals(baseUri.getScheme()) && !"https".equals(baseUri.getScheme())) {
            throw new IllegalArgumentException("provider " + systemId + ": base URI must be http or https");
        }
        if (maxConcurrentCalls < 1
                || window < 1
                || minimumCalls < 1
                || failureRatePercent <= 0
                || failureRatePercent > 100) {
            throw new IllegalArgumentException("provider " + systemId + ": bad bulkhead or circuit-breaker setting");
        }
        if (clientTls != null && !"https".equals(baseUri.getScheme())) {
            throw new IllegalArgumentException("provider " + systemId + ": mutual TLS needs an https base URI");
        }
    }

    /** Defaults: 2 s connect, 5 s read, 32 concurrent calls, 100 ms bulkhead wait, 50% of 20 calls, open 30 s. */
    public static ProviderEndpoint of(String systemId, URI baseUri) {
        return new ProviderEndpoint(
                systemId,
                baseUri,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                32,
                Duration.ofMillis(100),
                20,
                10,
                50f,
                Duration.ofSeconds(30),
                null);
    }

    public ProviderEndpoint withTimeouts(Duration connect, Duration read) {
        return new ProviderEndpoint(
                systemId,
                baseUri,
                connect,
                read,
                maxConcurrentCalls,
                bulkheadWait,
                window,
                minimumCalls,
                failureRatePercent,
                openFor,
                clientTls);
    }

    public ProviderEndpoint withBulkhead(int maxConcurrent, Duration wait) {
        return new ProviderEndpoint(
                systemId,
                baseUri,
                connectTimeout,
                readTimeout,
                maxConcurrent,
                wait,
                window,
                minimumCalls,
                failureRatePercent,
                openFor,
                clientTls);
    }

    public ProviderEndpoint withCircuitBreaker(
            int window, int minimumCalls, float failureRatePercent, Duration openFor) {
        return new ProviderEndpoint(
                systemId,
                baseUri,
                connectTimeout,
                readTimeout,
                maxConcurrentCalls,
                bulkheadWait,
                window,
                minimumCalls,
                failureRatePercent,
                openFor,
                clientTls);
    }

    /** The same provider called with mutual TLS, presenting the exchange's client certificate of {@code tls}. */
    public ProviderEndpoint withClientTls(SSLContext tls) {
        return new ProviderEndpoint(
                systemId,
                baseUri,
                connectTimeout,
                readTimeout,
                maxConcurrentCalls,
                bulkheadWait,
                window,
                minimumCalls,
                failureRatePercent,
                openFor,
                tls);
    }

    /** The Camel route that calls this provider. */
    public String routeUri() {
        return "direct:provider-" + systemId;
    }
}
