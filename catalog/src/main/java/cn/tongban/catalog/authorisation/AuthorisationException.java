package cn.tongban.catalog.authorisation;

import java.util.List;

/** Why an authorisation request or decision cannot be taken: its kind and every violation ("field: reason"). */
public final class AuthorisationException extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, NOT_PERMITTED, STALE_VERSION, WRONG_STATE }

    private final Kind kind;
    private final List<String> violations;

    public AuthorisationException(Kind kind, String message, List<String> violations) {
        super(message, null, false, false);
        this.kind = kind;
        this.violations = List.copyOf(violations);
    }

    public Kind kind() {
        return kind;
    }

    public List<String> violations() {
        return violations;
    }
}
