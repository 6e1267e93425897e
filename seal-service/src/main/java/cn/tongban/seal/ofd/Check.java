package cn.tongban.seal.ofd;

import java.util.Objects;
import java.util.Optional;

/**
 * One check performed during OFD signature validation, with the clause it implements.
 *
 * @param name         what was checked, e.g. {@code REFERENCE /Doc_0/Document.xml}
 * @param status       the outcome
 * @param subIndication why it did not pass; empty when it passed
 * @param clause       the standard clause applied, e.g. {@code GM/T 0031-2014 §6.2.3 step 2}
 * @param detail       the facts behind the outcome
 */
public record Check(String name, Status status, Optional<SubIndication> subIndication, String clause,
                    String detail) {

    /** Outcome of one check. */
    public enum Status { PASSED, FAILED, INDETERMINATE }

    public Check {
        Objects.requireNonNull(name);
        Objects.requireNonNull(status);
        Objects.requireNonNull(subIndication);
        if ((status == Status.PASSED) != subIndication.isEmpty()) {
            throw new IllegalArgumentException("a sub-indication goes with, and only with, a check that did not pass");
        }
    }

    static Check passed(String name, String clause, String detail) {
        return new Check(name, Status.PASSED, Optional.empty(), clause, detail);
    }

    static Check failed(String name, SubIndication sub, String clause, String detail) {
        return new Check(name, Status.FAILED, Optional.of(sub), clause, detail);
    }

    static Check indeterminate(String name, SubIndication sub, String clause, String detail) {
        return new Check(name, Status.INDETERMINATE, Optional.of(sub), clause, detail);
    }

    boolean passed() {
        return status == Status.PASSED;
    }
}
