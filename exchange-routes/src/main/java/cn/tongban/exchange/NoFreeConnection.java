package cn.tongban.exchange;

/**
 * Thrown by {@link ProviderCallWatch} when a provider call found no pooled connection free within the bulkhead's
 * wait: the exchange's own congestion, like a full bulkhead, so the provider's circuit breaker ignores it (counted
 * as a failure, a burst of such waits after an idle spell opened the breaker for every consumer for 30 s, although
 * the provider answered every call it got). Unchecked, so that Camel's HTTP producer and circuit breaker pass it
 * on as it is; the pull is answered 503 {@code PROVIDER_UNAVAILABLE}, "too many calls in progress".
 */
final class NoFreeConnection extends RuntimeException {

    NoFreeConnection(String provider, Throwable cause) {
        super("no connection to provider " + provider + " came free in time", cause);
    }
}
