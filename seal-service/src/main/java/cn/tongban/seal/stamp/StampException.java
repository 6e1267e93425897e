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

    public StampException(List<String> reasons) {
        super(String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public StampException(String reason) {
        this(List.of(reason));
    }

    public List<String> reasons() {
        return reasons;
    }
}
