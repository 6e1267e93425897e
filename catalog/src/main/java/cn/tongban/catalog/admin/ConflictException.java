package cn.tongban.catalog.admin;

/** A state transition that the object's current state does not allow (e.g. approving a refused application). */
public class ConflictException extends RuntimeException {

    private final String code;

    public ConflictException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** Stable reason, e.g. {@code INVALID_STATE}. */
    public String code() {
        return code;
    }
}
