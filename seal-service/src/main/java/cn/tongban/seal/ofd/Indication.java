package cn.tongban.seal.ofd;

/** Main status of a validation, in the terms of ETSI EN 319 102-1 §5.1.3. */
public enum Indication {
    /** Every check passed, the certificate judgements included. */
    TOTAL_PASSED,
    /** A check failed definitively: the signature is not valid whatever further information may come. */
    TOTAL_FAILED,
    /** No check failed, but at least one could not be concluded (e.g. the certificate chain was not validated). */
    INDETERMINATE
}
