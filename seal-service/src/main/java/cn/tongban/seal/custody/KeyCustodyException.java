package cn.tongban.seal.custody;

/**
 * A key store or token cannot be opened, holds no usable key, or refuses to sign. Messages name the store, the
 * alias and what went wrong, never a password or PIN; causes are kept only when they come from the key store
 * implementation (whose messages carry no secrets), so callers may log this exception.
 */
public final class KeyCustodyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KeyCustodyException(String message) {
        super(message);
    }

    public KeyCustodyException(String message, Throwable cause) {
        super(message, cause);
    }
}
