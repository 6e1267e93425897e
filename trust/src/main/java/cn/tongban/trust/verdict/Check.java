package cn.tongban.trust.verdict;

import java.util.Objects;

/**
 * One rule applied during a verification, with its outcome and the clause it implements.
 *
 * @param rule          stable rule name, e.g. {@code PDF_BYTE_RANGE}, {@code CMS_MESSAGE_DIGEST}, {@code SHADOW_HIDE}
 * @param status        the outcome
 * @param subIndication why it did not pass; null when it passed
 * @param clause        the standard clause applied, e.g. {@code ISO 32000-1 §12.8.1}
 * @param detail        the facts behind the outcome, never personal data in clear
 */
public record Check(String rule, Status status, SubIndication subIndication, String clause, String detail) {

    /** Outcome of one check. */
    public enum Status {
        PASSED,
        FAILED,
        INDETERMINATE,
        WARNING
    }

    public Check {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(status, "status");
        if ((status == Status.FAILED || status == Status.INDETERMINATE) != (subIndication != null)) {
            throw new IllegalArgumentException(
                    "a sub-indication goes with, and only with, a check that failed or was not concluded");
        }
    }

    public static Check passed(String rule, String clause, String detail) {
        return new Check(rule, Status.PASSED, null, clause, detail);
    }

    public static Check failed(String rule, SubIndication why, String clause, String detail) {
        return new Check(rule, Status.FAILED, why, clause, detail);
    }

    public static Check indeterminate(String rule, SubIndication why, String clause, String detail) {
        return new Check(rule, Status.INDETERMINATE, why, clause, detail);
    }

    /** A finding that does not change the indication (e.g. revocation skipped on request). */
    public static Check warning(String rule, String clause, String detail) {
        return new Check(rule, Status.WARNING, null, clause, detail);
    }
}
