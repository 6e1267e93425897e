package cn.tongban.trust.verdict;

/**
 * Main status of a validation, ETSI EN 319 102-1 §5.1.3: of a certificate path, a time-stamp, a signature or a
 * whole document. The names are part of the HTTP and CLI contract ({@code indication} in the JSON report).
 */
public enum Indication {
    /** Every check passed, certificate path, revocation and licence semantics included. */
    TOTAL_PASSED,
    /** A check failed definitively: no further information (proof of existence, revocation data) can cure it. */
    TOTAL_FAILED,
    /** No check failed, but at least one could not be concluded (e.g. no chain to a trust anchor, no revocation data). */
    INDETERMINATE
}
