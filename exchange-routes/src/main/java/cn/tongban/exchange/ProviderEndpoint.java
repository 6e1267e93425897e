package cn.tongban.exchange;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the exchange calls one provider system: its base URI (http or https), connect and read timeouts, the
 * bulkhead size (concurrent calls; more wait at most {@code bulkheadWait}, then 503), and the circuit breaker
 * (opens when {@code failureRatePercent} of the last {@code window} calls, at least {@code minimumCalls}, failed;
 * stays open {@code openFor}).
 */
public record ProviderEndpoint(String systemId, URI baseUri, Duration connectTimeout, Duration readTimeout,
                               int maxConcurrentCalls, Duration bulkheadWait, int window, int minimumCalls,
                               float failureRatePercent, Duration openFor) {

    public ProviderEndpoint {
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(baseUri, "baseUri");
        if (!"http".equals(baseUri.getScheme()) && !"https".equals(baseUri.getScheme())) {
            throw new IllegalArgumentException("provider " + systemId + ": base URI must be http or https");
        }
        if (maxConcurrentCalls < 1 || window < 1 || minimumCalls < 1 || failureRatePercent <= 0
                || failureRatePercent > 100) {
            throw new IllegalArgumentException("provider " + systemId + ": bad bulkhead or circuit-breaker setting");
        }
    }

    /** Defaults: 2 s connect, 5 s read, 32 concurrent calls, 100 ms bulkhead wait, 50% of 20 calls, open 30 s. */
    public static ProviderEndpoint of(String systemId, URI baseUri) {
        return new ProviderEndpoint(systemId, baseUri, Duration.ofSeconds(2), Duration.ofSeconds(5), 32,
                Duration.ofMillis(100), 20, 10, 50f, Duration.ofSeconds(30));
    }

    public ProviderEndpoint withTimeouts(Duration connect, Duration read) {
        return new ProviderEndpoint(systemId, baseUri, connect, read, maxConcurrentCalls, bulkheadWait, window,
                minimumCalls, failureRatePercent, openFor);
    }

    public ProviderEndpoint withBulkhead(int maxConcurrent, Duration wait) {
        return new ProviderEndpoint(systemId, baseUri, connectTimeout, readTimeout, maxConcurrent, wait, window,
                minimumCalls, failureRatePercent, openFor);
    }

    public ProviderEndpoint withCircuitBreaker(int window, int minimumCalls, float failureRatePercent,
                                               Duration openFor) {
        return new ProviderEndpoint(systemId, baseUri, connectTimeout, readTimeout, maxConcurrentCalls,
                bulkheadWait, window, minimumCalls, failureRatePercent, openFor);
    }

    /** The Camel route that calls this provider. */
    public String routeUri() {
        return "direct:provider-" + systemId;
    }
}
