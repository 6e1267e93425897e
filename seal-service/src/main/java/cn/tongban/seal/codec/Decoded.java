package cn.tongban.seal.codec;

/**
 * Outcome of decoding untrusted DER: either the decoded value or a description of why the input is malformed.
 * Decoders never throw for bad input.
 */
public sealed interface Decoded<T> {

    /** The input decoded; {@code value} is fully populated and immutable. */
    record Ok<T>(T value) implements Decoded<T> {}

    /**
     * The input is not a well-formed structure. {@code path} names the ASN.1 element where decoding stopped,
     * e.g. {@code SESeal.eSealInfo.picture.data}; {@code reason} says what was wrong there.
     */
    record Malformed<T>(String reason, String path) implements Decoded<T> {}

    default boolean isOk() {
        return this instanceof Ok<T>;
    }

    /** The value, or an {@link IllegalStateException} naming the reason when malformed. */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        Malformed<T> m = (Malformed<T>) this;
        throw new IllegalStateException("malformed at " + m.path() + ": " + m.reason());
    }
}
