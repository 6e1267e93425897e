package cn.tongban.seal.ofd;

/** The container or one of its XML parts is malformed; caught inside this package and turned into a result. */
public final class OfdFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    OfdFormatException(String message) {
        super(message);
    }
}
