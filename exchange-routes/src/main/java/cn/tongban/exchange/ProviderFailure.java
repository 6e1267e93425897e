package cn.tongban.exchange;

/**
 * Thrown inside a provider route for an answer that counts against the provider's circuit breaker (5xx, or a 4xx
 * other than "no such subject"). Carries the status, never the body (which may hold personal data).
 */
final class ProviderFailure extends RuntimeException {

    private final int status;

    ProviderFailure(String systemId, int status) {
        super("provider " + systemId + " answered HTTP " + status, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
