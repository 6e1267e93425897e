package cn.tongban.seal.ofd;

import java.util.Optional;

/**
 * The container or one of its XML parts is malformed; caught inside this package and turned into a result. A
 * package rule ({@link OfdPackage}) or a budget ({@link OfdLimits}) names itself and its clause, so the report's
 * check carries that rule instead of the generic one.
 */
public final class OfdFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String rule;
    private final String clause;

    OfdFormatException(String message) {
        this(null, null, message);
    }

    OfdFormatException(String rule, String clause, String message) {
        super(message);
        this.rule = rule;
        this.clause = clause;
    }

    /** The rule that refused the document ({@code OFD_PACKAGE}, {@code OFD_BUDGET}), when one did. */
    public Optional<String> rule() {
        return Optional.ofNullable(rule);
    }

    /** The clause of that rule. */
    public Optional<String> clause() {
        return Optional.ofNullable(clause);
    }
}
