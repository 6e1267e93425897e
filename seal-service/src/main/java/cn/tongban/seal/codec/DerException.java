package cn.tongban.seal.codec;

/** Internal signal of malformed input; always converted to {@link Decoded.Malformed} by {@link SealDecoder}. */
final class DerException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String path;

    DerException(String reason, String path) {
        super(reason, null, false, false);
        this.path = path;
    }

    String path() {
        return path;
    }
}
