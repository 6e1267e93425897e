package cn.tongban.seal.issue;

import java.util.List;

/**
 * {@link Stamping} refuses to stamp with this seal and signer now, before the document is looked at. The reasons
 * are every violated precondition (or the registry's status), the way a {@link cn.tongban.seal.stamp.StampException}
 * lists them; none contains key material or passwords.
 */
public final class StampRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the seal cannot be used. */
    public enum Reason {
        /** the registry holds the seal as SUSPENDED or REVOKED */
        SEAL_NOT_ACTIVE,
        /** now is outside the seal's validity (GM/T 0031-2014 §6.1.2 step 4) */
        SEAL_NOT_VALID_NOW,
        /** the signer is not one of the seal's signers (GM/T 0031-2014 §6.2.3 step 3) */
        SIGNER_NOT_IN_SEAL
    }

    private final Reason reason;
    private final List<String> reasons;

    StampRefusal(Reason reason, List<String> reasons) {
        super(reason + ": " + String.join("; ", reasons));
        this.reason = reason;
        this.reasons = List.copyOf(reasons);
    }

    public Reason reason() {
        return reason;
    }

    public List<String> reasons() {
        return reasons;
    }
}
