package cn.tongban.catalog.admin;

/** The caller's role allows the operation in general, but not on this object (e.g. another department's). */
public class NotPermittedException extends RuntimeException {

    private final String code;

    public NotPermittedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
