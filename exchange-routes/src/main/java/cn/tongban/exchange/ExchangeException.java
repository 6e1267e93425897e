package cn.tongban.exchange;

import java.util.List;

/** A pull that did not deliver: the stable error, a human-readable detail, and for 400s every violation. */
public final class ExchangeException extends RuntimeException {

    private final ExchangeError error;
    private final List<String> violations;

    public ExchangeException(ExchangeError error, String detail) {
        this(error, detail, List.of(), null);
    }

    public ExchangeException(ExchangeError error, String detail, List<String> violations, Throwable cause) {
        super(detail, cause, false, false);
        this.error = error;
        this.violations = List.copyOf(violations);
    }

    public ExchangeError error() {
        return error;
    }

    public List<String> violations() {
        return violations;
    }
}
