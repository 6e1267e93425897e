package cn.tongban.trust.validation;

/**
 * ETSI EN 319 102-1 §5.1.3 sub-indications used by this package, each with the main indication it is reported
 * under here. Declaration order is severity order: when several rules fail, the first one declared is reported.
 */
public enum SubIndication {
    /** TOTAL_FAILED: a certificate of the path (or a time-stamp token) does not verify with its issuer's key. */
    SIG_CRYPTO_FAILURE(Indication.TOTAL_FAILED),
    /** TOTAL_FAILED: the time-stamp message imprint does not match the time-stamped data (RFC 3161 §2.4.2). */
    HASH_FAILURE(Indication.TOTAL_FAILED),
    /** TOTAL_FAILED: the leaf was revoked at or before the validation time. */
    REVOKED(Indication.TOTAL_FAILED),
    /** TOTAL_FAILED: the validation time lies after the leaf's notAfter. */
    EXPIRED(Indication.TOTAL_FAILED),
    /** TOTAL_FAILED: the validation time lies before the leaf's notBefore. */
    NOT_YET_VALID(Indication.TOTAL_FAILED),
    /** INDETERMINATE: the token or an object it carries does not parse. */
    FORMAT_FAILURE(Indication.INDETERMINATE),
    /** INDETERMINATE: the time-stamp's signer certificate is absent or does not match its ESS signing-certificate. */
    NO_SIGNING_CERTIFICATE_FOUND(Indication.INDETERMINATE),
    /** INDETERMINATE: no path from the leaf to an anchor of the given set. */
    NO_CERTIFICATE_CHAIN_FOUND(Indication.INDETERMINATE),
    /** INDETERMINATE: an algorithm or key size of the path is below the {@link AlgorithmPolicy}. */
    CRYPTO_CONSTRAINTS_FAILURE(Indication.INDETERMINATE),
    /** INDETERMINATE: basicConstraints, pathLen, key usage, EKU or a critical extension rule failed. */
    CHAIN_CONSTRAINTS_FAILURE(Indication.INDETERMINATE),
    /** INDETERMINATE: a CA certificate of the path is outside its validity period at the validation time. */
    OUT_OF_BOUNDS_NO_POE(Indication.INDETERMINATE),
    /** INDETERMINATE: a CA certificate of the path was revoked at or before the validation time. */
    REVOKED_CA_NO_POE(Indication.INDETERMINATE),
    /** INDETERMINATE: revocation status required by the policy could not be obtained (none, unknown, stale). */
    TRY_LATER(Indication.INDETERMINATE);

    private final Indication indication;

    SubIndication(Indication indication) {
        this.indication = indication;
    }

    /** The main indication this sub-indication is reported under. */
    public Indication indication() {
        return indication;
    }
}
