package cn.tongban.licence.report;

/** Main status of a document verification, ETSI EN 319 102-1 §5.1.3. */
public enum Indication {
    /** Every check passed, certificate path, revocation and licence semantics included. */
    TOTAL_PASSED,
    /** A check failed definitively: no further information can make the document valid. */
    TOTAL_FAILED,
    /** No check failed, but at least one could not be concluded (e.g. no chain to a trust anchor, no revocation data). */
    INDETERMINATE
}
