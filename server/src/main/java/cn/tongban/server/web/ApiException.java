package cn.tongban.server.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one exception type controllers throw for a client-visible error; mapped to problem+json. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldViolation> violations;
    private final Long retryAfterSeconds;
    private final Map<String, Object> properties = new LinkedHashMap<>();

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

    /** Adds a member to the problem body (e.g. the name of a rejected dataset's error log); returns this. */
    public ApiException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /** The extra members of the problem body, in the order they were added. */
    public Map<String, Object> properties() {
        return Map.copyOf(properties);
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
    public record FieldViolation(String field, String message, String code) {}
}
