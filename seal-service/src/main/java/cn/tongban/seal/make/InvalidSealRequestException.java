package cn.tongban.seal.make;

import java.util.List;

/** A seal request or maker key that cannot make a valid seal; lists every violation found, not just the first. */
public final class InvalidSealRequestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> violations;

    InvalidSealRequestException(List<String> violations) {
        super("invalid seal request: " + String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    /** Each violation, naming the field (e.g. {@code picture.data}) and the rule broken. */
    public List<String> violations() {
        return violations;
    }
}
