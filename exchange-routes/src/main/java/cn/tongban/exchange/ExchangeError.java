package cn.tongban.exchange;

/**
 * Why a pull did not deliver, with the HTTP status the API answers. Codes are stable: clients branch on them.
 */
public enum ExchangeError {
    INVALID_PULL_REQUEST(400),
    RESOURCE_NOT_FOUND(404),
    /** The resource is a draft or retired: only published resources are shared. */
    RESOURCE_NOT_PUBLISHED(403),
    /** The resource is classified 不予共享 (docs/STANDARDS.md §4). */
    RESOURCE_NOT_SHARED(403),
    /** Conditional resource and no approved, unexpired authorisation for this consumer. */
    NO_AUTHORISATION(403),
    /** An authorisation exists but for another purpose or service item. */
    PURPOSE_MISMATCH(403),
    /** A requested field is outside the authorisation. */
    FIELD_NOT_AUTHORISED(403),
    QUOTA_EXCEEDED(429),
    /** The provider's answer breaks the resource's information-item contract. */
    PROVIDER_CONTRACT_VIOLATION(502),
    /** The provider refused the connection, answered 5xx, or its circuit breaker / bulkhead is full. */
    PROVIDER_UNAVAILABLE(503),
    /** The provider did not answer within the read timeout. */
    PROVIDER_TIMEOUT(504),
    /** The access entry could not be made durable, so nothing is released. */
    ACCESS_LOG_UNAVAILABLE(503),
    /** A fault inside the exchange itself (a bug, not the client's or the provider's doing). */
    EXCHANGE_FAILURE(500);

    private final int status;

    ExchangeError(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** True for refusals decided by policy (recorded as REFUSED), false for failures (recorded as FAILED). */
    public boolean isRefusal() {
        return status == 400 || status == 403 || status == 404 || status == 429;
    }
}
