package cn.tongban.catalog.admin;

/** Optimistic locking: the editor read version {@code expected}, but the stored one is {@code actual}. */
public class StaleVersionException extends RuntimeException {

    private final int expected;
    private final int actual;

    public StaleVersionException(String what, int expected, int actual) {
        super(what + " was changed by someone else: you edited version " + expected + ", the current one is " + actual
                + "; read it again and reapply your change");
        this.expected = expected;
        this.actual = actual;
    }

    public int expected() {
        return expected;
    }

    public int actual() {
        return actual;
    }
}
