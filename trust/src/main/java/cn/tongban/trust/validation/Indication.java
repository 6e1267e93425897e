package cn.tongban.trust.validation;

/** ETSI EN 319 102-1 §5.1.2 main status indications. */
public enum Indication {
    /** All checks passed. */
    TOTAL_PASSED,
    /** A check failed in a way no further evidence (proof of existence, revocation data) can cure. */
    TOTAL_FAILED,
    /** The checks could not conclude; more data or a more lenient policy might give a result. */
    INDETERMINATE
}
