package cn.tongban.server.web;

import java.util.List;

/** The one exception type controllers throw for a client-visible error; mapped to problem+json. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldViolation> violations;

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public ApiException(ErrorCode code, String detail, List<FieldViolation> violations) {
        super(detail);
        this.code = code;
        this.violations = List.copyOf(violations);
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
