package cn.tongban.exchange;

import java.util.List;

/** A pull that did not deliver: the stable error, a human-readable detail, and for 400s every violation. */
public final class ExchangeException extends RuntimeException {

    private final ExchangeError error;
    private final List<String> violations;
    private final java.time.Duration retryAfter;

    public ExchangeException(ExchangeError error, String detail) {
        this(error, detail, List.of(), null);
    }

    public ExchangeException(ExchangeError error, String detail, List<String> violations, Throwable cause) {
        this(error, detail, violations, cause, null);
    }

    /** A refusal the consumer may retry after {@code retryAfter} (quota windows). */
    public ExchangeException(
            ExchangeError error,
            String detail,
            List<String> violations,
            Throwable cause,
            java.time.Duration retryAfter) {
        super(detail, cause, false, false);
        this.error = error;
        this.violations = List.copyOf(violations);
        this.retryAfter = retryAfter;
    }

    /** When the consumer may try again (the HTTP {@code Retry-After}), or null. */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    public ExchangeError error() {
        return error;
    }

    public List<String> violations() {
        return violations;
    }
}
