package cn.tongban.catalog.admin;

/** An unknown code of a catalogue object. */
public class NotFoundException extends RuntimeException {

    /** What was not found; the server maps each kind to its own stable error code. */
    public enum Kind {
        RESOURCE,
        DEPARTMENT,
        SYSTEM,
        SERVICE_ITEM,
        AUTHORISATION
    }

    private final Kind kind;
    private final String code;

    public NotFoundException(Kind kind, String code) {
        super("No " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " with code " + code);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
