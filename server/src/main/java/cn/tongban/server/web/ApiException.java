package cn.tongban.server.web;

import java.util.List;

/** The one exception type controllers throw for a client-visible error; mapped to problem+json. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldViolation> violations;
    private final Long retryAfterSeconds;

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public ApiException(ErrorCode code, String detail, List<FieldViolation> violations) {
        this(code, detail, violations, null);
    }

    /** With {@code Retry-After} (seconds) for 429 and 503 answers; null for none. */
    public ApiException(ErrorCode code, String detail, List<FieldViolation> violations, Long retryAfterSeconds) {
        super(detail);
        this.code = code;
        this.violations = List.copyOf(violations);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** One violated rule on one field. */
    public record FieldViolation(String field, String message, String code) {
    }
}
