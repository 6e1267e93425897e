package cn.tongban.catalog.admin;

import java.util.List;

/** Input that violates catalogue rules; carries every violation found, not just the first. */
public class ValidationException extends RuntimeException {

    private final List<Violation> violations;

    public ValidationException(List<Violation> violations) {
        super(violations.size() + " rule(s) violated: "
                + violations.stream()
                        .map(v -> v.field() + " " + v.message())
                        .reduce((a, b) -> a + "; " + b)
                        .orElse(""));
        this.violations = List.copyOf(violations);
    }

    public static ValidationException of(String field, String message, String code) {
        return new ValidationException(List.of(new Violation(field, message, code)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
