package cn.tongban.seal.registry;

/** A registry request that cannot be carried out; {@link #code()} is stable for API error mapping. */
public final class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Code {
        /** The owner's unified social credit code fails GB 32100-2015. */
        INVALID_USCC,
        /** The seal bytes are not a GB/T 38540 / GM/T 0031 SESeal, or a field is out of range. */
        INVALID_SEAL,
        /** A seal with this esID or these bytes is already registered. */
        DUPLICATE_SEAL,
        /** No seal with this esID. */
        UNKNOWN_SEAL,
        /** The change is not allowed from the current status (e.g. anything after REVOKED). */
        ILLEGAL_TRANSITION,
        /** A reason, actor or time is missing or out of order. */
        INVALID_CHANGE
    }

    private final Code code;
    private final String field;

    public RegistryException(Code code, String message) {
        this(code, null, message);
    }

    /** @param field the request field the problem is about ({@code effectiveAt}, {@code reason}), or null */
    public RegistryException(Code code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public Code code() {
        return code;
    }

    /** The request field at fault, or null when the code alone says it. */
    public String field() {
        return field;
    }
}
