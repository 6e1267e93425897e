package cn.tongban.seal.codec;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string (original DER content or encodings). The array is copied on the way in and out,
 * so records holding {@code Bytes} stay immutable and compare by content.
 */
public record Bytes(byte[] value) {

    public Bytes {
        value = value.clone();
    }

    public static Bytes of(byte[] value) {
        return new Bytes(value);
    }

    static Bytes copyOf(byte[] src, int from, int to) {
        return new Bytes(Arrays.copyOfRange(src, from, to));
    }

    /** A fresh copy of the bytes. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    public byte[] toByteArray() {
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
