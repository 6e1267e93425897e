package cn.tongban.seal.codec;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string (original DER content or encodings). Arrays are copied on the way in and out, so
 * records holding {@code Bytes} stay immutable and compare by content. A class rather than a record so that
 * the decoder can hand over a freshly copied array without a second copy.
 */
public final class Bytes {

    private final byte[] value;

    private Bytes(byte[] value) {
        this.value = value;
    }

    public static Bytes of(byte[] value) {
        return new Bytes(value.clone());
    }

    static Bytes copyOf(byte[] src, int from, int to) {
        return new Bytes(Arrays.copyOfRange(src, from, to));
    }

    static Bytes wrap(byte[] fresh) {
        return new Bytes(fresh);
    }

    /** A fresh copy of the bytes. */
    public byte[] value() {
        return value.clone();
    }

    public int size() {
        return value.length;
    }

    public String hex() {
        return HexFormat.of().formatHex(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Bytes[" + value.length + "]";
    }
}
