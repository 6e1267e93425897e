package cn.tongban.seal.stamp;

import java.util.List;

/**
 * A stamp cannot be made from the inputs given: the document is not a readable OFD/PDF, the page does not
 * exist, the seal is malformed, the signer is not one of the seal's signers, or the seal is not valid at the
 * signing time. Every reason is listed; none contains key material or passwords.
 */
public final class StampException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> reasons;
    private final String rule;

    public StampException(List<String> reasons) {
        super(String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
        this.rule = null;
    }

    public StampException(String reason) {
        this(List.of(reason));
    }

    /** A refusal by a named rule, e.g. {@code PDF_BUDGET} for a document over one of its budgets. */
    public StampException(String rule, String reason) {
        super(rule + ": " + reason);
        this.reasons = List.of(rule + ": " + reason);
        this.rule = rule;
    }

    /** The rule that refused the stamp, when one did. */
    public java.util.Optional<String> rule() {
        return java.util.Optional.ofNullable(rule);
    }

    public List<String> reasons() {
        return reasons;
    }
}
